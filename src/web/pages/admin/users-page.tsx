import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { SearchQuery } from "../../../admin/people/filters";
import { listUsers } from "../../../admin/people/users-list";
import type { AppEnv } from "../../../context";
import { decodeCursor, PageQuerySchema } from "../../../lib/pagination";
import { DataTable, numeric } from "../../data-table";
import { renderPage } from "../../render";
import { formatCount, utcMinute } from "./format";
import { AdminShell } from "./nav";
import { moreLink, parseQuery } from "./query";

const Query = PageQuerySchema.extend({
  q: SearchQuery,
  country: z.string().min(1).max(64).optional(),
  ref: z.string().min(1).max(200).optional(),
  utmSource: z.string().min(1).max(200).optional(),
});

/** Users (as /api/admin/users): search, sign-up attribution, membership, balance. */
export async function usersPage(c: Context<AppEnv>) {
  const t = c.get("t");
  const locale = c.get("locale");
  const { db, now } = c.get("services");
  const { cursor, limit, ...filters } = parseQuery(c, Query);
  const page = await listUsers(db, filters, { cursor: decodeCursor(cursor), limit }, now());
  const text = (name: keyof typeof filters, label: string) => (
    <label>
      {label}
      <input name={name} value={filters[name] ?? ""} />
    </label>
  );
  return renderPage(
    c,
    { title: t("web.admin.nav.users") },
    <AdminShell current="users" t={t} heading={t("web.admin.nav.users")}>
      <form class="admin-filters row" method="get" action="/admin/users">
        <label>
          {t("web.admin.users.search")}
          <input type="search" name="q" value={filters.q ?? ""} maxlength={100} />
        </label>
        {text("country", t("web.admin.col.country"))}
        {text("ref", t("web.admin.col.ref"))}
        {text("utmSource", t("web.admin.col.utm"))}
        <button type="submit">{t("web.admin.range.apply")}</button>
      </form>
      {page.items.length === 0 ? (
        <p class="muted">{t("web.admin.noData")}</p>
      ) : (
        <DataTable
          testid="users-table"
          columns={[
            t("web.admin.col.user"),
            t("web.admin.col.created"),
            t("web.admin.col.country"),
            t("web.admin.col.ref"),
            t("web.admin.col.utm"),
            t("web.admin.users.membership"),
            numeric(t("web.admin.col.balance")),
          ]}
        >
          {page.items.map((user) => (
            <tr data-testid="user-row" data-id={user.id}>
              <td>
                {user.displayName ?? user.name}
                <div class="muted">{user.email}</div>
                {user.role === "admin" ? (
                  <span class="badge">{t("web.admin.users.admin")}</span>
                ) : null}
              </td>
              <td>{utcMinute(user.createdAt)}</td>
              <td>{user.signupCountry ?? "—"}</td>
              <td>{user.signupRef ?? "—"}</td>
              <td>{user.signupUtmSource ?? "—"}</td>
              <td>
                {user.member ? (
                  <span class="badge ok">{user.subPlanType ?? t("web.admin.users.member")}</span>
                ) : (
                  <span class="muted">—</span>
                )}
              </td>
              <td class="num">{formatCount(locale, user.balance)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {page.nextCursor ? (
        <p class="pager">
          <a class="button" href={moreLink("/admin/users", filters, page.nextCursor)}>
            {t("web.admin.more")}
          </a>
        </p>
      ) : null}
    </AdminShell>,
  );
}
