import { z } from "zod";
import { getConfigs } from "./configs";
import type { QueueMessage } from "./queue/messages";
import { type RateLimitOverrides, RateLimitOverridesSchema } from "./rate-limit/rules";

/** Cloudflare bindings declared in wrangler.toml. */
export interface Bindings {
  MEDIA: R2Bucket;
  GENERATION_EVENTS: Queue<QueueMessage>;
  ASSETS?: Fetcher;
}

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );

const postgresUrl = z
  .string({ error: "is required" })
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), "must be a postgres:// connection URL");

const origin = z.string().refine((value) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}, "must be an origin like https://app.example.com (no path, no trailing slash)");

const email = z.email({ error: "must be a comma-separated list of email addresses" });

/** Vars and secrets. Every one is documented in .dev.vars.example and the README. */
export const EnvVarsSchema = z
  .object({
    ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    DATABASE_URL: postgresUrl,
    /** Local only: host:port of the WebSocket→TCP proxy in front of a non-Neon Postgres. */
    NEON_WS_PROXY: z
      .string()
      .regex(/^[\w.-]+:\d+$/, "must be host:port of the local Neon WebSocket proxy")
      .optional(),
    PUBLIC_URL: z
      .url({ error: "must be the absolute http(s) URL the Worker is reachable at" })
      .transform((value) => value.replace(/\/+$/, "")),
    CORS_ORIGINS: csv.pipe(z.array(origin)),
    /** Signs session cookies and verification tokens; rotating it signs everyone out. */
    BETTER_AUTH_SECRET: z
      .string({ error: "is required (32+ random characters)" })
      .min(32, "must be at least 32 characters"),
    /** Sign-ups with these addresses become admins (case-insensitive). */
    ADMIN_EMAILS: csv
      .transform((list) => list.map((item) => item.toLowerCase()))
      .pipe(z.array(email)),
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    UPSTASH_REDIS_REST_URL: z.url({ error: "is required: the Upstash Redis REST URL" }),
    UPSTASH_REDIS_REST_TOKEN: z.string({ error: "is required" }).min(1, "is required"),
    /** Namespace of our Redis keys (rate limits, gallery cache), so deployments or test runs can share one Redis. */
    RATE_LIMIT_PREFIX: z
      .string()
      .regex(/^[\w.:-]{1,64}$/, "must be 1-64 letters, digits, '.', ':', '_' or '-'")
      .default("aniforge"),
    /** JSON overriding buckets of configs/rate-limits.json, e.g. {"auth":{"limit":5,"windowSeconds":60}}. */
    RATE_LIMITS: z
      .string()
      .optional()
      .transform((text, ctx): RateLimitOverrides | undefined => {
        if (!text) return undefined;
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          ctx.addIssue({ code: "custom", message: "must be JSON" });
          return z.NEVER;
        }
        const parsed = RateLimitOverridesSchema.safeParse(json);
        if (parsed.success) return parsed.data;
        for (const issue of parsed.error.issues)
          ctx.addIssue({ code: "custom", message: `${issue.path.join(".")}: ${issue.message}` });
        return z.NEVER;
      }),
    /** Seconds an anonymous gallery first page stays cached in Redis (likes show up after it). */
    GALLERY_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(20),
    /** Replaces every model's per-user creates-per-minute (load tests and benchmarks). */
    GENERATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().max(100_000).optional(),
    /** KieAI API origin; local dev and tests point it at the stand-in. */
    KIE_API_BASE_URL: z
      .url({ error: "must be the KieAI API origin, e.g. https://api.kie.ai" })
      .default("https://api.kie.ai")
      .transform((value) => value.replace(/\/+$/, "")),
    KIE_API_KEY: z.string({ error: "is required: the KieAI API key" }).min(1, "is required"),
    /** Signs callback tokens and the short-lived media links handed to KieAI. */
    KIE_CALLBACK_SECRET: z
      .string({ error: "is required (32+ random characters)" })
      .min(32, "must be at least 32 characters"),
    /** KieAI's webhook HMAC key: when set, callbacks must carry a valid X-Webhook-Signature. */
    KIE_WEBHOOK_HMAC_KEY: z.string().min(1).optional(),
    /** Stripe secret key (sk_live_… / sk_test_…); local dev and tests use the stand-in's. */
    STRIPE_SECRET_KEY: z
      .string({ error: "is required: the Stripe secret key" })
      .regex(/^(sk|rk)_(live|test)_\w+$/, "must be a Stripe secret or restricted key"),
    /** Signing secret of the webhook endpoint (whsec_…). */
    STRIPE_WEBHOOK_SECRET: z
      .string({ error: "is required: the webhook endpoint's signing secret" })
      .regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_…)"),
    /** Local only: the Stripe stand-in's origin; production talks to api.stripe.com. */
    STRIPE_API_BASE_URL: z.url({ error: "must be an http(s) origin" }).optional(),
    /** Where Checkout sends the buyer back; default <PUBLIC_URL>/account and /pricing. */
    BILLING_SUCCESS_URL: z.url({ error: "must be an absolute URL" }).optional(),
    BILLING_CANCEL_URL: z.url({ error: "must be an absolute URL" }).optional(),
    /** Where the Billing Portal's "return" link goes; default <PUBLIC_URL>/account. */
    BILLING_PORTAL_RETURN_URL: z.url({ error: "must be an absolute URL" }).optional(),
    /** Origins besides configs/media.json's hosts that result files may come from (local stand-in). */
    MEDIA_FETCH_EXTRA_ORIGINS: csv.pipe(z.array(origin)),
  })
  .superRefine((vars, ctx) => {
    if (vars.ENVIRONMENT === "production") {
      for (const extra of vars.MEDIA_FETCH_EXTRA_ORIGINS) {
        if (!extra.startsWith("https://")) {
          ctx.addIssue({
            code: "custom",
            path: ["MEDIA_FETCH_EXTRA_ORIGINS"],
            message: "must list only https origins in production",
          });
        }
      }
    }
    if (Boolean(vars.GOOGLE_CLIENT_ID) !== Boolean(vars.GOOGLE_CLIENT_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: [vars.GOOGLE_CLIENT_ID ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID"],
        message: "Google sign-in needs both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET",
      });
    }
  });

export type EnvVars = z.infer<typeof EnvVarsSchema>;
export type Env = Bindings & Record<string, unknown>;
export type AppConfig = EnvVars & {
  bindings: Bindings;
  /** Stripe price id per active plan id, from the env var each plan names (configs/plans.json). */
  stripePrices: Record<string, string>;
};

export class EnvConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid Worker configuration: ${problems.join("; ")}`);
    this.name = "EnvConfigError";
  }
}

const cache = new WeakMap<object, AppConfig>();

/**
 * Validates the env once per env object (once per isolate in production). A bad or missing
 * setting throws EnvConfigError naming each variable, never its value.
 */
export function loadAppConfig(env: Env): AppConfig {
  const cached = cache.get(env);
  if (cached) return cached;
  const problems: string[] = [];
  for (const binding of ["MEDIA", "GENERATION_EVENTS"] as const) {
    if (!env[binding]) problems.push(`${binding}: binding is missing (see wrangler.toml)`);
  }
  const parsed = EnvVarsSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join(".")}: ${issue.message}`);
    }
  }
  const stripePrices: Record<string, string> = {};
  for (const plan of getConfigs().plans.filter((p) => p.status === "active")) {
    const value = env[plan.stripePriceEnv];
    if (typeof value === "string" && /^price_\w+$/.test(value)) stripePrices[plan.id] = value;
    else
      problems.push(
        `${plan.stripePriceEnv}: must be the Stripe price id (price_…) of plan ${plan.id}`,
      );
  }
  if (problems.length > 0 || !parsed.success) throw new EnvConfigError(problems);
  const config: AppConfig = {
    ...parsed.data,
    bindings: { MEDIA: env.MEDIA, GENERATION_EVENTS: env.GENERATION_EVENTS, ASSETS: env.ASSETS },
    stripePrices,
  };
  cache.set(env, config);
  return config;
}
