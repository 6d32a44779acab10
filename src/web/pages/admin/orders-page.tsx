import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { SearchQuery } from "../../../admin/people/filters";
import { listOrders } from "../../../admin/people/orders-list";
import {
  CurrencyFilter,
  dayBounds,
  dayRangeQuery,
  resolveDayRange,
} from "../../../admin/shared/ranges";
import type { AppEnv } from "../../../context";
import { decodeCursor, PageQuerySchema } from "../../../lib/pagination";
import { DataTable, numeric } from "../../data-table";
import { renderPage } from "../../render";
import { formatCount, moneyFormat, utcMinute } from "./format";
import { AdminShell } from "./nav";
import { moreLink, parseQuery } from "./query";

const STATUSES = ["created", "paid", "refunded", "failed"] as const;
const BADGE: Record<string, string> = {
  paid: "badge ok",
  refunded: "badge warn",
  failed: "badge danger",
  created: "badge",
};

// As /api/admin/orders: no from/to = every order; one of them fills the other.
const Query = dayRangeQuery({
  ...PageQuerySchema.shape,
  status: z.enum(STATUSES).optional(),
  currency: CurrencyFilter,
  q: SearchQuery,
});

/** Orders (as /api/admin/orders), newest first, with filters and status badges. */
export async function ordersPage(c: Context<AppEnv>) {
  const t = c.get("t");
  const locale = c.get("locale");
  const { db, now } = c.get("services");
  const { cursor, limit, from, to, ...rest } = parseQuery(c, Query);
  const range = from || to ? resolveDayRange({ from, to }, now()) : null;
  const page = await listOrders(
    db,
    { ...rest, created: range ? dayBounds(range) : undefined },
    { cursor: decodeCursor(cursor), limit },
  );
  const params = { ...rest, from: range?.from, to: range?.to };
  return renderPage(
    c,
    { title: t("web.admin.nav.orders") },
    <AdminShell current="orders" t={t} heading={t("web.admin.nav.orders")}>
      <form class="admin-filters row" method="get" action="/admin/orders">
        <label>
          {t("web.admin.orders.search")}
          <input type="search" name="q" value={rest.q ?? ""} maxlength={100} />
        </label>
        <label>
          {t("web.admin.col.status")}
          <select name="status">
            <option value="">{t("web.admin.all")}</option>
            {STATUSES.map((status) => (
              <option value={status} selected={rest.status === status}>
                {t(`web.admin.orders.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("web.admin.col.currency")}
          <input name="currency" value={rest.currency ?? ""} maxlength={3} pattern="[A-Za-z]{3}" />
        </label>
        <label>
          {t("web.admin.range.from")}
          <input type="date" name="from" value={range?.from ?? ""} />
        </label>
        <label>
          {t("web.admin.range.to")}
          <input type="date" name="to" value={range?.to ?? ""} />
        </label>
        <button type="submit">{t("web.admin.range.apply")}</button>
      </form>
      {page.items.length === 0 ? (
        <p class="muted">{t("web.admin.noData")}</p>
      ) : (
        <DataTable
          testid="orders-table"
          columns={[
            t("web.admin.col.created"),
            t("web.admin.col.order"),
            t("web.admin.col.user"),
            t("web.admin.col.product"),
            numeric(t("web.admin.col.amount")),
            t("web.admin.col.status"),
          ]}
        >
          {page.items.map((order) => {
            const money = moneyFormat(locale, order.currency);
            return (
              <tr data-testid="order-row">
                <td>{utcMinute(order.createdAt)}</td>
                <td>
                  <code>{order.orderNo}</code>
                </td>
                <td>{order.userEmail}</td>
                <td>
                  {order.productName}
                  <div class="muted">
                    {t("web.admin.orders.credits", {
                      count: formatCount(locale, order.credits),
                    })}
                  </div>
                </td>
                <td class="num">
                  {money.format(order.amount)}
                  {order.refundedAmount > 0 ? (
                    <div class="muted">−{money.format(order.refundedAmount)}</div>
                  ) : null}
                </td>
                <td>
                  <span class={BADGE[order.status] ?? "badge"} data-status={order.status}>
                    {t(`web.admin.orders.status.${order.status}`)}
                  </span>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      {page.nextCursor ? (
        <p class="pager">
          <a class="button" href={moreLink("/admin/orders", params, page.nextCursor)}>
            {t("web.admin.more")}
          </a>
        </p>
      ) : null}
    </AdminShell>,
  );
}
