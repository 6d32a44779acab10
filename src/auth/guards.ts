import type { MiddlewareHandler } from "hono";
import type { ApiKeyScope } from "../api-keys/scopes";
import type { AppEnv } from "../context";
import { ApiError } from "../lib/errors";
import { enforceRateLimit } from "../rate-limit/enforce";
import { resolvePrincipal } from "./principal";

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Signed-in callers only. `scope` names what an API key needs for this route; without one,
 * API keys are refused (session-only routes). Writes count against the caller's `userWrite`
 * rate limit.
 */
export function requireUser(options: { scope?: ApiKeyScope } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await resolvePrincipal(c);
    if (!principal) throw new ApiError("UNAUTHENTICATED");
    if (principal.via === "api_key") {
      const scope = options.scope;
      if (!scope || !principal.scopes?.includes(scope)) {
        throw new ApiError("API_KEY_SCOPE_MISSING", {
          details: { required: scope ?? "session", granted: principal.scopes ?? [] },
        });
      }
    }
    if (!READ_METHODS.has(c.req.method)) {
      await enforceRateLimit(c, "userWrite", `user:${principal.userId}`);
    }
    await next();
  };
}

/** Admins signed in with a session; everyone else gets 403 (401 when not signed in). */
export function requireAdmin(): MiddlewareHandler<AppEnv> {
  const user = requireUser();
  return (c, next) =>
    user(c, async () => {
      if (c.get("principal")?.role !== "admin") throw new ApiError("FORBIDDEN");
      await next();
    });
}
