import type { GenerationProvider, ProviderResult } from "../types";
import type { KieApiFamily, KieFamilyAdapter } from "./adapter";
import { gpt4oAdapter } from "./gpt4o";
import { createKieCall, failure, type KieClientOptions } from "./http";
import { jobsAdapter } from "./jobs";
import { runwayAdapter } from "./runway";
import { veoAdapter } from "./veo";
import { normaliseVideoParams } from "./video-params";

export { parseKieCallbackHint } from "./callback-hint";
export type { KieClientOptions } from "./http";
export { verifyKieWebhookSignature } from "./webhook-signature";

const ADAPTERS: Record<KieApiFamily, KieFamilyAdapter> = {
  jobs: jobsAdapter,
  "gpt4o-image": gpt4oAdapter,
  veo: veoAdapter,
  runway: runwayAdapter,
};

/** The KieAI client: each model goes to the adapter of its `apiFamily`. */
export function createKieProvider(options: KieClientOptions): GenerationProvider {
  const call = createKieCall(options);
  return {
    async submit(input) {
      try {
        const submitted = await ADAPTERS[input.model.apiFamily].submit(call, input);
        if (!submitted.ok || !input.video) return submitted;
        const video = normaliseVideoParams(input.model, submitted.value.providerParams ?? {});
        return { ok: true, value: { ...submitted.value, video } };
      } catch (error) {
        // A request we could not even build (a model config without what its family needs)
        // is refused like one the provider refused: the generation fails and is refunded.
        const message = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          error: failure("invalid_request", message),
        } satisfies ProviderResult<never>;
      }
    },
    recordInfo(model, taskId) {
      return ADAPTERS[model.apiFamily].recordInfo(call, taskId);
    },
  };
}
