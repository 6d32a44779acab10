import type { Locale } from "../../../i18n/catalogues";
import type { Translate } from "../../../i18n/translate";

/**
 * Money in the admin pages: amounts are stored in minor units of their currency, and a
 * currency's minor unit is what Intl says (2 digits for USD, none for JPY), so ¥500 stays 500.
 */
export interface MoneyFormat {
  /** Minor units → major units (the number the charts scale). */
  major(minor: number): number;
  /** Major units → "US$4.99" / "¥500". */
  formatMajor(major: number): string;
  /** Minor units → "US$4.99" / "¥500". */
  format(minor: number): string;
}

export function moneyFormat(locale: Locale, currency: string): MoneyFormat {
  const intl = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currency.toUpperCase(),
  });
  const digits = intl.resolvedOptions().maximumFractionDigits ?? 2;
  const major = (minor: number) => minor / 10 ** digits;
  return {
    major,
    formatMajor: (value) => intl.format(value),
    format: (m) => intl.format(major(m)),
  };
}

export const formatCount = (locale: Locale, value: number) =>
  new Intl.NumberFormat(locale).format(value);

/** "2026-11-23" → "Nov 23" in the reader's language; the day is a UTC calendar day. */
export function shortDay(locale: Locale, isoDay: string): string {
  return new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${isoDay}T00:00:00Z`));
}

/** A timestamp as UTC date and minute: admins compare these with the UTC reports. */
export const utcMinute = (at: Date | string) =>
  `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** An age in its largest whole unit: "45 s", "12 min", "3 h", "2 d". */
export function formatAge(locale: Locale, seconds: number): string {
  const units = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ] as const;
  for (const [unit, size] of units) {
    if (seconds >= size) return unitFormat(locale, unit).format(Math.floor(seconds / size));
  }
  return unitFormat(locale, "second").format(seconds);
}

const unitFormat = (locale: Locale, unit: string) =>
  new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" });

/** "1 order" / "3 orders": the catalogue has a form for one and one for the rest. */
export const ordersLabel = (t: Translate, locale: Locale, count: number) =>
  t(count === 1 ? "web.admin.orders.one" : "web.admin.orders.other", {
    count: formatCount(locale, count),
  });
