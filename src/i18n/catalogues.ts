import en from "../../i18n/en.json";
import ja from "../../i18n/ja.json";
import zh from "../../i18n/zh.json";

export const LOCALES = ["en", "ja", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export type Catalogue = Record<string, string>;
export const CATALOGUES: Record<Locale, Catalogue> = { en, ja, zh };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
