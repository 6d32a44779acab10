import type { DailyRevenue } from "../../../../admin/revenue/revenue-queries";
import type { Locale } from "../../../../i18n/catalogues";
import type { Translate } from "../../../../i18n/translate";
import { moneyFormat, ordersLabel } from "../format";
import { Legend, XAxis, YAxis } from "./axes";
import { bandScale, linearScale, niceTicks } from "./scale";

const WIDTH = 720;
const PANEL = 150;
const LEFT = 84;
const RIGHT = WIDTH - 12;
const TOP = 10;
const AXIS = 26;

/** The days of one currency, in day order. */
export function seriesByCurrency(items: DailyRevenue[]): Map<string, DailyRevenue[]> {
  const series = new Map<string, DailyRevenue[]>();
  for (const item of items) {
    const list = series.get(item.currency) ?? [];
    list.push(item);
    series.set(item.currency, list);
  }
  return series;
}

/**
 * Paid revenue per UTC day, one panel per currency with its own y axis in that currency:
 * currencies are never added together, nor drawn against each other's scale.
 */
export function RevenueChart(props: {
  items: DailyRevenue[];
  days: string[];
  locale: Locale;
  t: Translate;
}) {
  const { t, locale, days } = props;
  const series = [...seriesByCurrency(props.items)];
  const panels = Math.max(1, series.length);
  const height = TOP + panels * (PANEL + AXIS);
  const x = bandScale(days.length, LEFT, RIGHT);
  const from = days[0] ?? "";
  const to = days[days.length - 1] ?? "";
  return (
    <figure class="chart" data-chart="revenue">
      <svg
        data-testid="revenue-chart"
        role="img"
        aria-labelledby="revenue-chart-title revenue-chart-desc"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
      >
        <title id="revenue-chart-title">{t("web.admin.revenue.chartTitle")}</title>
        <desc id="revenue-chart-desc">
          {t("web.admin.revenue.chartDesc", {
            from,
            to,
            currencies: series.map(([code]) => code.toUpperCase()).join(", ") || "—",
          })}
        </desc>
        {series.length === 0 ? (
          <EmptyPanel top={TOP} days={days} x={x} locale={locale} text={t("web.admin.noData")} />
        ) : (
          series.map(([currency, rows], index) => {
            const money = moneyFormat(locale, currency);
            const top = TOP + index * (PANEL + AXIS);
            const bottom = top + PANEL;
            const ticks = niceTicks(Math.max(0, ...rows.map((r) => money.major(r.revenue))));
            const y = linearScale(ticks[ticks.length - 1] ?? 1, bottom, top);
            return (
              <g class={`chart-series series-${index % 6}`} data-series={currency}>
                <YAxis ticks={ticks} y={y} left={LEFT} right={RIGHT} label={money.formatMajor} />
                {rows.map((row, i) => {
                  const barTop = y(money.major(row.revenue));
                  return (
                    <rect
                      class="chart-bar"
                      x={x.start(i)}
                      y={barTop}
                      width={x.width}
                      height={Math.max(0, bottom - barTop)}
                      data-date={row.date}
                      data-amount={row.revenue}
                    >
                      <title>
                        {`${row.date} · ${money.format(row.revenue)} · ${ordersLabel(t, locale, row.orders)}`}
                      </title>
                    </rect>
                  );
                })}
                <XAxis days={days} center={x.center} y={bottom} locale={locale} />
              </g>
            );
          })
        )}
      </svg>
      <Legend
        items={series.map(([currency], index) => ({
          label: currency.toUpperCase(),
          series: `series-${index % 6}`,
        }))}
      />
    </figure>
  );
}

/** No currency had a sale: the axis and a zero line, with the reason written on the plot. */
export function EmptyPanel(props: {
  top: number;
  days: string[];
  x: ReturnType<typeof bandScale>;
  locale: Locale;
  text: string;
}) {
  const bottom = props.top + PANEL;
  const y = linearScale(1, bottom, props.top);
  return (
    <g class="chart-empty">
      <YAxis ticks={[0]} y={y} left={LEFT} right={RIGHT} label={() => "0"} />
      <text
        class="chart-note"
        x={(LEFT + RIGHT) / 2}
        y={props.top + PANEL / 2}
        text-anchor="middle"
      >
        {props.text}
      </text>
      <XAxis days={props.days} center={props.x.center} y={bottom} locale={props.locale} />
    </g>
  );
}
