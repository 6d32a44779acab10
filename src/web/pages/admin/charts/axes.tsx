import type { Locale } from "../../../../i18n/catalogues";
import { shortDay } from "../format";
import { labelledIndexes } from "./scale";

/** Horizontal gridlines at each tick with its label left of the plot. */
export function YAxis(props: {
  ticks: number[];
  y: (value: number) => number;
  left: number;
  right: number;
  label: (value: number) => string;
}) {
  return (
    <g class="chart-axis chart-y">
      {props.ticks.map((tick) => {
        const at = props.y(tick);
        return (
          <g>
            <line
              class={tick === 0 ? "chart-zero" : "chart-grid"}
              x1={props.left}
              x2={props.right}
              y1={at}
              y2={at}
            />
            <text x={props.left - 6} y={at} dy="0.32em" text-anchor="end">
              {props.label(tick)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Day labels under the plot, thinned to a readable few (the table below has every day). */
export function XAxis(props: {
  days: string[];
  center: (index: number) => number;
  y: number;
  locale: Locale;
}) {
  return (
    <g class="chart-axis chart-x">
      {labelledIndexes(props.days.length).map((index) => {
        const day = props.days[index] ?? "";
        return (
          <text x={props.center(index)} y={props.y + 16} text-anchor="middle">
            {shortDay(props.locale, day)}
          </text>
        );
      })}
    </g>
  );
}

/** The series' colour keys, outside the SVG so they wrap on narrow screens. */
export function Legend(props: { items: { label: string; series: string }[] }) {
  return (
    <ul class="chart-legend">
      {props.items.map((item) => (
        <li>
          <span class={`chart-swatch ${item.series}`} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
