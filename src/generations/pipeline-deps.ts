import type { Configs } from "../configs/load";
import type { ModelConfig } from "../configs/schema";
import type { Services } from "../context";
import type { Database } from "../db/client";
import type { Logger } from "../lib/logger";
import type { FetchPolicy } from "../media/fetch-guard";
import { createKieProvider } from "../providers/kie";
import type { GenerationProvider } from "../providers/types";
import type { QueueMessage } from "../queue/messages";

/**
 * Everything the pipeline touches, passed in: the Worker builds it from its bindings, tests
 * build it with a real local Postgres, R2, queue and the KieAI stand-in — or wrap one of them
 * to inject a fault (an R2 put that fails once).
 */
export interface PipelineDeps {
  db: Database;
  provider: GenerationProvider;
  bucket: R2Bucket;
  queue: Queue<QueueMessage>;
  configs: Configs;
  logger: Logger;
  now: () => Date;
  publicUrl: string;
  callbackSecret: string;
  fetchPolicy: FetchPolicy;
  imageMaxBytes: number;
  videoMaxBytes: number;
  /** Videos are large: their downloads get longer than fetchPolicy.timeoutMs. */
  videoFetchTimeoutMs: number;
}

export function pipelineDeps(services: Services): PipelineDeps {
  const { config, configs } = services;
  return {
    db: services.db,
    provider: createKieProvider({ baseUrl: config.KIE_API_BASE_URL, apiKey: config.KIE_API_KEY }),
    bucket: config.bindings.MEDIA,
    queue: config.bindings.GENERATION_EVENTS,
    configs,
    logger: services.logger,
    now: services.now,
    publicUrl: config.PUBLIC_URL,
    callbackSecret: config.KIE_CALLBACK_SECRET,
    fetchPolicy: {
      allowedHosts: configs.media.resultHosts,
      extraOrigins: config.MEDIA_FETCH_EXTRA_ORIGINS,
      maxRedirects: configs.media.maxRedirects,
      timeoutMs: configs.media.fetchTimeoutMs,
    },
    imageMaxBytes: configs.media.image.maxBytes,
    videoMaxBytes: configs.media.video.maxBytes,
    videoFetchTimeoutMs: configs.media.video.fetchTimeoutMs,
  };
}

/** A model by id, disabled ones included: tasks started before a model was retired still end. */
export function modelOf(configs: Configs, modelId: string): ModelConfig | undefined {
  return configs.models.find((model) => model.id === modelId);
}
