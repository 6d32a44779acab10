import { z } from "zod";

/**
 * The shared rate-limit buckets. `auth`: per client IP on /api/auth/* writes (sign-in, sign-up,
 * password reset), on top of better-auth's own stricter per-path rules. `publicRead`: per
 * client IP on every GET under /api/* (a forged cookie must not buy a bigger budget).
 * `userWrite`: per account (session or API key) on every authenticated write. `galleryAnonymous`:
 * per client IP on the community gallery's reads by signed-out visitors (the scraping target),
 * on top of `publicRead`.
 */
export const RATE_LIMIT_BUCKETS = ["auth", "publicRead", "userWrite", "galleryAnonymous"] as const;
export type RateLimitBucket = (typeof RATE_LIMIT_BUCKETS)[number];

export const RateLimitRuleSchema = z.object({
  limit: z.number().int().positive().max(1_000_000),
  windowSeconds: z.number().int().positive().max(86_400),
});
export type RateLimitRule = z.infer<typeof RateLimitRuleSchema>;

export const RateLimitsFileSchema = z.object({
  version: z.literal(1),
  buckets: z.object({
    auth: RateLimitRuleSchema,
    publicRead: RateLimitRuleSchema,
    userWrite: RateLimitRuleSchema,
    galleryAnonymous: RateLimitRuleSchema,
  }),
});
export type RateLimitRules = Record<RateLimitBucket, RateLimitRule>;

/** RATE_LIMITS env override: any subset of buckets, each a whole rule. */
export const RateLimitOverridesSchema = z
  .object({
    auth: RateLimitRuleSchema,
    publicRead: RateLimitRuleSchema,
    userWrite: RateLimitRuleSchema,
    galleryAnonymous: RateLimitRuleSchema,
  })
  .partial()
  .strict();
export type RateLimitOverrides = z.infer<typeof RateLimitOverridesSchema>;

export function mergeRateLimits(
  base: RateLimitRules,
  overrides: RateLimitOverrides | undefined,
): RateLimitRules {
  return { ...base, ...overrides };
}
