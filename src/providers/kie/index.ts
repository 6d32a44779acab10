import type { GenerationProvider, ProviderResult } from "../types";
import type { KieApiFamily, KieFamilyAdapter } from "./adapter";
import { gpt4oAdapter } from "./gpt4o";
import { createKieCall, failure, type KieClientOptions } from "./http";
import { jobsAdapter } from "./jobs";

export { parseKieCallbackHint } from "./callback-hint";
export type { KieClientOptions } from "./http";
export { verifyKieWebhookSignature } from "./webhook-signature";

// veo and runway (video) get their adapters with their issue; until then their models are
// refused at submit instead of reaching an endpoint that speaks another payload.
const ADAPTERS: Partial<Record<KieApiFamily, KieFamilyAdapter>> = {
  jobs: jobsAdapter,
  "gpt4o-image": gpt4oAdapter,
};

/** The KieAI client: each model goes to the adapter of its `apiFamily`. */
export function createKieProvider(options: KieClientOptions): GenerationProvider {
  const call = createKieCall(options);
  return {
    submit(input) {
      const adapter = ADAPTERS[input.model.apiFamily];
      return adapter ? adapter.submit(call, input) : noAdapter(input.model.apiFamily);
    },
    recordInfo(model, taskId) {
      const adapter = ADAPTERS[model.apiFamily];
      return adapter ? adapter.recordInfo(call, taskId) : noAdapter(model.apiFamily);
    },
  };
}

async function noAdapter<T>(family: KieApiFamily): Promise<ProviderResult<T>> {
  return {
    ok: false,
    error: failure("invalid_request", `KieAI API family "${family}" is not supported yet`),
  };
}
