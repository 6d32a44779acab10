import type { Context } from "hono";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../context";
import type { ScriptName } from "./assets";
import { Layout } from "./layout";
import { pageViewer } from "./viewer";

export interface PageOptions {
  title: string;
  description?: string;
  scripts?: ScriptName[];
  /** Catalogue keys the page's scripts read through `aniforge.text(key)`. */
  clientText?: string[];
  status?: ContentfulStatusCode;
}

/** The path and query of the request, for the nav and the "come back here" links. */
export function pagePath(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

/**
 * Renders a page inside the layout. Pages are per viewer (session, locale cookie), so they are
 * never stored by shared caches.
 */
export async function renderPage(c: Context<AppEnv>, options: PageOptions, body: Child) {
  const t = c.get("t");
  const viewer = await pageViewer(c);
  const clientText: Record<string, string> = {};
  for (const key of options.clientText ?? []) clientText[key] = t(key);
  c.header("Cache-Control", "private, no-cache");
  c.header("Vary", "Cookie", { append: true });
  const page = (
    <Layout
      title={options.title}
      description={options.description}
      locale={c.get("locale")}
      t={t}
      viewer={viewer}
      path={pagePath(c)}
      scripts={options.scripts ?? []}
      clientText={clientText}
    >
      {body}
    </Layout>
  );
  return c.html(html`<!doctype html>${page}`, options.status ?? 200);
}
