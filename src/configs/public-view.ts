import type { Translate } from "../i18n/translate";
import type { Configs } from "./load";
import type { ModelConfig } from "./schema";

/**
 * What clients see of the configs: localised names, prices and limits; never provider model
 * ids, prompt fragments or env var names.
 */
export function publicConfigs(configs: Configs, t: Translate) {
  const preset = (p: { id: string; nameKey: string; appliesTo?: string[] }) => ({
    id: p.id,
    name: t(p.nameKey),
    ...(p.appliesTo ? { appliesTo: p.appliesTo as ("image" | "video")[] } : {}),
  });
  return {
    models: configs.models.filter((m) => m.status !== "disabled").map((m) => publicModel(m, t)),
    styles: configs.styles.map(preset),
    scenes: configs.scenes.map(preset),
    outfits: configs.outfits.map(preset),
    actions: configs.actions.map(preset),
    cameraMotions: configs.cameraMotions.map(preset),
    plans: configs.plans
      .filter((p) => p.status === "active")
      .map((p) => ({
        id: p.id,
        kind: p.kind,
        name: t(p.nameKey),
        description: t(p.descriptionKey),
        credits: p.credits,
        validMonths: p.validMonths,
        interval: p.interval ?? null,
        prices: p.prices,
        badges: p.badges ?? [],
      })),
    defaultCurrency: configs.defaultCurrency,
    memberBenefits: configs.memberBenefits,
  };
}

function publicModel(m: ModelConfig, t: Translate) {
  return {
    id: m.id,
    type: m.type,
    name: t(m.nameKey),
    description: t(m.descriptionKey),
    status: m.status,
    badges: m.badges,
    credits:
      m.credits.kind === "per_image"
        ? { kind: "per_image" as const, perImage: m.credits.credits }
        : { kind: "per_video" as const, table: m.credits.table },
    maxCount: m.maxCount,
    allowedCounts: m.allowedCounts ?? range(1, m.maxCount),
    aspectRatios: m.aspectRatios,
    defaultAspectRatio: m.defaultAspectRatio,
    resolutions: m.resolutions ?? null,
    prompt: m.prompt,
    referenceImages: m.referenceImages,
    video: m.video
      ? {
          durations: m.video.durations,
          defaultDuration: m.video.defaultDuration,
          qualities: m.video.qualities,
          defaultQuality: m.video.defaultQuality,
          resolutions: m.video.resolutions,
          cameraMotions: m.video.cameraMotions,
        }
      : null,
  };
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
