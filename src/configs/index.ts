import actions from "../../configs/actions.json";
import cameraMotions from "../../configs/camera-motions.json";
import incentives from "../../configs/incentives.json";
import media from "../../configs/media.json";
import models from "../../configs/models.json";
import outfits from "../../configs/outfits.json";
import plans from "../../configs/plans.json";
import rateLimits from "../../configs/rate-limits.json";
import scenes from "../../configs/scenes.json";
import styles from "../../configs/styles.json";
import { CATALOGUES } from "../i18n/catalogues";
import { type Configs, type RawConfigFiles, validateConfigs } from "./load";

export const RAW_CONFIG_FILES: RawConfigFiles = {
  "models.json": models,
  "styles.json": styles,
  "scenes.json": scenes,
  "outfits.json": outfits,
  "actions.json": actions,
  "camera-motions.json": cameraMotions,
  "plans.json": plans,
  "incentives.json": incentives,
  "rate-limits.json": rateLimits,
  "media.json": media,
};

let loaded: Configs | undefined;

/** The validated configs, checked once per isolate; a broken file fails every request loudly. */
export function getConfigs(): Configs {
  loaded ??= validateConfigs(RAW_CONFIG_FILES, CATALOGUES);
  return loaded;
}
