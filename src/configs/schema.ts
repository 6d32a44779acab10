import { z } from "zod";
import { RateLimitsFileSchema } from "../rate-limit/rules";

/**
 * The schemas of configs/*.json, built on first use: they only ever validate the files once
 * per isolate (getConfigs), so building them is part of that check, not of every isolate's
 * start-up (docs/benchmarks.md).
 */
function buildConfigSchemas() {
  const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "must be a lowercase slug");
  const i18nKey = z.string().regex(/^[A-Za-z0-9._-]+$/, "must be an i18n key");
  const ratio = z.string().regex(/^\d+:\d+$/, "must look like 16:9");
  const positiveInt = z.number().int().positive();
  const currency = z.string().regex(/^[a-z]{3}$/, "must be a lowercase ISO 4217 code");

  const PerImagePrice = z.object({ kind: z.literal("per_image"), credits: positiveInt });
  /** Each row is an allowed (duration, quality) combination; anything else is not offered. */
  const PerVideoPrice = z.object({
    kind: z.literal("per_video"),
    table: z
      .array(z.object({ duration: positiveInt, quality: z.string().min(1), credits: positiveInt }))
      .min(1),
  });

  const VideoOptions = z.object({
    durations: z.array(positiveInt).min(1),
    defaultDuration: positiveInt,
    qualities: z.array(z.string().min(1)).min(1),
    defaultQuality: z.string().min(1),
    /** quality → WxH, for models that state one. */
    resolutions: z.record(z.string(), z.string().regex(/^\d+x\d+$/)),
    cameraMotions: z.boolean(),
    removeWatermark: z.boolean().optional(),
    /**
     * How reference images may be used, where the provider offers a choice (Veo): "frames" (first
     * and last frame, at most two) and "reference" (material images). Absent: frames only.
     */
    imageModes: z
      .array(z.enum(["frames", "reference"]))
      .min(1)
      .optional(),
  });

  const ModelSchema = z
    .object({
      id,
      type: z.enum(["image", "video"]),
      provider: z.literal("kie"),
      /** Which KieAI API family the model is served by (SPEC §5.6). */
      apiFamily: z.enum(["jobs", "gpt4o-image", "veo", "runway"]),
      providerModelId: z.string().min(1),
      /** Used instead of providerModelId when reference images are given. */
      editProviderModelId: z.string().min(1).optional(),
      imageToVideoProviderModelId: z.string().min(1).optional(),
      nameKey: i18nKey,
      descriptionKey: i18nKey,
      status: z.enum(["active", "beta", "disabled"]),
      badges: z.array(z.enum(["new", "popular", "pro", "fast"])),
      credits: z.discriminatedUnion("kind", [PerImagePrice, PerVideoPrice]),
      maxCount: positiveInt.max(8),
      allowedCounts: z.array(positiveInt).optional(),
      aspectRatios: z.array(ratio).min(1),
      defaultAspectRatio: ratio,
      resolutions: z.array(z.string()).optional(),
      prompt: z.object({ minLength: z.number().int().min(0), maxLength: positiveInt }),
      referenceImages: z.object({ max: z.number().int().min(0), required: z.boolean() }),
      rateLimit: z.object({ perMinute: positiveInt }),
      /** Sweeper: poll a task still processing after pollAfterSeconds; fail it after deadlineSeconds. */
      polling: z.object({ pollAfterSeconds: positiveInt, deadlineSeconds: positiveInt }),
      video: VideoOptions.optional(),
    })
    .superRefine((model, ctx) => {
      const issue = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: "custom", path, message });
      if (!model.aspectRatios.includes(model.defaultAspectRatio)) {
        issue(["defaultAspectRatio"], "must be one of aspectRatios");
      }
      if (model.polling.deadlineSeconds <= model.polling.pollAfterSeconds) {
        issue(["polling", "deadlineSeconds"], "must be greater than pollAfterSeconds");
      }
      if (model.type === "image" && model.credits.kind !== "per_image") {
        issue(["credits", "kind"], "image models are priced per_image");
      }
      if (model.type === "video") {
        if (model.credits.kind !== "per_video")
          issue(["credits", "kind"], "video models are priced per_video");
        if (!model.video) return issue(["video"], "video models need video options");
        const v = model.video;
        if (!v.durations.includes(v.defaultDuration))
          issue(["video", "defaultDuration"], "must be one of durations");
        if (!v.qualities.includes(v.defaultQuality))
          issue(["video", "defaultQuality"], "must be one of qualities");
        if (model.credits.kind === "per_video") {
          model.credits.table.forEach((row, index) => {
            if (!v.durations.includes(row.duration)) {
              issue(["credits", "table", index, "duration"], "is not one of video.durations");
            }
            if (!v.qualities.includes(row.quality)) {
              issue(["credits", "table", index, "quality"], "is not one of video.qualities");
            }
          });
        }
      }
    });

  const PresetSchema = z.object({
    id,
    nameKey: i18nKey,
    promptFragment: z.string().min(1).max(300),
    appliesTo: z.array(z.enum(["image", "video"])).min(1),
  });

  const CameraMotionSchema = z.object({
    id,
    nameKey: i18nKey,
    promptFragment: z.string().min(1).max(300),
  });

  const PlanSchema = z
    .object({
      id,
      kind: z.enum(["pack", "subscription"]),
      nameKey: i18nKey,
      descriptionKey: i18nKey,
      credits: positiveInt,
      /** How long granted credits stay spendable. */
      validMonths: positiveInt,
      interval: z.enum(["month", "year"]).optional(),
      planType: z.string().min(1).optional(),
      /** Minor units per currency. */
      prices: z
        .record(currency, positiveInt)
        .refine((p) => Object.keys(p).length > 0, "needs a price"),
      stripePriceEnv: z
        .string()
        .regex(/^STRIPE_PRICE_[A-Z0-9_]+$/, "must name a STRIPE_PRICE_* env var"),
      status: z.enum(["active", "inactive"]),
      badges: z.array(z.string()).optional(),
    })
    .superRefine((plan, ctx) => {
      if (plan.kind === "subscription" && (!plan.interval || !plan.planType)) {
        ctx.addIssue({
          code: "custom",
          path: ["interval"],
          message: "subscriptions need interval and planType",
        });
      }
      if (plan.kind === "pack" && plan.interval) {
        ctx.addIssue({ code: "custom", path: ["interval"], message: "packs have no interval" });
      }
    });

  const validDays = positiveInt.max(3650);
  const IncentivesSchema = z.object({
    version: z.literal(1),
    signupBonus: z.object({ credits: z.number().int().min(0), validDays }),
    checkIn: z.object({
      /** Reward for day 1, 2, ... of a streak. */
      rewards: z.array(positiveInt).min(1),
      afterLastDay: z.enum(["repeat_last", "restart"]),
      validDays,
      resetAfterMissedDays: positiveInt,
    }),
    share: z.object({
      credits: positiveInt,
      maxPerDay: positiveInt,
      validDays,
      platforms: z.array(id).min(1),
    }),
  });

  const dnsLabel = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
  const hostname = z
    .string()
    .max(253)
    .regex(new RegExp(`^${dnsLabel}(?:\\.${dnsLabel})+$`), "must be a lowercase DNS hostname")
    .refine((host) => !/^\d+$/.test(host.split(".").at(-1) ?? ""), "must not be an IP address");

  /** Fetching provider result files (src/media/fetch-guard.ts) and the size caps per kind. */
  const MediaConfigSchema = z.object({
    version: z.literal(1),
    /** Exact https hosts KieAI serves result files from; nothing else is fetched. */
    resultHosts: z.array(hostname).min(1),
    /** Whole download, redirects and body included. */
    fetchTimeoutMs: positiveInt.max(600_000),
    maxRedirects: z.number().int().min(0).max(10),
    image: z.object({ maxBytes: positiveInt }),
    video: z.object({
      maxBytes: positiveInt,
      /** Replaces fetchTimeoutMs for video results, which are far larger than images. */
      fetchTimeoutMs: positiveInt.max(600_000).default(300_000),
    }),
  });

  const list = <T extends z.ZodType>(key: string, item: T) =>
    z.object({ version: z.literal(1), [key]: z.array(item).min(1) });

  /** What members (an active subscription) get beyond their monthly credits. */
  const MemberBenefitsSchema = z.object({
    /** Multiplies each model's creates-per-minute (configs/models.json rateLimit.perMinute). */
    generationRateLimitMultiplier: z.number().min(1).max(100),
  });

  /** One schema per file in configs/; the file name is the key. */
  const CONFIG_FILE_SCHEMAS = {
    "models.json": list("models", ModelSchema),
    "styles.json": list("styles", PresetSchema),
    "scenes.json": list("scenes", PresetSchema),
    "outfits.json": list("outfits", PresetSchema),
    "actions.json": list("actions", PresetSchema),
    "camera-motions.json": list("cameraMotions", CameraMotionSchema),
    "plans.json": z.object({
      version: z.literal(1),
      defaultCurrency: currency,
      plans: z.array(PlanSchema).min(1),
      memberBenefits: MemberBenefitsSchema,
    }),
    "incentives.json": IncentivesSchema,
    "rate-limits.json": RateLimitsFileSchema,
    "media.json": MediaConfigSchema,
  } as const;
  return {
    ModelSchema,
    PresetSchema,
    CameraMotionSchema,
    PlanSchema,
    IncentivesSchema,
    MediaConfigSchema,
    MemberBenefitsSchema,
    CONFIG_FILE_SCHEMAS,
  };
}

export type ConfigSchemas = ReturnType<typeof buildConfigSchemas>;
let built: ConfigSchemas | undefined;
export const configSchemas = (): ConfigSchemas => {
  built ??= buildConfigSchemas();
  return built;
};

export type ModelConfig = z.infer<ConfigSchemas["ModelSchema"]>;
export type PresetConfig = z.infer<ConfigSchemas["PresetSchema"]>;
export type CameraMotionConfig = z.infer<ConfigSchemas["CameraMotionSchema"]>;
export type PlanConfig = z.infer<ConfigSchemas["PlanSchema"]>;
export type IncentivesConfig = z.infer<ConfigSchemas["IncentivesSchema"]>;
export type MediaConfig = z.infer<ConfigSchemas["MediaConfigSchema"]>;
export type MemberBenefits = z.infer<ConfigSchemas["MemberBenefitsSchema"]>;
export type ConfigFileName = keyof ConfigSchemas["CONFIG_FILE_SCHEMAS"];
