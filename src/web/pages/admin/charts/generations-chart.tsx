import type { DailyGenerations } from "../../../../admin/generations/stats-queries";
import type { Locale } from "../../../../i18n/catalogues";
import type { Translate } from "../../../../i18n/translate";
import { formatCount } from "../format";
import { Legend, XAxis, YAxis } from "./axes";
import { bandScale, linearScale, niceTicks } from "./scale";

const WIDTH = 720;
const LEFT = 56;
const RIGHT = WIDTH - 12;
const TOP = 10;
const BOTTOM = 190;
const HEIGHT = BOTTOM + 26;

/** The stack, bottom to top; running ones are the days' not-yet-ended generations. */
export const GENERATION_SEGMENTS = [
  { key: "succeeded", series: "gen-ok" },
  { key: "failed", series: "gen-failed" },
  { key: "running", series: "gen-running" },
] as const;

/** Generations per UTC day of creation, stacked by outcome. */
export function GenerationsChart(props: {
  items: DailyGenerations[];
  locale: Locale;
  t: Translate;
}) {
  const { t, locale, items } = props;
  const days = items.map((item) => item.date);
  const x = bandScale(days.length, LEFT, RIGHT);
  const ticks = niceTicks(Math.max(0, ...items.map((item) => item.total)), { integer: true });
  const y = linearScale(ticks[ticks.length - 1] ?? 1, BOTTOM, TOP);
  const empty = items.every((item) => item.total === 0);
  const label = (key: string) => t(`web.admin.generations.${key}`);
  return (
    <figure class="chart" data-chart="generations">
      <svg
        data-testid="generations-chart"
        role="img"
        aria-labelledby="generations-chart-title generations-chart-desc"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
      >
        <title id="generations-chart-title">{t("web.admin.generations.chartTitle")}</title>
        <desc id="generations-chart-desc">
          {t("web.admin.generations.chartDesc", {
            from: days[0] ?? "",
            to: days[days.length - 1] ?? "",
          })}
        </desc>
        <YAxis
          ticks={ticks}
          y={y}
          left={LEFT}
          right={RIGHT}
          label={(v) => formatCount(locale, v)}
        />
        {items.map((item, i) => {
          let base = 0;
          return (
            <g class="chart-day" data-date={item.date}>
              {GENERATION_SEGMENTS.map((segment) => {
                const count = item[segment.key];
                if (count === 0) return null;
                const bottom = y(base);
                base += count;
                const top = y(base);
                return (
                  <rect
                    class={`chart-bar ${segment.series}`}
                    x={x.start(i)}
                    y={top}
                    width={x.width}
                    height={Math.max(0, bottom - top)}
                    data-segment={segment.key}
                    data-count={count}
                  >
                    <title>{`${item.date} · ${formatCount(locale, count)} ${label(segment.key)}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
        {empty ? (
          <text
            class="chart-note"
            x={(LEFT + RIGHT) / 2}
            y={(TOP + BOTTOM) / 2}
            text-anchor="middle"
          >
            {t("web.admin.noData")}
          </text>
        ) : null}
        <XAxis days={days} center={x.center} y={BOTTOM} locale={locale} />
      </svg>
      <Legend items={GENERATION_SEGMENTS.map((s) => ({ label: label(s.key), series: s.series }))} />
    </figure>
  );
}
