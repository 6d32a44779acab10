import type { z } from "zod";
import type { Catalogue, Locale } from "../i18n/catalogues";
import type { RateLimitRules } from "../rate-limit/rules";
import {
  type CameraMotionConfig,
  type ConfigFileName,
  configSchemas,
  type IncentivesConfig,
  type MediaConfig,
  type MemberBenefits,
  type ModelConfig,
  type PlanConfig,
  type PresetConfig,
} from "./schema";

export interface Configs {
  models: ModelConfig[];
  styles: PresetConfig[];
  scenes: PresetConfig[];
  outfits: PresetConfig[];
  actions: PresetConfig[];
  cameraMotions: CameraMotionConfig[];
  plans: PlanConfig[];
  memberBenefits: MemberBenefits;
  defaultCurrency: string;
  incentives: IncentivesConfig;
  rateLimits: RateLimitRules;
  media: MediaConfig;
}

export type RawConfigFiles = Record<ConfigFileName, unknown>;

/** A config file failed validation; the message names the file and the field. */
export class ConfigFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configs: ${problems.join("; ")}`);
    this.name = "ConfigFileError";
  }
}

/** `models[3].credits.kind` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`,
    )
    .join("");
}

/**
 * Validates every configs/ file and the references between them and the i18n catalogues.
 * Throws ConfigFileError listing every problem as `<file>: <field>: <message>`.
 */
export function validateConfigs(
  raw: RawConfigFiles,
  catalogues: Record<Locale, Catalogue>,
): Configs {
  const problems: string[] = [];
  const parsed: Partial<Record<ConfigFileName, unknown>> = {};
  for (const [file, schema] of Object.entries(configSchemas().CONFIG_FILE_SCHEMAS) as [
    ConfigFileName,
    z.ZodType,
  ][]) {
    const result = schema.safeParse(raw[file]);
    if (result.success) parsed[file] = result.data;
    else
      for (const issue of result.error.issues)
        problems.push(`${file}: ${formatPath(issue.path)}: ${issue.message}`);
  }
  if (problems.length > 0) throw new ConfigFileError(problems);

  const configs: Configs = {
    models: (parsed["models.json"] as { models: ModelConfig[] }).models,
    styles: (parsed["styles.json"] as { styles: PresetConfig[] }).styles,
    scenes: (parsed["scenes.json"] as { scenes: PresetConfig[] }).scenes,
    outfits: (parsed["outfits.json"] as { outfits: PresetConfig[] }).outfits,
    actions: (parsed["actions.json"] as { actions: PresetConfig[] }).actions,
    cameraMotions: (parsed["camera-motions.json"] as { cameraMotions: CameraMotionConfig[] })
      .cameraMotions,
    ...(parsed["plans.json"] as {
      plans: PlanConfig[];
      defaultCurrency: string;
      memberBenefits: MemberBenefits;
    }),
    incentives: parsed["incentives.json"] as IncentivesConfig,
    rateLimits: (parsed["rate-limits.json"] as { buckets: RateLimitRules }).buckets,
    media: parsed["media.json"] as MediaConfig,
  };

  const lists: [
    ConfigFileName,
    string,
    { id: string; nameKey: string; descriptionKey?: string }[],
  ][] = [
    ["models.json", "models", configs.models],
    ["styles.json", "styles", configs.styles],
    ["scenes.json", "scenes", configs.scenes],
    ["outfits.json", "outfits", configs.outfits],
    ["actions.json", "actions", configs.actions],
    ["camera-motions.json", "cameraMotions", configs.cameraMotions],
    ["plans.json", "plans", configs.plans],
  ];
  for (const [file, key, entries] of lists) {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.id))
        problems.push(`${file}: ${key}[${index}].id: duplicate id "${entry.id}"`);
      seen.add(entry.id);
      for (const field of ["nameKey", "descriptionKey"] as const) {
        const i18nKey = entry[field];
        if (!i18nKey) continue;
        for (const [locale, catalogue] of Object.entries(catalogues)) {
          if (!(i18nKey in catalogue)) {
            problems.push(
              `${file}: ${key}[${index}].${field}: "${i18nKey}" is missing from i18n/${locale}.json`,
            );
          }
        }
      }
    });
  }
  configs.plans.forEach((plan, index) => {
    if (!(configs.defaultCurrency in plan.prices)) {
      problems.push(
        `plans.json: plans[${index}].prices: has no price in the default currency "${configs.defaultCurrency}"`,
      );
    }
  });
  if (problems.length > 0) throw new ConfigFileError(problems);
  return configs;
}
