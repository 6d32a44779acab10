import type { Context } from "hono";
import { classifyError } from "../app/error-handler";
import type { AppEnv } from "../context";
import { renderPage } from "./render";

/**
 * Errors on pages are pages: the same codes and statuses as the API's error shape, the
 * localised message, and the request id to quote to support.
 */
export async function renderPageError(err: Error, c: Context<AppEnv>): Promise<Response> {
  const { code, status, retryAfter } = classifyError(err, c);
  const t = c.get("t");
  if (retryAfter !== undefined) c.header("Retry-After", String(Math.max(1, Math.ceil(retryAfter))));
  try {
    return await renderPage(
      c,
      { title: t(`web.error.title.${status}`), status },
      <section class="error-page" data-error-code={code}>
        <h1>{t(`web.error.title.${status}`)}</h1>
        <p>{t(`errors.${code}`)}</p>
        <p class="muted">{t("web.error.requestId", { id: c.get("requestId") })}</p>
        <p>
          <a class="button" href="/">
            {t("web.error.home")}
          </a>
        </p>
      </section>,
    );
  } catch {
    // The layout itself failed (e.g. the database is down): a bare page, never a blank one.
    return c.html(`<!doctype html><title>${status}</title><h1>${status}</h1>`, status);
  }
}
