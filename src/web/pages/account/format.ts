import type { Locale } from "../../../i18n/catalogues";

/**
 * A price from minor units (cents, or yen which have none): the currency's own number of
 * fraction digits decides the divisor, as Stripe counts amounts.
 */
export function formatPrice(locale: Locale, minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currency.toUpperCase(),
  });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Server-rendered dates are in UTC: the server does not know the reader's time zone. */
export function formatDate(locale: Locale, value: Date | string | null): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(value),
  );
}

export function formatDateTime(locale: Locale, value: Date | string | null): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(value));
}
