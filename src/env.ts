import { z } from "zod";
import type { QueueMessage } from "./queue/messages";

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

/** Vars and secrets. Every one is documented in .dev.vars.example and the README. */
export const EnvVarsSchema = z.object({
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
});

export type EnvVars = z.infer<typeof EnvVarsSchema>;
export type Env = Bindings & Record<string, unknown>;
export type AppConfig = EnvVars & { bindings: Bindings };

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
  if (problems.length > 0 || !parsed.success) throw new EnvConfigError(problems);
  const config: AppConfig = {
    ...parsed.data,
    bindings: { MEDIA: env.MEDIA, GENERATION_EVENTS: env.GENERATION_EVENTS, ASSETS: env.ASSETS },
  };
  cache.set(env, config);
  return config;
}
