import type { ModelConfig } from "../configs/schema";

/** What the pipeline asks a provider to do for one generation (one provider task). */
export interface SubmitTaskInput {
  model: ModelConfig;
  /** The final prompt (user prompt + presets). */
  prompt: string;
  count: number;
  aspectRatio: string;
  /** https URLs the provider can fetch; a non-empty list switches to the model's edit variant. */
  referenceImageUrls: string[];
  /** Where the provider POSTs when the task ends (carries our HMAC token). */
  callbackUrl: string;
  /** Model-specific resolution (e.g. nano-banana-pro "1K" | "2K" | "4K"), when the model has one. */
  resolution?: string;
}

/**
 * Why a provider call did not give us an answer. `retryable` says whether the same call may
 * succeed later (rate limit, outage, network); the pipeline decides what to do with it.
 */
export type ProviderErrorKind =
  | "unauthorized" // 401: our API key is wrong or revoked
  | "insufficient_provider_balance" // 402: our KieAI account ran out of credits
  | "invalid_request" // 400/404/422: the provider refused these parameters
  | "rate_limited" // 429
  | "unavailable" // 455 (maintenance) or 503
  | "server_error" // other 5xx
  | "network" // no HTTP answer (DNS, reset, timeout)
  | "bad_response"; // an answer we could not parse

export interface ProviderFailure {
  kind: ProviderErrorKind;
  /** HTTP status, or null when there was no HTTP answer. */
  httpStatus: number | null;
  /** The `code` field of KieAI's JSON envelope, when there was one. */
  providerCode: number | null;
  /** `msg` or `message` from the provider (never contains our secrets). */
  message: string;
  retryable: boolean;
}

export type ProviderResult<T> = { ok: true; value: T } | { ok: false; error: ProviderFailure };

export type TaskState = "queued" | "running" | "succeeded" | "failed";

/** A provider task as record-info reports it: the authority, unlike callback bodies. */
export interface TaskRecord {
  taskId: string;
  state: TaskState;
  /** Result file URLs (expire after ~24 h at KieAI); empty unless succeeded. */
  resultUrls: string[];
  /** 0..100 when the provider reports progress. */
  progress: number | null;
  failCode: string | null;
  failMessage: string | null;
  /** Provider credits the task consumed, when reported. */
  costCredits: number | null;
  completedAt: Date | null;
}

export interface GenerationProvider {
  submit(input: SubmitTaskInput): Promise<ProviderResult<{ taskId: string }>>;
  recordInfo(model: ModelConfig, taskId: string): Promise<ProviderResult<TaskRecord>>;
}
