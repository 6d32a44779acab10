/**
 * Scales and ticks for the admin charts: pure functions, so they are unit-tested apart from
 * the SVG that draws them.
 */

/** Drops binary float noise (0.30000000000000004) from a tick computed by multiplication. */
const clean = (value: number) => Number(value.toPrecision(12));

/** Pixel positions to a tenth: finer than a screen shows, and a smaller page. */
const px = (value: number) => Math.round(value * 10) / 10;

/** A "nice" step (1, 2, 2.5 or 5 × 10ⁿ) that splits `span` into about `count` parts. */
export function niceStep(span: number, count: number, integer = false): number {
  if (!(span > 0) || count < 1) return 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const factor = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  const step = clean(factor * magnitude);
  // Counts have no half orders: a step below 1 (or 2.5 at n = 0) would label fractions.
  if (integer) return Math.max(1, step === 2.5 ? 2 : Math.round(step));
  return step;
}

/**
 * Ticks from 0 up to the first nice value at or above `max`. All-zero data still gets an axis
 * (0 and 1), so an empty range draws a zero line instead of dividing by zero.
 */
export function niceTicks(max: number, options: { count?: number; integer?: boolean } = {}) {
  if (!(Number.isFinite(max) && max > 0)) return [0, 1];
  const step = niceStep(max, options.count ?? 4, options.integer);
  const last = Math.max(1, Math.ceil(clean(max / step)));
  return Array.from({ length: last + 1 }, (_, i) => clean(i * step));
}

/** Maps [0, domainMax] onto [bottom, top] pixels (SVG's y grows downwards). */
export function linearScale(domainMax: number, bottom: number, top: number) {
  const span = domainMax > 0 ? domainMax : 1;
  return (value: number) => px(bottom - (Math.max(0, value) / span) * (bottom - top));
}

/** Equal bands for `count` categories across [left, right]; bars take `fill` of their band. */
export function bandScale(count: number, left: number, right: number, fill = 0.7) {
  const band = (right - left) / Math.max(1, count);
  const width = Math.max(1, band * fill);
  return {
    band,
    width: px(width),
    start: (index: number) => px(left + index * band + (band - width) / 2),
    center: (index: number) => px(left + index * band + band / 2),
  };
}

/** Label every n-th day so at most `maxLabels` date labels share the axis. */
export function labelEvery(count: number, maxLabels = 8): number {
  return Math.max(1, Math.ceil(count / Math.max(1, maxLabels)));
}

/** The indexes whose date gets a label: the first, then every n-th. */
export function labelledIndexes(count: number, maxLabels = 8): number[] {
  const every = labelEvery(count, maxLabels);
  const indexes: number[] = [];
  for (let i = 0; i < count; i += every) indexes.push(i);
  return indexes;
}
