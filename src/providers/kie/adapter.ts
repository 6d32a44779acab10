import type { ModelConfig } from "../../configs/schema";
import type { ProviderResult, SubmitTaskInput, SubmittedTask, TaskRecord } from "../types";
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
