import { eq, sql } from "drizzle-orm";
import { type RefundResult, refundCredits } from "../credits/service";
import type { Database } from "../db/client";
import { generationImages, generations, generationVideos } from "../db/schema";
import type { Transaction } from "../db/transaction";
import type { Logger } from "../lib/logger";
import { imageRow, videoRow } from "./work-rows";

/**
 * The end states of a generation. Each runs in one transaction that first locks the generation
 * row, so the queue consumer, a duplicate message, the sweeper and the dead-letter consumer can
 * race freely: whoever comes second sees the first one's result and changes nothing. Lock order
 * is always generation row → user's ledger lock (inside the credits service).
 */

export type GenerationRow = typeof generations.$inferSelect;

/** Error codes a generation can end with (shown to clients as `errorCode`). */
export type GenerationErrorCode =
  | "PROVIDER_REJECTED"
  | "PROVIDER_UNAVAILABLE"
  | "PROVIDER_FAILED"
  | "PROVIDER_TASK_LOST"
  | "MISSING_RESULTS"
  | "RESULT_REFUSED"
  | "DEADLINE_EXCEEDED"
  | "SUBMISSION_LOST"
  | "INGEST_FAILED"
  /** An admin refunded a generation that was still running (POST /api/admin/generations/:uuid/refund). */
  | "ADMIN_REFUNDED";

async function lockGeneration(tx: Transaction, uuid: string): Promise<GenerationRow | undefined> {
  const [row] = await tx.select().from(generations).where(eq(generations.uuid, uuid)).for("update");
  return row;
}

const isOpen = (row: GenerationRow) => row.status === "pending" || row.status === "processing";

/**
 * pending → processing once the provider accepted the task. The task id is kept even when the
 * generation was failed meanwhile (the submission was slow and something gave up on it), so
 * results that still arrive can be saved as late results.
 */
export async function markSubmitted(
  db: Database,
  uuid: string,
  taskId: string,
  now: Date,
  metadata: Record<string, unknown> = {},
): Promise<void> {
  await db
    .update(generations)
    .set({
      status: sql`case when ${generations.status} = 'pending' then 'processing' else ${generations.status} end`,
      remoteTaskId: taskId,
      metadata: sql`${generations.metadata} || ${JSON.stringify(metadata)}::jsonb`,
      updatedAt: now,
    })
    .where(sql`${generations.uuid} = ${uuid} and ${generations.remoteTaskId} is null`);
}

/**
 * Fails an open generation and refunds all its credits, once. A generation that already ended
 * is left alone (returns false). `providerCost` is what the provider charged for a failed task,
 * when it says; `alsoInTransaction` runs after the refund in the same transaction (an admin's
 * audit entry).
 */
export async function failGeneration(
  db: Database,
  input: {
    uuid: string;
    errorCode: GenerationErrorCode;
    errorMessage: string;
    now: Date;
    providerCost?: number | null;
    alsoInTransaction?: (
      tx: Transaction,
      row: GenerationRow,
      refund: RefundResult,
    ) => Promise<void>;
  },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await lockGeneration(tx, input.uuid);
    if (!row || !isOpen(row)) return false;
    await tx
      .update(generations)
      .set({
        status: "failed",
        errorCode: input.errorCode,
        errorMessage: input.errorMessage.slice(0, 500),
        ...(input.providerCost != null ? { providerCost: input.providerCost } : {}),
        completedAt: input.now,
        updatedAt: input.now,
      })
      .where(eq(generations.uuid, input.uuid));
    const refund = await refundCredits(tx, {
      sourceId: input.uuid,
      reason: input.errorCode,
      now: input.now,
    });
    await input.alsoInTransaction?.(tx, row, refund);
    return true;
  });
}

export interface StoredResult {
  index: number;
  r2Key: string;
  contentType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  /** Videos: "h264", "vp9", … when the container says so early enough. */
  codec?: string | null;
  /** Videos: the stored poster image, when the provider made one. */
  posterR2Key?: string | null;
}

export type CompletionOutcome = "succeeded" | "partial" | "failed" | "late_success" | "unchanged";

/**
 * Records the images copied to R2 and ends the generation: all there → succeeded; some →
 * succeeded with the missing part refunded; none → failed and refunded. Rows are unique per
 * (generation, index), so a second delivery inserts nothing. A generation that already failed
 * (the sweeper gave up on it) still gets its images — they are the creator's — but keeps its
 * status and its refund.
 */
export async function completeGeneration(
  db: Database,
  input: {
    uuid: string;
    results: StoredResult[];
    /** Why some or all results are missing (refused by the media guard, provider sent fewer). */
    missingReason: GenerationErrorCode;
    providerCost: number | null;
    now: Date;
    logger: Logger;
  },
): Promise<CompletionOutcome> {
  return db.transaction(async (tx) => {
    const row = await lockGeneration(tx, input.uuid);
    if (!row || row.status === "succeeded") return "unchanged";
    const usable = input.results.filter((r) => r.index >= 0 && r.index < row.count);
    const stored = await storeResults(tx, row, usable);

    if (!isOpen(row)) {
      if (stored === row.successCount) return "unchanged";
      await tx
        .update(generations)
        .set({
          successCount: stored,
          metadata: sql`${generations.metadata} || ${JSON.stringify({ lateSuccessAt: input.now.toISOString() })}::jsonb`,
          updatedAt: input.now,
        })
        .where(eq(generations.uuid, row.uuid));
      input.logger.warn("generation: results arrived after it failed; saved, refund stands", {
        generationUuid: row.uuid,
        errorCode: row.errorCode,
        stored,
      });
      return "late_success";
    }

    const missing = row.count - stored;
    const failed = stored === 0;
    await tx
      .update(generations)
      .set({
        status: failed ? "failed" : "succeeded",
        successCount: stored,
        providerCost: input.providerCost,
        errorCode: missing > 0 ? input.missingReason : null,
        errorMessage: missing > 0 ? `${missing} of ${row.count} results missing` : null,
        completedAt: input.now,
        updatedAt: input.now,
      })
      .where(eq(generations.uuid, row.uuid));
    if (missing > 0) {
      // Per-result pricing: each missing result is worth an equal share of what was paid.
      const amount = failed ? undefined : Math.floor((row.creditsCost * missing) / row.count);
      await refundCredits(tx, {
        sourceId: row.uuid,
        amount,
        reason: input.missingReason,
        now: input.now,
      });
    }
    return failed ? "failed" : missing > 0 ? "partial" : "succeeded";
  });
}

/** Inserts the rows of new results (a repeat inserts nothing); answers how many are stored. */
async function storeResults(
  tx: Transaction,
  row: GenerationRow,
  results: StoredResult[],
): Promise<number> {
  const table = row.type === "video" ? generationVideos : generationImages;
  if (results.length > 0) {
    if (row.type === "video") {
      await tx
        .insert(generationVideos)
        .values(results.map((result) => videoRow(row, result)))
        .onConflictDoNothing();
    } else {
      await tx
        .insert(generationImages)
        .values(results.map((result) => imageRow(row, result)))
        .onConflictDoNothing();
    }
  }
  const [{ stored = 0 } = {}] = await tx
    .select({ stored: sql<number>`count(*)::int` })
    .from(table)
    .where(eq(table.generationUuid, row.uuid));
  return stored;
}
