import type { Context } from "hono";
import { dailyGenerations } from "../../../admin/generations/stats-queries";
import { monthlyProfit } from "../../../admin/revenue/profit";
import { dailyRevenue, monthlyRecurringRevenue } from "../../../admin/revenue/revenue-queries";
import { daysOf } from "../../../admin/shared/ranges";
import type { AppEnv } from "../../../context";
import { renderPage } from "../../render";
import { GenerationsChart } from "./charts/generations-chart";
import { RevenueChart } from "./charts/revenue-chart";
import { GenerationsTable, MrrTable, ProfitTable, RevenueTable } from "./dashboard-tables";
import { AdminShell, RangeForm } from "./nav";
import { dayRangeOf } from "./query";

/**
 * The dashboard: the same reports as /api/admin/revenue/daily, /generations/daily, /profit and
 * /revenue/mrr over one day range (profit over the months that range touches).
 */
export async function dashboardPage(c: Context<AppEnv>) {
  const t = c.get("t");
  const locale = c.get("locale");
  const { db } = c.get("services");
  const range = dayRangeOf(c);
  const months = { from: range.from.slice(0, 7), to: range.to.slice(0, 7) };
  const [revenue, generations, profit, mrr] = await Promise.all([
    dailyRevenue(db, range),
    dailyGenerations(db, range),
    monthlyProfit(db, months),
    monthlyRecurringRevenue(db),
  ]);
  const days = daysOf(range);
  return renderPage(
    c,
    { title: t("web.admin.dashboard.title") },
    <AdminShell current="dashboard" t={t} heading={t("web.admin.dashboard.title")}>
      <RangeForm t={t} action="/admin" from={range.from} to={range.to} kind="date" />
      <section class="admin-section" aria-labelledby="revenue-heading">
        <h2 id="revenue-heading">{t("web.admin.revenue.heading")}</h2>
        <RevenueChart items={revenue} days={days} locale={locale} t={t} />
        <details class="chart-data" open={revenue.length <= 62}>
          <summary>{t("web.admin.table.data")}</summary>
          <RevenueTable items={revenue} locale={locale} t={t} />
        </details>
      </section>
      <section class="admin-section" aria-labelledby="generations-heading">
        <h2 id="generations-heading">{t("web.admin.generations.heading")}</h2>
        <GenerationsChart items={generations} locale={locale} t={t} />
        <details class="chart-data">
          <summary>{t("web.admin.table.data")}</summary>
          <GenerationsTable items={generations} locale={locale} t={t} />
        </details>
      </section>
      <div class="grid-2">
        <section class="admin-section" aria-labelledby="profit-heading">
          <h2 id="profit-heading">{t("web.admin.profit.heading")}</h2>
          <ProfitTable items={profit} locale={locale} t={t} />
        </section>
        <section class="admin-section" aria-labelledby="mrr-heading">
          <h2 id="mrr-heading">{t("web.admin.mrr.heading")}</h2>
          <MrrTable items={mrr} locale={locale} t={t} />
        </section>
      </div>
    </AdminShell>,
  );
}
