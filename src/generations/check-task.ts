import { eq, sql } from "drizzle-orm";
import { generationImages, generations, generationVideos } from "../db/schema";
import { MediaFetchError } from "../media/fetch-guard";
import { ingestResultToR2 } from "../media/ingest";
import type { TaskRecord } from "../providers/types";
import {
  type CompletionOutcome,
  completeGeneration,
  failGeneration,
  type GenerationRow,
  type StoredResult,
} from "./lifecycle";
import type { CheckGeneration } from "./messages";
import { modelOf, type PipelineDeps } from "./pipeline-deps";

/**
 * Failures where we gave up waiting, not where the provider said no: results that still come
 * for these are saved to the creator's library (the refund stands).
 */
export const LATE_RESULTS_ACCEPTED: ReadonlySet<string> = new Set([
  "DEADLINE_EXCEEDED",
  "INGEST_FAILED",
  "SUBMISSION_LOST",
  "ADMIN_REFUNDED",
]);

/** Thrown to have the queue deliver the message again later (with backoff). */
export class RetryLater extends Error {
  override name = "RetryLater";
}

/**
 * The queue consumer's work for one generation: ask the provider (record-info is the
 * authority, never the callback body), then copy the results to R2 and end the generation.
 * Safe to run any number of times, concurrently too: see lifecycle.ts.
 */
export async function checkGeneration(
  deps: PipelineDeps,
  message: CheckGeneration,
): Promise<CompletionOutcome | "running" | "skipped"> {
  const log = deps.logger.child({ generationUuid: message.generationUuid, source: message.source });
  const byUuid = eq(generations.uuid, message.generationUuid);
  // The callback route only verifies and enqueues; the fact that KieAI called is stored here,
  // in the read the check makes anyway.
  const [row] = await (message.source === "callback"
    ? deps.db.update(generations).set({ callbackReceived: true }).where(byUuid).returning()
    : deps.db.select().from(generations).where(byUuid).limit(1));
  if (!row || row.status === "succeeded") return "skipped";
  if (message.taskId && row.remoteTaskId && message.taskId !== row.remoteTaskId) {
    log.warn("kie callback: task id differs from the generation's", { taskId: message.taskId });
  }
  if (row.status === "failed" && !LATE_RESULTS_ACCEPTED.has(row.errorCode ?? "")) return "skipped";
  if (!row.remoteTaskId) {
    // The create request may still be recording the task id; a generation that failed before
    // reaching the provider has nothing to look at.
    if (row.status === "pending") throw new RetryLater("task id not recorded yet");
    return "skipped";
  }
  const model = modelOf(deps.configs, row.modelId);
  if (!model) throw new Error(`model ${row.modelId} is not in configs/models.json`);

  const info = await deps.provider.recordInfo(model, row.remoteTaskId);
  if (!info.ok) {
    // Our own key or balance problems are ours to fix, not the creator's: retry, and let the
    // dead-letter consumer refund if it never recovers.
    if (info.error.kind === "invalid_request") {
      await failGeneration(deps.db, {
        uuid: row.uuid,
        errorCode: "PROVIDER_TASK_LOST",
        errorMessage: info.error.message,
        now: deps.now(),
      });
      return "failed";
    }
    throw new RetryLater(`record-info: ${info.error.kind} ${info.error.message}`);
  }
  const task = info.value;
  await recordPoll(deps, row, task);

  if (task.state === "queued" || task.state === "running") return "running";
  if (task.state === "failed") {
    const failed = await failGeneration(deps.db, {
      uuid: row.uuid,
      errorCode: "PROVIDER_FAILED",
      errorMessage: task.failMessage ?? task.failCode ?? "the provider could not generate it",
      providerCost: task.costCredits,
      now: deps.now(),
    });
    return failed ? "failed" : "unchanged";
  }

  const { results, refused } = await copyResults(deps, row, task);
  const outcome = await completeGeneration(deps.db, {
    uuid: row.uuid,
    results,
    missingReason: refused > 0 ? "RESULT_REFUSED" : "MISSING_RESULTS",
    providerCost: task.costCredits,
    now: deps.now(),
    logger: log,
  });
  log.info("generation: results stored", { outcome, stored: results.length, refused });
  return outcome;
}

async function recordPoll(deps: PipelineDeps, row: GenerationRow, task: TaskRecord) {
  const progress = task.progress === null ? {} : { progress: task.progress };
  await deps.db
    .update(generations)
    .set({
      lastPolledAt: deps.now(),
      metadata: sql`${generations.metadata} || ${JSON.stringify(progress)}::jsonb`,
    })
    .where(eq(generations.uuid, row.uuid));
}

/**
 * Copies each result not stored yet into R2 under a key fixed by (user, generation, index), so
 * a repeat overwrites the same object instead of adding one. A refused URL (not allowed, too
 * big, not an image or video) will never succeed: it counts as missing. Anything transient
 * retries the whole message.
 */
async function copyResults(
  deps: PipelineDeps,
  row: GenerationRow,
  task: TaskRecord,
): Promise<{ results: StoredResult[]; refused: number }> {
  const done = await storedIndexes(deps, row);
  const results: StoredResult[] = [];
  let refused = 0;
  const urls = task.resultUrls.slice(0, row.count);
  for (const [index, url] of urls.entries()) {
    if (done.has(index)) continue;
    const keyBase = `media/${row.userId}/${row.uuid}/${index}`;
    try {
      if (row.type === "video") {
        // The poster first: it is small, and best effort — a video is whole without one.
        const posterR2Key = task.posterUrl
          ? await copyPoster(deps, row, task.posterUrl, `${keyBase}-poster`)
          : null;
        const object = await ingestResultToR2({
          url,
          keyBase,
          bucket: deps.bucket,
          policy: deps.fetchPolicy,
          maxBytes: deps.videoMaxBytes,
          timeoutMs: deps.videoFetchTimeoutMs,
          kind: "video",
        });
        results.push({ index, ...object, posterR2Key });
      } else {
        const object = await ingestResultToR2({
          url,
          keyBase,
          bucket: deps.bucket,
          policy: deps.fetchPolicy,
          maxBytes: deps.imageMaxBytes,
          kind: "image",
        });
        results.push({ index, ...object });
      }
    } catch (error) {
      if (error instanceof MediaFetchError && error.permanent) {
        refused += 1;
        deps.logger.warn("generation: result refused", {
          generationUuid: row.uuid,
          index,
          reason: error.reason,
          host: hostOf(url),
        });
        continue;
      }
      throw error;
    }
  }
  return { results, refused };
}

async function storedIndexes(deps: PipelineDeps, row: GenerationRow): Promise<Set<number>> {
  if (row.type === "video") {
    // One video per generation (count 1): any stored variant means index 0 is done.
    const [video] = await deps.db
      .select({ uuid: generationVideos.uuid })
      .from(generationVideos)
      .where(eq(generationVideos.generationUuid, row.uuid))
      .limit(1);
    return new Set(video ? [0] : []);
  }
  const stored = await deps.db
    .select({ index: generationImages.imageIndex })
    .from(generationImages)
    .where(eq(generationImages.generationUuid, row.uuid));
  return new Set(stored.map((s) => s.index));
}

/** A poster that cannot be copied, for whatever reason, leaves the video without one. */
async function copyPoster(
  deps: PipelineDeps,
  row: GenerationRow,
  url: string,
  keyBase: string,
): Promise<string | null> {
  try {
    const poster = await ingestResultToR2({
      url,
      keyBase,
      bucket: deps.bucket,
      policy: deps.fetchPolicy,
      maxBytes: deps.imageMaxBytes,
      kind: "image",
    });
    return poster.r2Key;
  } catch (error) {
    deps.logger.warn("generation: poster not stored", {
      generationUuid: row.uuid,
      reason: error instanceof MediaFetchError ? error.reason : "unknown",
      host: hostOf(url),
    });
    return null;
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
