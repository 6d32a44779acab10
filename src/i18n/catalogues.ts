import en from "../../i18n/en.json";
import ja from "../../i18n/ja.json";
import webAccountEn from "../../i18n/web/account.en.json";
import webAccountJa from "../../i18n/web/account.ja.json";
import webAccountZh from "../../i18n/web/account.zh.json";
import webAdminEn from "../../i18n/web/admin.en.json";
import webAdminJa from "../../i18n/web/admin.ja.json";
import webAdminZh from "../../i18n/web/admin.zh.json";
import webCreateEn from "../../i18n/web/create.en.json";
import webCreateJa from "../../i18n/web/create.ja.json";
import webCreateZh from "../../i18n/web/create.zh.json";
import webGalleryEn from "../../i18n/web/gallery.en.json";
import webGalleryJa from "../../i18n/web/gallery.ja.json";
import webGalleryZh from "../../i18n/web/gallery.zh.json";
import webLayoutEn from "../../i18n/web/layout.en.json";
import webLayoutJa from "../../i18n/web/layout.ja.json";
import webLayoutZh from "../../i18n/web/layout.zh.json";
import zh from "../../i18n/zh.json";

export const LOCALES = ["en", "ja", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export type Catalogue = Record<string, string>;
// The web UI's texts live in i18n/web/<page area>.<locale>.json (keys `web.*`), one file per
// area so the API catalogue stays readable; all are merged into one catalogue per locale.
export const CATALOGUES: Record<Locale, Catalogue> = {
  en: { ...en, ...webLayoutEn, ...webGalleryEn, ...webCreateEn, ...webAccountEn, ...webAdminEn },
  ja: { ...ja, ...webLayoutJa, ...webGalleryJa, ...webCreateJa, ...webAccountJa, ...webAdminJa },
  zh: { ...zh, ...webLayoutZh, ...webGalleryZh, ...webCreateZh, ...webAccountZh, ...webAdminZh },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
