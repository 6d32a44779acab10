import type { DailyGenerations } from "../../../admin/generations/stats-queries";
import type { ProfitRow } from "../../../admin/revenue/profit";
import type { DailyRevenue, MrrRow } from "../../../admin/revenue/revenue-queries";
import type { Locale } from "../../../i18n/catalogues";
import type { Translate } from "../../../i18n/translate";
import { DataTable, numeric } from "../../data-table";
import { formatCount, moneyFormat } from "./format";

interface TableProps<T> {
  items: T[];
  locale: Locale;
  t: Translate;
}

const money = (locale: Locale, currency: string, minor: number) =>
  moneyFormat(locale, currency).format(minor);

/** The chart's figures as a table; days without orders or refunds are left out. */
export function RevenueTable({ items, locale, t }: TableProps<DailyRevenue>) {
  const rows = items.filter((row) => row.orders > 0 || row.refunded > 0);
  if (rows.length === 0) return <p class="muted">{t("web.admin.noData")}</p>;
  return (
    <DataTable
      testid="revenue-table"
      columns={[
        t("web.admin.col.date"),
        t("web.admin.col.currency"),
        numeric(t("web.admin.col.orders")),
        numeric(t("web.admin.col.revenue")),
        numeric(t("web.admin.col.refunded")),
        numeric(t("web.admin.col.net")),
      ]}
    >
      {rows.map((row) => (
        <tr>
          <td>{row.date}</td>
          <td>{row.currency.toUpperCase()}</td>
          <td class="num">{formatCount(locale, row.orders)}</td>
          <td class="num">{money(locale, row.currency, row.revenue)}</td>
          <td class="num">{money(locale, row.currency, row.refunded)}</td>
          <td class="num">{money(locale, row.currency, row.net)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function GenerationsTable({ items, locale, t }: TableProps<DailyGenerations>) {
  const count = (value: number) => formatCount(locale, value);
  return (
    <DataTable
      testid="generations-table"
      columns={[
        t("web.admin.col.date"),
        numeric(t("web.admin.col.total")),
        numeric(t("web.admin.generations.succeeded")),
        numeric(t("web.admin.generations.failed")),
        numeric(t("web.admin.generations.running")),
      ]}
    >
      {items.map((row) => (
        <tr>
          <td>{row.date}</td>
          <td class="num">{count(row.total)}</td>
          <td class="num">{count(row.succeeded)}</td>
          <td class="num">{count(row.failed)}</td>
          <td class="num">{count(row.running)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Months with neither revenue nor costs are left out; each currency stands alone. */
export function ProfitTable({ items, locale, t }: TableProps<ProfitRow>) {
  const rows = items.filter((row) => row.revenue !== 0 || row.costs !== 0);
  if (rows.length === 0) return <p class="muted">{t("web.admin.noData")}</p>;
  return (
    <DataTable
      testid="profit-table"
      columns={[
        t("web.admin.col.month"),
        t("web.admin.col.currency"),
        numeric(t("web.admin.col.net")),
        numeric(t("web.admin.col.costs")),
        numeric(t("web.admin.col.profit")),
      ]}
    >
      {rows.map((row) => (
        <tr>
          <td>{row.month}</td>
          <td>{row.currency.toUpperCase()}</td>
          <td class="num">{money(locale, row.currency, row.revenue)}</td>
          <td class="num">{money(locale, row.currency, row.costs)}</td>
          <td class={row.profit < 0 ? "num negative" : "num"}>
            {money(locale, row.currency, row.profit)}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

export function MrrTable({ items, locale, t }: TableProps<MrrRow>) {
  if (items.length === 0) return <p class="muted">{t("web.admin.mrr.none")}</p>;
  return (
    <DataTable
      testid="mrr-table"
      columns={[
        t("web.admin.col.currency"),
        numeric(t("web.admin.mrr.heading")),
        numeric(t("web.admin.mrr.subscriptions")),
      ]}
    >
      {items.map((row) => (
        <tr>
          <td>{row.currency.toUpperCase()}</td>
          <td class="num">{money(locale, row.currency, row.mrr)}</td>
          <td class="num">{formatCount(locale, row.activeSubscriptions)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
