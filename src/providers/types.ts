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
  /** Video models only; checked against the model's config before submitting. */
  video?: VideoTaskOptions;
}

/** The creator's video choices, in our vocabulary; each adapter translates them. */
export interface VideoTaskOptions {
  durationSeconds: number;
  quality: string;
  /**
   * How reference images are used where a model offers a choice (Veo): as first/last frames,
   * or as material references.
   */
  imageMode: "frames" | "reference";
  removeWatermark: boolean;
}

/** What a provider accepted: its task id and, for videos, the parameters as it received them. */
export interface SubmittedTask {
  taskId: string;
  /** The provider-side model name and request parameters (secrets and URLs left out). */
  providerModel?: string;
  providerParams?: Record<string, unknown>;
  /** Video tasks: the parameters the provider received, in our vocabulary. */
  video?: NormalisedVideoParams;
}

/** A video's parameters as generation_videos keeps them. */
export interface NormalisedVideoParams {
  durationSeconds: number | null;
  /** "W:H". */
  ratio: string | null;
  quality: string | null;
  /** "WxH", or null where the model states none. */
  resolution: string | null;
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
  /** A still image of the video, when the provider makes one (Runway). */
  posterUrl: string | null;
  /** 0..100 when the provider reports progress. */
  progress: number | null;
  failCode: string | null;
  failMessage: string | null;
  /** Provider credits the task consumed, when reported. */
  costCredits: number | null;
  completedAt: Date | null;
}

export interface GenerationProvider {
  submit(input: SubmitTaskInput): Promise<ProviderResult<SubmittedTask>>;
  recordInfo(model: ModelConfig, taskId: string): Promise<ProviderResult<TaskRecord>>;
}
