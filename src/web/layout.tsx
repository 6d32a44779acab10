import type { Child } from "hono/jsx";
import { LOCALES, type Locale } from "../i18n/catalogues";
import type { Translate } from "../i18n/translate";
import { assetUrl, type ScriptName } from "./assets";
import type { Viewer } from "./viewer";

export interface LayoutProps {
  title: string;
  description?: string;
  locale: Locale;
  t: Translate;
  viewer: Viewer | null;
  /** The path and query of this page: the nav marks it, the locale switcher returns to it. */
  path: string;
  scripts: ScriptName[];
  /** Catalogue entries the page's scripts need, rendered as a JSON data block. */
  clientText: Record<string, string>;
  children: Child;
}

const NAV = [
  { href: "/", key: "web.nav.gallery" },
  { href: "/create", key: "web.nav.create" },
  { href: "/library", key: "web.nav.library" },
  { href: "/pricing", key: "web.nav.pricing" },
] as const;

function isCurrent(path: string, href: string): boolean {
  const bare = path.split("?")[0] ?? path;
  return href === "/" ? bare === "/" : bare === href || bare.startsWith(`${href}/`);
}

/** The page shell: header with navigation, session and locale switcher; main; footer. */
export function Layout(props: LayoutProps) {
  const { t, viewer, path } = props;
  const nav = viewer?.role === "admin" ? [...NAV, { href: "/admin", key: "web.nav.admin" }] : NAV;
  const hasClientText = Object.keys(props.clientText).length > 0;
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Aniforge`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <link rel="icon" href={assetUrl("favicon.svg")} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl("app.css")} />
        <script defer src={assetUrl("common.js")} />
        {props.scripts.map((name) => (
          <script defer src={assetUrl(name)} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("web.layout.skip")}
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/">
              <img src={assetUrl("favicon.svg")} alt="" width="28" height="28" />
              Aniforge
            </a>
            <nav class="site-nav" aria-label={t("web.layout.navLabel")}>
              {nav.map((item) => (
                <a href={item.href} aria-current={isCurrent(path, item.href) ? "page" : undefined}>
                  {t(item.key)}
                </a>
              ))}
            </nav>
            <div class="session">
              {viewer ? (
                <>
                  <a class="credits-pill" href="/account" data-testid="header-credits">
                    {t("web.layout.credits", { count: viewer.balance })}
                  </a>
                  <a href="/account">{viewer.name}</a>
                  <form method="post" action="/sign-out">
                    <button type="submit" class="link-button">
                      {t("web.layout.signOut")}
                    </button>
                  </form>
                </>
              ) : (
                <>
                  <a href={`/sign-in?next=${encodeURIComponent(path)}`}>{t("web.layout.signIn")}</a>
                  <a class="button primary" href={`/sign-up?next=${encodeURIComponent(path)}`}>
                    {t("web.layout.signUp")}
                  </a>
                </>
              )}
              <LocaleSwitcher locale={props.locale} t={t} path={path} />
            </div>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <div id="flash" class="notice" role="status" aria-live="polite" />
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            {t("web.layout.footer")} · <a href="/docs">{t("web.layout.apiDocs")}</a>
          </p>
        </footer>
        {hasClientText ? (
          <script
            type="application/json"
            id="i18n"
            // Raw text (a data block is never decoded as HTML); escaped so nothing closes it.
            dangerouslySetInnerHTML={{ __html: jsonForScript(props.clientText) }}
          />
        ) : null}
      </body>
    </html>
  );
}

/** A form that works without JS (select + submit); common.js submits on change. */
function LocaleSwitcher(props: { locale: Locale; t: Translate; path: string }) {
  const { t } = props;
  return (
    <form class="locale-form" method="post" action="/locale">
      <label class="visually-hidden" for="locale-select">
        {t("web.layout.language")}
      </label>
      <select id="locale-select" name="locale" data-testid="locale-select">
        {LOCALES.map((code) => (
          <option value={code} selected={code === props.locale}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
      <input type="hidden" name="next" value={props.path} />
      <button type="submit">{t("web.layout.changeLanguage")}</button>
    </form>
  );
}

/** Each language named in itself, so a reader finds their own whatever the page's locale. */
const LOCALE_NAMES: Record<Locale, string> = { en: "English", ja: "日本語", zh: "中文" };

/** JSON safe inside a <script> element: no `<`, `>` or `&` that the HTML parser could act on. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
}
