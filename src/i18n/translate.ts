import { CATALOGUES, type Catalogue, DEFAULT_LOCALE, type Locale } from "./catalogues";

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * Looks a key up in the locale's catalogue, then English, then returns the key itself (a
 * missing key is caught by the catalogue tests, never a crash at runtime).
 */
export function translator(
  locale: Locale,
  catalogues: Record<Locale, Catalogue> = CATALOGUES,
): Translate {
  const own = catalogues[locale];
  const fallback = catalogues[DEFAULT_LOCALE];
  return (key, params) => {
    const template = own[key] ?? fallback[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
  };
}
