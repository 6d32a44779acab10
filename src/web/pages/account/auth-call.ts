import type { Context } from "hono";
import type { SignupAttribution } from "../../../auth/attribution";
import { toApiError } from "../../../auth/auth-errors";
import { AUTH_BASE_PATH } from "../../../auth/constants";
import { loadAuth } from "../../../auth/load-auth";
import { setCookieLines } from "../../../auth/principal";
import { explainFailedSignUp } from "../../../auth/routes";
import type { AppEnv } from "../../../context";
import type { ApiError } from "../../../lib/errors";

export type AuthOutcome =
  | { ok: true; cookies: string[]; body: Record<string, unknown> }
  | { ok: false; error: ApiError };

/** Headers better-auth reads: the client address feeds its rate limiter and session record. */
const FORWARDED = ["cf-connecting-ip", "user-agent", "accept-language"];

/**
 * Calls one of better-auth's endpoints as the JSON API would, through its handler (so its
 * rate limiting, password rules and hooks apply), from a page's form post. The router has
 * already checked the form's Origin; the browser's cookies are not passed on (signing in or up
 * needs none), so better-auth's own origin check has nothing to guard.
 */
export async function callAuth(
  c: Context<AppEnv>,
  endpoint: "/sign-in/email" | "/sign-up/email" | "/sign-in/social",
  body: Record<string, unknown>,
  attribution?: SignupAttribution,
): Promise<AuthOutcome> {
  const services = c.get("services");
  const auth = await loadAuth(services, attribution);
  const headers = new Headers({ "content-type": "application/json" });
  for (const name of FORWARDED) {
    const value = c.req.header(name);
    if (value) headers.set(name, value);
  }
  const url = new URL(`${AUTH_BASE_PATH}${endpoint}`, services.config.PUBLIC_URL);
  const response = await auth.handler(
    new Request(url, { method: "POST", headers, body: JSON.stringify(body) }),
  );
  if (response.status >= 400) {
    const error = await toApiError(response, c.get("t"));
    if (endpoint === "/sign-up/email" && error.details?.authCode === "FAILED_TO_CREATE_USER") {
      // The loser of two racing sign-ups with one email: tell it the email is taken.
      return { ok: false, error: await explainFailedSignUp(services, body.email, error) };
    }
    return { ok: false, error };
  }
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: true, cookies: setCookieLines(response.headers), body: json };
}

/** The message a form shows for a failed sign-in or sign-up. */
export function authErrorMessage(error: ApiError, t: (key: string) => string): string {
  const issues = (error.details?.issues ?? []) as { path?: string; message?: string }[];
  const password = issues.find((issue) => issue.path === "password");
  if (password?.message) return password.message;
  if (issues.some((issue) => issue.path === "email")) return t("web.auth.invalidEmail");
  return t(`errors.${error.code}`);
}
