import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { generations } from "../db/schema";
import { failGeneration } from "./lifecycle";
import { checkGenerationMessage } from "./messages";
import { modelOf, type PipelineDeps } from "./pipeline-deps";

/** A create request that never recorded a task id this long after it started has crashed. */
export const PENDING_TIMEOUT_SECONDS = 600;
/** Rows looked at per run; the cron runs every few minutes, so a backlog drains over runs. */
const BATCH = 500;

export interface SweepReport {
  polled: number;
  timedOut: number;
  abandoned: number;
}

/**
 * SPEC §5.5. Generations still open past their model's polling age are checked through the same
 * queue path as callbacks (a lost callback costs minutes, not the creator's credits); past the
 * model's deadline they fail and are refunded. Pending rows that never got a task id (the
 * create request died before or during submission) are failed and refunded too.
 */
export async function sweepGenerations(
  deps: PipelineDeps,
  /** Only this user's generations (admin tools; tests that must not touch other tests' rows). */
  scope: { userId?: string } = {},
): Promise<SweepReport> {
  const now = deps.now();
  const nowMs = now.getTime();
  const rows = await deps.db
    .select({
      uuid: generations.uuid,
      status: generations.status,
      modelId: generations.modelId,
      remoteTaskId: generations.remoteTaskId,
      createdAt: generations.createdAt,
      lastPolledAt: generations.lastPolledAt,
    })
    .from(generations)
    .where(
      and(
        sql`${generations.status} in ('pending', 'processing')`,
        lt(generations.updatedAt, new Date(nowMs - 30_000)),
        scope.userId ? eq(generations.userId, scope.userId) : undefined,
      ),
    )
    .orderBy(asc(generations.updatedAt))
    .limit(BATCH);

  const report: SweepReport = { polled: 0, timedOut: 0, abandoned: 0 };
  const toPoll: string[] = [];
  for (const row of rows) {
    const ageSeconds = (nowMs - row.createdAt.getTime()) / 1000;
    const polling = modelOf(deps.configs, row.modelId)?.polling ?? {
      pollAfterSeconds: 60,
      deadlineSeconds: 1800,
    };
    if (row.status === "pending" || !row.remoteTaskId) {
      if (ageSeconds < PENDING_TIMEOUT_SECONDS) continue;
      const failed = await failGeneration(deps.db, {
        uuid: row.uuid,
        errorCode: "SUBMISSION_LOST",
        errorMessage: "the task never reached the provider",
        now,
      });
      if (failed) report.abandoned += 1;
    } else if (ageSeconds >= polling.deadlineSeconds) {
      const failed = await failGeneration(deps.db, {
        uuid: row.uuid,
        errorCode: "DEADLINE_EXCEEDED",
        errorMessage: `no result within ${polling.deadlineSeconds} s`,
        now,
      });
      if (failed) report.timedOut += 1;
    } else if (ageSeconds >= polling.pollAfterSeconds) {
      const sincePoll = row.lastPolledAt ? (nowMs - row.lastPolledAt.getTime()) / 1000 : Infinity;
      if (sincePoll >= polling.pollAfterSeconds) toPoll.push(row.uuid);
    }
  }
  if (toPoll.length > 0) {
    // Stamp first: a slow queue must not get the same check again from the next run.
    await deps.db
      .update(generations)
      .set({ lastPolledAt: now })
      .where(inArray(generations.uuid, toPoll));
    for (let i = 0; i < toPoll.length; i += 100) {
      await deps.queue.sendBatch(
        toPoll.slice(i, i + 100).map((uuid) => ({ body: checkGenerationMessage(uuid, "sweeper") })),
      );
    }
    report.polled = toPoll.length;
  }
  return report;
}
