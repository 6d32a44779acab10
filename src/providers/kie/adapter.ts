import type { ModelConfig } from "../../configs/schema";
import type { ProviderResult, SubmitTaskInput, SubmittedTask, TaskRecord } from "../types";
import { createdTaskId, withoutUrls } from "./fields";
import type { KieCall } from "./http";

/**
 * One KieAI API family (SPEC §5.6): how a generation becomes a task there and how its
 * record-info answer reads. A new family is one more implementation registered in ./index.ts;
 * nothing else changes.
 */
export interface KieFamilyAdapter {
  submit(call: KieCall, input: SubmitTaskInput): Promise<ProviderResult<SubmittedTask>>;
  recordInfo(call: KieCall, taskId: string): Promise<ProviderResult<TaskRecord>>;
}

export type KieApiFamily = ModelConfig["apiFamily"];

/**
 * A per-model KieAI API (4o image, Veo, Runway): POST a body to one path, read the task back
 * from another with `?taskId=`. Only the body and the record reader differ between them.
 */
export function perModelApiAdapter(api: {
  generatePath: string;
  recordPath: string;
  request(input: SubmitTaskInput): Record<string, unknown>;
  read(data: unknown): ProviderResult<TaskRecord>;
}): KieFamilyAdapter {
  return {
    async submit(call, input) {
      const body = api.request(input);
      const created = await call("POST", api.generatePath, body);
      return created.ok
        ? createdTaskId(created.value, input.model.providerModelId, withoutUrls(body))
        : created;
    },
    async recordInfo(call, taskId) {
      const answer = await call("GET", `${api.recordPath}?taskId=${encodeURIComponent(taskId)}`);
      return answer.ok ? api.read(answer.value) : answer;
    },
  };
}
