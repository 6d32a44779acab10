import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { betterAuth } from "better-auth/minimal";
import { eq } from "drizzle-orm";
import type { Services } from "../context";
import { account, session, user, verification } from "../db/schema";
import { grantSignupBonus } from "../incentives/signup-bonus";
import { isUuid } from "../lib/ids";
import { retryAfterSeconds } from "../rate-limit/limiter";
import type { SignupAttribution } from "./attribution";
import { AUTH_BASE_PATH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./constants";
import { hashPassword, verifyPassword } from "./password";

/** Profile columns better-auth writes at sign-up but never accepts from the client. */
const serverOnly = (returned: boolean) =>
  ({ type: "string", required: false, input: false, returned }) as const;

/**
 * better-auth on our Postgres (Drizzle adapter, UUID ids), built per request: the database pool,
 * the rate-limit store and the sign-up attribution are the request's own.
 */
export function createAuth(services: Services, attribution?: SignupAttribution) {
  const { config, logger } = services;
  const isProduction = config.ENVIRONMENT === "production";
  const authRule = services.configs.rateLimits.auth;
  return betterAuth({
    appName: "Aniforge",
    baseURL: config.PUBLIC_URL,
    basePath: AUTH_BASE_PATH,
    secret: config.BETTER_AUTH_SECRET,
    trustedOrigins: [config.PUBLIC_URL, ...config.CORS_ORIGINS],
    telemetry: { enabled: false },
    logger: {
      level: "debug",
      // Into our JSON log, one level down: better-auth warns about client mistakes (short
      // passwords, wrong passwords) and its info lines can carry an email address.
      log: (level, message, ...args) => {
        const fields = args.length ? { detail: args.map(describe) } : undefined;
        if (level === "error") logger.error(`better-auth: ${message}`, fields);
        else if (level === "warn") logger.info(`better-auth: ${message}`, fields);
        else logger.debug(`better-auth: ${message}`, fields);
      },
    },
    database: drizzleAdapter(services.db, {
      provider: "pg",
      schema: { user, session, account, verification },
    }),
    advanced: {
      database: { generateId: "uuid" },
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
      backgroundTasks: { handler: (work) => services.background(work) },
    },
    user: {
      additionalFields: {
        role: { ...serverOnly(true), defaultValue: "user" },
        locale: serverOnly(true),
        signupCountry: serverOnly(false),
        signupRef: serverOnly(false),
        signupUtmSource: serverOnly(false),
        invitedBy: serverOnly(false),
      },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      password: {
        hash: hashPassword,
        verify: ({ hash, password }) => verifyPassword(hash, password),
      },
      sendResetPassword: async ({ user: target, url }) => {
        logger.info("password reset email", {
          userId: target.id,
          ...(isProduction ? {} : { url }),
        });
      },
    },
    // No mail provider yet: the hook logs (with the link outside production) so the flow can
    // be exercised locally; verified email is not required to sign in.
    emailVerification: {
      sendOnSignUp: true,
      sendVerificationEmail: async ({ user: target, url }) => {
        logger.info("verification email", {
          userId: target.id,
          ...(isProduction ? {} : { url }),
        });
      },
    },
    socialProviders:
      config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET
        ? {
            google: {
              clientId: config.GOOGLE_CLIENT_ID,
              clientSecret: config.GOOGLE_CLIENT_SECRET,
            },
          }
        : {},
    rateLimit: {
      enabled: true,
      window: authRule.windowSeconds,
      max: authRule.limit,
      customStorage: {
        consume: async (key, rule) => {
          const decision = await services.rateLimiter.consume("better-auth", key, {
            limit: rule.max,
            windowSeconds: rule.window,
          });
          const retryAfter = decision.allowed ? null : retryAfterSeconds(decision, Date.now());
          return { allowed: decision.allowed, retryAfter };
        },
      },
    },
    databaseHooks: {
      user: {
        create: {
          before: async (candidate) => ({
            data: {
              ...candidate,
              role: config.ADMIN_EMAILS.includes(candidate.email.toLowerCase()) ? "admin" : "user",
              signupCountry: attribution?.country ?? null,
              signupRef: attribution?.ref ?? null,
              signupUtmSource: attribution?.utmSource ?? null,
              invitedBy: await existingInviter(services, attribution?.invite),
            },
          }),
          // Runs after the user row commits. A failure must not fail the sign-up: the
          // scheduled repair job (grantMissingSignupBonuses) grants what is missing.
          after: async (created) => {
            try {
              const rules = services.configs.incentives.signupBonus;
              await grantSignupBonus(services.db, rules, created.id, services.now());
            } catch (error) {
              services.logger.error("signup bonus: grant failed; the repair job will retry", {
                userId: created.id,
                err: error,
              });
            }
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

function describe(value: unknown): string {
  if (!(value instanceof Error)) return String(value);
  const cause = value.cause instanceof Error ? ` (cause: ${value.cause.message})` : "";
  return `${value.name}: ${value.message}${cause}`;
}

/** An invite code is the inviter's user id; anything else is ignored, not an error. */
async function existingInviter(services: Services, invite: string | null | undefined) {
  if (!invite || !isUuid(invite)) return null;
  const [row] = await services.db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.id, invite.toLowerCase()))
    .limit(1);
  return row?.id ?? null;
}
