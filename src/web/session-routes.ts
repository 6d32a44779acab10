import { Hono } from "hono";
import { loadAuth } from "../auth/load-auth";
import { setCookieLines } from "../auth/principal";
import type { AppEnv } from "../context";
import { isLocale } from "../i18n/catalogues";
import { updateMe } from "../users/service";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "./locale-cookie";
import { safeNext } from "./navigation";
import { pageViewer } from "./viewer";

/** Form posts every page's header makes: the locale switcher and signing out. */
export const sessionRoutes = new Hono<AppEnv>()
  .post("/locale", async (c) => {
    const form = await c.req.parseBody();
    const locale = form.locale;
    const next = safeNext(form.next);
    if (!isLocale(locale)) return c.redirect(next, 303);
    c.header(
      "Set-Cookie",
      `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax`,
      { append: true },
    );
    // Signed in: the profile remembers it too, so API clients and other browsers follow.
    const viewer = await pageViewer(c);
    if (viewer) await updateMe(c.get("services"), viewer.id, { locale });
    return c.redirect(next, 303);
  })
  .post("/sign-out", async (c) => {
    if (await pageViewer(c)) {
      const auth = await loadAuth(c.get("services"));
      const response = await auth.api.signOut({ headers: c.req.raw.headers, asResponse: true });
      for (const cookie of setCookieLines(response.headers)) {
        c.header("Set-Cookie", cookie, { append: true });
      }
    }
    return c.redirect("/", 303);
  });
