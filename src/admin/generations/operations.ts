import { eq, sql } from "drizzle-orm";
import type { Services } from "../../context";
import { type RefundResult, refundCredits } from "../../credits/service";
import { generations } from "../../db/schema";
import type { Transaction } from "../../db/transaction";
import { checkGeneration } from "../../generations/check-task";
import { failGeneration } from "../../generations/lifecycle";
import { checkGenerationMessage } from "../../generations/messages";
import { pipelineDeps } from "../../generations/pipeline-deps";
import { ApiError } from "../../lib/errors";
import { recordAdminAction } from "../audit";
import { type AdminGenerationItem, adminGenerationItem, isRetryable } from "./list";

export interface AdminActor {
  actorId: string;
  requestId: string | null;
  reason: string | null;
}

/**
 * late_success: the provider's results are now stored (the refund stands); unchanged: nothing
 * new to store; still_running: the task is not done, a check is queued; queued: the provider or
 * R2 answered with a transient error, the check is queued to retry with backoff.
 */
export type RetryOutcome = "late_success" | "unchanged" | "still_running" | "queued";

async function itemOrThrow(services: Services, uuid: string): Promise<AdminGenerationItem> {
  const item = await adminGenerationItem(services.db, uuid, services.now());
  if (!item) throw new ApiError("NOT_FOUND", { details: { generation: uuid } });
  return item;
}

const brief = (item: AdminGenerationItem) => ({
  status: item.status,
  successCount: item.successCount,
  errorCode: item.errorCode,
});

/** Re-runs the check of a generation we gave up on while its provider task may have succeeded. */
export async function retryIngest(
  services: Services,
  uuid: string,
  actor: AdminActor,
): Promise<{ outcome: RetryOutcome; generation: AdminGenerationItem }> {
  const before = await itemOrThrow(services, uuid);
  if (!isRetryable(before)) {
    throw new ApiError("GENERATION_NOT_RETRYABLE", {
      details: { status: before.status, errorCode: before.errorCode },
    });
  }
  const deps = pipelineDeps(services);
  const message = checkGenerationMessage(uuid, "admin");
  let outcome: RetryOutcome;
  try {
    const result = await checkGeneration(deps, message);
    outcome =
      result === "late_success"
        ? "late_success"
        : result === "running"
          ? "still_running"
          : "unchanged";
  } catch (error) {
    // RetryLater or anything transient (R2, network): the queue retries it with backoff.
    services.logger.warn("admin: retry-ingest hit a transient error; check queued", {
      generationUuid: uuid,
      error,
    });
    outcome = "queued";
  }
  if (outcome === "still_running" || outcome === "queued") await deps.queue.send(message);
  const after = await itemOrThrow(services, uuid);
  if (outcome !== "unchanged") {
    // After the fact: checkGeneration commits its own transactions.
    await recordAdminAction(services.db, {
      actorId: actor.actorId,
      action: "generations.retry_ingest",
      targetType: "generation",
      targetId: uuid,
      reason: actor.reason,
      requestId: actor.requestId,
      details: { outcome, before: brief(before), after: brief(after) },
    });
  }
  return { outcome, generation: after };
}

export interface RefundAnswer {
  status: "refunded" | "already_refunded";
  refund: { returned: number; forfeited: number } | null;
  generation: AdminGenerationItem;
}

const figuresOf = (result: RefundResult) => {
  if (result.status === "refunded") {
    return { returned: result.returned, forfeited: result.forfeited };
  }
  if (result.status === "already_refunded") {
    return {
      returned: result.entry.amount,
      forfeited: Number(result.entry.metadata?.forfeited ?? 0),
    };
  }
  return null;
};

/**
 * Gives a generation's credits back, once (the ledger allows one refund per spend). Running:
 * failed as ADMIN_REFUNDED, which refunds it all; ended: the whole spend is refunded unless a
 * refund exists already (failed, or partly refunded for missing results). The audit entry is
 * written in the refund's transaction.
 */
export async function refundGeneration(
  services: Services,
  uuid: string,
  actor: AdminActor & { reason: string },
): Promise<RefundAnswer> {
  const { db, now } = services;
  const current = await itemOrThrow(services, uuid);
  if (current.creditsCost === 0) throw new ApiError("NOTHING_TO_REFUND");
  const audit = (tx: Transaction, before: string, after: string, result: RefundResult) =>
    recordAdminAction(tx, {
      actorId: actor.actorId,
      action: "generations.refund",
      targetType: "generation",
      targetId: uuid,
      reason: actor.reason,
      requestId: actor.requestId,
      details: { before: { status: before }, after: { status: after }, ...figuresOf(result) },
    });

  let result: RefundResult | null = null;
  if (current.status === "pending" || current.status === "processing") {
    await failGeneration(db, {
      uuid,
      errorCode: "ADMIN_REFUNDED",
      errorMessage: `refunded by an admin: ${actor.reason}`,
      now: now(),
      async alsoInTransaction(tx, row, refund) {
        result = refund;
        if (refund.status === "refunded") await audit(tx, row.status, "failed", refund);
      },
    });
  }
  // Ended already, or ended while we waited for the row: refund the spend unless it was.
  result ??= await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: generations.status })
      .from(generations)
      .where(eq(generations.uuid, uuid))
      .for("update");
    if (!row) throw new ApiError("NOT_FOUND");
    const refund = await refundCredits(tx, {
      sourceId: uuid,
      reason: "ADMIN_REFUNDED",
      now: now(),
    });
    if (refund.status !== "refunded") return refund;
    const at = now();
    await tx
      .update(generations)
      .set({
        metadata: sql`${generations.metadata} || ${JSON.stringify({ adminRefundAt: at.toISOString() })}::jsonb`,
        updatedAt: at,
      })
      .where(eq(generations.uuid, uuid));
    await audit(tx, row.status, row.status, refund);
    return refund;
  });
  const outcome = result as RefundResult;
  if (outcome.status === "no_spend") throw new ApiError("NOTHING_TO_REFUND");
  return {
    status: outcome.status,
    refund: figuresOf(outcome),
    generation: await itemOrThrow(services, uuid),
  };
}
