/**
 * Reports answer every day (or month) of their range for every currency they show, zeros
 * included, so a chart's x axis has no holes. Currencies are never added together.
 */
export function fillGrid<T extends { currency: string }>(
  keys: string[],
  currencies: string[],
  rows: Map<string, T>,
  zero: (key: string, currency: string) => T,
): T[] {
  const items: T[] = [];
  for (const key of keys) {
    for (const currency of currencies)
      items.push(rows.get(`${key}|${currency}`) ?? zero(key, currency));
  }
  return items;
}

/** The currencies to show: the filter's, else every one with data in the range (sorted). */
export function currenciesOf(filter: string | undefined, ...seen: Iterable<string>[]): string[] {
  if (filter) return [filter];
  const all = new Set<string>();
  for (const list of seen) for (const currency of list) all.add(currency);
  return [...all].sort();
}

/** Sums the numeric fields of rows per currency. */
export function totalsByCurrency<T extends { currency: string }, K extends keyof T & string>(
  rows: T[],
  fields: K[],
): (Pick<T, K> & { currency: string })[] {
  const totals = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const sum = totals.get(row.currency) ?? Object.fromEntries(fields.map((f) => [f, 0]));
    for (const field of fields) sum[field] = (sum[field] ?? 0) + Number(row[field]);
    totals.set(row.currency, sum);
  }
  return [...totals].map(
    ([currency, sum]) => ({ currency, ...sum }) as Pick<T, K> & { currency: string },
  );
}

/** bigint sums arrive as strings from the driver. */
export const num = (value: unknown): number => Number(value ?? 0);
