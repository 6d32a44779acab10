import { sql } from "drizzle-orm";
import { createRouter } from "../app/router";
import type { Services } from "../context";
import { user } from "../db/schema";
import { ApiError } from "../lib/errors";
import { rateLimitByIp } from "../rate-limit/enforce";
import { signupAttribution } from "./attribution";
import { toApiError } from "./auth-errors";
import { AUTH_BASE_PATH } from "./constants";
import { loadAuth } from "./load-auth";

const SIGN_UP_PATH = `${AUTH_BASE_PATH}/sign-up/email`;

/**
 * better-auth's own endpoints under /api/auth/* (sign-up/in/out, sessions, email verification,
 * password reset, Google OAuth). Its errors are re-shaped into ours; successes pass through.
 */
export const authRoutes = createRouter();
authRoutes.use(
  `${AUTH_BASE_PATH}/*`,
  rateLimitByIp("auth", (method) => method === "POST"),
);
authRoutes.on(["GET", "POST"], `${AUTH_BASE_PATH}/*`, async (c) => {
  const services = c.get("services");
  const auth = await loadAuth(services, signupAttribution(c));
  const signUpCopy = c.req.path === SIGN_UP_PATH ? c.req.raw.clone() : undefined;
  const response = await auth.handler(c.req.raw);
  if (response.status < 400) return response;
  const error = await toApiError(response, c.get("t"));
  if (signUpCopy && error.details?.authCode === "FAILED_TO_CREATE_USER") {
    const body = (await signUpCopy.json().catch(() => null)) as { email?: unknown } | null;
    throw await explainFailedSignUp(services, body?.email, error);
  }
  throw error;
});

/**
 * Two sign-ups with one email racing each other both pass better-auth's "exists?" check; the
 * loser then fails on our unique index and better-auth reports a generic failure. If the email
 * is taken now, that is what the client must hear.
 */
export async function explainFailedSignUp(services: Services, email: unknown, error: ApiError) {
  if (typeof email !== "string") return error;
  const [taken] = await services.db
    .select({ id: user.id })
    .from(user)
    .where(sql`lower(${user.email}) = lower(${email})`)
    .limit(1);
  return taken
    ? new ApiError("EMAIL_ALREADY_REGISTERED")
    : new ApiError("INTERNAL_ERROR", { details: error.details });
}
