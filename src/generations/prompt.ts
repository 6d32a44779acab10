import type { Configs } from "../configs/load";
import type { GenerationRequest } from "./request-schema";

/**
 * The prompt the provider receives: the creator's words first (models weight the start of a
 * prompt most), then each chosen preset's fragment in a fixed order, so the same choices always
 * give the same prompt. Preset ids were checked by resolveGeneration.
 */
export function buildFinalPrompt(request: GenerationRequest, configs: Configs): string {
  const fragments: string[] = [request.prompt.trim()];
  const presets = [
    [request.style, configs.styles],
    [request.scene, configs.scenes],
    [request.outfit, configs.outfits],
    [request.action, configs.actions],
    [request.cameraMotion, configs.cameraMotions],
  ] as const;
  for (const [id, list] of presets) {
    const fragment = id ? list.find((preset) => preset.id === id)?.promptFragment : undefined;
    if (fragment) fragments.push(fragment);
  }
  return fragments.join(", ");
}
