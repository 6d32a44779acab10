import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { ApiKeyScope } from "../api-keys/scopes";
import { authenticateApiKey } from "../api-keys/service";
import type { AppEnv } from "../context";
import { negotiateLocale } from "../i18n/negotiate";
import { translator } from "../i18n/translate";
import { ApiError } from "../lib/errors";
import { LOCALE_COOKIE } from "../web/locale-cookie";
import { loadAuth } from "./load-auth";

export type Role = "user" | "admin";

/** Who is calling: a signed-in user, or an API key acting for its owner within its scopes. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  locale: string | null;
  via: "session" | "api_key";
  apiKeyId?: string;
  /** null for sessions (everything the role allows). */
  scopes: readonly ApiKeyScope[] | null;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Resolves the caller once per request. A present but invalid Authorization header is an
 * error even when a cookie is also sent: a client that thinks it uses a key must learn it is
 * unknown, revoked or expired.
 */
export async function resolvePrincipal(c: Context<AppEnv>): Promise<Principal | null> {
  const known = c.get("principal");
  if (known !== undefined) return known;
  const services = c.get("services");
  let principal: Principal | null = null;
  const authorization = c.req.header("authorization");
  if (authorization) {
    const secret = BEARER.exec(authorization.trim())?.[1];
    principal = secret ? await authenticateApiKey(services, secret) : null;
    if (!principal)
      throw new ApiError("UNAUTHENTICATED", { details: { reason: "invalid_api_key" } });
  } else if (c.req.header("cookie")) {
    const { headers, response: found } = await (await loadAuth(services)).api.getSession({
      headers: c.req.raw.headers,
      returnHeaders: true,
    });
    // A session past its update age is extended; the refreshed cookie must reach the browser.
    for (const cookie of setCookieLines(headers)) c.header("Set-Cookie", cookie, { append: true });
    if (found) {
      principal = {
        userId: found.user.id,
        email: found.user.email,
        role: found.user.role === "admin" ? "admin" : "user",
        locale: found.user.locale ?? null,
        via: "session",
        scopes: null,
      };
    }
  }
  c.set("principal", principal);
  if (principal?.locale && !c.req.query("locale") && !getCookie(c, LOCALE_COOKIE)) {
    // SPEC §3: the saved locale comes before Accept-Language once we know who is asking (a
    // choice made in this browser with the switcher, src/web/session-routes.ts, comes first).
    const locale = negotiateLocale({
      saved: principal.locale,
      acceptLanguage: c.req.header("accept-language"),
    });
    c.set("locale", locale);
    c.set("t", translator(locale));
  }
  return principal;
}

export function setCookieLines(headers: Headers): string[] {
  return (headers as unknown as { getSetCookie?(): string[] }).getSetCookie?.() ?? [];
}

/** The principal a guard has already checked; calling it unguarded is a programming error. */
export function currentPrincipal(c: Context<AppEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw new Error("currentPrincipal() used on a route without requireUser");
  return principal;
}
