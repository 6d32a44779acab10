import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { signupAttribution } from "../../../auth/attribution";
import type { AppEnv } from "../../../context";
import { ApiError } from "../../../lib/errors";
import { rateLimitByIp } from "../../../rate-limit/enforce";
import { safeNext } from "../../navigation";
import { pagePath, renderPage } from "../../render";
import { pageViewer } from "../../viewer";
import { authErrorMessage, callAuth } from "./auth-call";
import { type AuthMode, AuthPage } from "./auth-page";

const field = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === "string" ? (form[name] as string) : "";

const googleEnabled = (c: Context<AppEnv>) => {
  const config = c.get("services").config;
  return Boolean(config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET);
};

function renderAuth(
  c: Context<AppEnv>,
  mode: AuthMode,
  state: { next: string; email?: string; name?: string; error?: string },
  status: ContentfulStatusCode = 200,
) {
  const t = c.get("t");
  const key = mode === "sign-up" ? "signUp" : "signIn";
  return renderPage(
    c,
    { title: t(`web.auth.${key}.title`), scripts: ["auth.js"], status },
    <AuthPage t={t} mode={mode} action={pagePath(c)} googleEnabled={googleEnabled(c)} {...state} />,
  );
}

/** Signed in already: the page has nothing to offer, so go where the visitor was headed. */
async function showForm(c: Context<AppEnv>, mode: AuthMode) {
  const next = safeNext(c.req.query("next"));
  if (await pageViewer(c)) return c.redirect(next, 302);
  return renderAuth(c, mode, { next });
}

function signedIn(c: Context<AppEnv>, cookies: string[], next: string) {
  for (const cookie of cookies) c.header("Set-Cookie", cookie, { append: true });
  return c.redirect(next, 303);
}

function failed(
  c: Context<AppEnv>,
  mode: AuthMode,
  error: ApiError,
  state: { next: string; email: string; name?: string },
) {
  if (error.retryAfter !== undefined) c.header("Retry-After", String(error.retryAfter));
  const message = authErrorMessage(error, c.get("t"));
  return renderAuth(c, mode, { ...state, error: message }, error.status as ContentfulStatusCode);
}

const limited = rateLimitByIp("auth");

/** Google's consent page, coming back to `next` (better-auth keeps the state in a cookie). */
async function signInWithGoogle(c: Context<AppEnv>, next: string) {
  if (!googleEnabled(c)) throw new ApiError("NOT_FOUND");
  const outcome = await callAuth(c, "/sign-in/social", {
    provider: "google",
    callbackURL: next,
    errorCallbackURL: `/sign-in?next=${encodeURIComponent(next)}`,
  });
  if (!outcome.ok) return failed(c, "sign-in", outcome.error, { next, email: "" });
  const url = outcome.body.url;
  if (typeof url !== "string") throw new ApiError("INTERNAL_ERROR");
  return signedIn(c, outcome.cookies, url);
}

/** Sign-in and sign-up pages; their forms post here and go through better-auth server-side. */
export const authPages = new Hono<AppEnv>()
  .get("/sign-in", (c) => showForm(c, "sign-in"))
  .get("/sign-up", (c) => showForm(c, "sign-up"))
  .post("/sign-in", limited, async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    if (form.provider === "google") return signInWithGoogle(c, next);
    const email = field(form, "email").trim();
    const outcome = await callAuth(c, "/sign-in/email", {
      email,
      password: field(form, "password"),
    });
    if (!outcome.ok) return failed(c, "sign-in", outcome.error, { next, email });
    return signedIn(c, outcome.cookies, next);
  })
  .post("/sign-up", limited, async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const email = field(form, "email").trim();
    const name = field(form, "name").trim();
    if (!name) {
      return renderAuth(
        c,
        "sign-up",
        { next, email, error: c.get("t")("web.auth.nameRequired") },
        400,
      );
    }
    const outcome = await callAuth(
      c,
      "/sign-up/email",
      { name, email, password: field(form, "password") },
      signupAttribution(c),
    );
    if (!outcome.ok) return failed(c, "sign-up", outcome.error, { next, email, name });
    return signedIn(c, outcome.cookies, next);
  });
