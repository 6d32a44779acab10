import { DEFAULT_LOCALE, isLocale, type Locale } from "./catalogues";

/**
 * SPEC §3 order: `?locale=`, then the user's saved locale, then Accept-Language, then English.
 * Unsupported values at any step are skipped, not errors.
 */
export function negotiateLocale(input: {
  query?: string | null;
  saved?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  const fromQuery = normaliseTag(input.query);
  if (fromQuery) return fromQuery;
  const fromSaved = normaliseTag(input.saved);
  if (fromSaved) return fromSaved;
  for (const tag of parseAcceptLanguage(input.acceptLanguage)) {
    const locale = normaliseTag(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** Maps a BCP 47 tag (ja-JP, zh-Hans-CN, EN) to a supported locale, or null. */
export function normaliseTag(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : null;
}

/** Language tags ordered by q-value (stable for equal q); q=0 means "not acceptable". */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
}
