import type { Context } from "hono";
import { type CostRow, listCosts } from "../../../admin/revenue/costs";
import { monthlyProfit } from "../../../admin/revenue/profit";
import type { AppEnv } from "../../../context";
import type { Translate } from "../../../i18n/translate";
import { renderPage } from "../../render";
import { ProfitTable } from "./dashboard-tables";
import { moneyFormat, utcMinute } from "./format";
import { AdminShell, RangeForm } from "./nav";
import { monthRangeOf } from "./query";

export const COST_CLIENT_TEXT = ["web.admin.working"];

/** Outcomes of the no-JS forms, shown after their redirect. */
const NOTICES: Record<string, { key: string; kind: "success" | "error" }> = {
  created: { key: "web.admin.costs.created", kind: "success" },
  updated: { key: "web.admin.costs.updated", kind: "success" },
  COST_ALREADY_EXISTS: { key: "errors.COST_ALREADY_EXISTS", kind: "error" },
  VALIDATION_FAILED: { key: "errors.VALIDATION_FAILED", kind: "error" },
};

/** Operation costs per month (as /api/admin/costs) with add and edit, and the profit they make. */
export async function costsPage(c: Context<AppEnv>) {
  const t = c.get("t");
  const locale = c.get("locale");
  const { db } = c.get("services");
  const range = monthRangeOf(c);
  const [costs, profit] = await Promise.all([listCosts(db, { range }), monthlyProfit(db, range)]);
  const notice = NOTICES[c.req.query("done") ?? ""];
  return renderPage(
    c,
    { title: t("web.admin.nav.costs"), scripts: ["admin.js"], clientText: COST_CLIENT_TEXT },
    <AdminShell current="costs" t={t} heading={t("web.admin.nav.costs")}>
      {notice ? <p class={`notice ${notice.kind}`}>{t(notice.key)}</p> : null}
      <RangeForm t={t} action="/admin/costs" from={range.from} to={range.to} kind="month" />
      <section class="admin-section" aria-labelledby="costs-heading">
        <h2 id="costs-heading">{t("web.admin.costs.heading")}</h2>
        {costs.length === 0 ? (
          <p class="muted">{t("web.admin.noData")}</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="costs-table">
              <thead>
                <tr>
                  <th scope="col">{t("web.admin.col.month")}</th>
                  <th scope="col">{t("web.admin.col.platform")}</th>
                  <th scope="col" class="num">
                    {t("web.admin.col.amount")}
                  </th>
                  <th scope="col">{t("web.admin.col.note")}</th>
                  <th scope="col">{t("web.admin.col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {costs.map((cost) => (
                  <tr data-testid="cost-row" data-id={cost.id}>
                    <td>{cost.month}</td>
                    <td>{cost.platform}</td>
                    <td class="num" data-cost-amount>
                      {moneyFormat(locale, cost.currency).format(cost.amount)}
                    </td>
                    <td>
                      {cost.note ?? ""}
                      <div class="muted">{utcMinute(cost.updatedAt)}</div>
                    </td>
                    <td>
                      <details>
                        <summary>{t("web.admin.costs.edit")}</summary>
                        <CostForm t={t} cost={cost} />
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="admin-section card" aria-labelledby="cost-add-heading">
        <h2 id="cost-add-heading">{t("web.admin.costs.add")}</h2>
        <CostForm t={t} month={range.to} />
      </section>
      <section class="admin-section" aria-labelledby="profit-heading">
        <h2 id="profit-heading">{t("web.admin.profit.heading")}</h2>
        <ProfitTable items={profit} locale={locale} t={t} />
      </section>
    </AdminShell>,
  );
}

/** Add (no `cost`) or edit one cost; posts to the page, or through admin.js to the API. */
function CostForm(props: { t: Translate; cost?: CostRow; month?: string }) {
  const { t, cost } = props;
  const id = cost ? `cost-${cost.id}` : "cost-new";
  const field = (name: string) => `${id}-${name}`;
  return (
    <form
      class="admin-form cost-form"
      method="post"
      action={cost ? `/admin/costs/${cost.id}` : "/admin/costs"}
      data-admin-action={cost ? "cost-update" : "cost-create"}
      data-api={cost ? `/api/admin/costs/${cost.id}` : "/api/admin/costs"}
      data-testid={cost ? "cost-edit-form" : "cost-add-form"}
    >
      <label for={field("month")}>{t("web.admin.col.month")}</label>
      <input
        id={field("month")}
        type="month"
        name="month"
        value={cost?.month ?? props.month}
        required
      />
      <label for={field("platform")}>{t("web.admin.col.platform")}</label>
      <input
        id={field("platform")}
        name="platform"
        value={cost?.platform ?? ""}
        required
        maxlength={64}
      />
      <label for={field("amount")}>{t("web.admin.costs.amountMinor")}</label>
      <input
        id={field("amount")}
        type="number"
        name="amount"
        min={0}
        step={1}
        value={cost ? String(cost.amount) : ""}
        required
        aria-describedby={field("amount-hint")}
      />
      <p id={field("amount-hint")} class="hint">
        {t("web.admin.costs.amountHint")}
      </p>
      <label for={field("currency")}>{t("web.admin.col.currency")}</label>
      <input
        id={field("currency")}
        name="currency"
        value={cost?.currency ?? "usd"}
        required
        pattern="[A-Za-z]{3}"
        maxlength={3}
      />
      <label for={field("note")}>{t("web.admin.col.note")}</label>
      <input id={field("note")} name="note" value={cost?.note ?? ""} maxlength={500} />
      <button type="submit" class="primary">
        {t(cost ? "web.admin.costs.save" : "web.admin.costs.addButton")}
      </button>
    </form>
  );
}
