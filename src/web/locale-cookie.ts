/** The locale a browser chose with the switcher (src/web/session-routes.ts); one year. */
export const LOCALE_COOKIE = "aniforge_locale";
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;
