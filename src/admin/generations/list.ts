import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { generations, user } from "../../db/schema";
import { LATE_RESULTS_ACCEPTED } from "../../generations/check-task";
import { beforeCursor, type Cursor, cursorTimeOf, pageOf } from "../../lib/pagination";

export interface GenerationFilters {
  /** failed, or processing = still running (pending or processing). */
  status: "failed" | "processing";
  type?: "image" | "video";
  model?: string;
  errorCode?: string;
  userId?: string;
}

export type GenerationStatus = "pending" | "processing" | "succeeded" | "failed";

export interface AdminGenerationItem {
  uuid: string;
  user: { id: string; email: string | null };
  type: string;
  model: string;
  status: GenerationStatus;
  count: number;
  successCount: number;
  errorCode: string | null;
  errorMessage: string | null;
  creditsCost: number;
  refundedCredits: number;
  providerCost: number | null;
  remoteTaskId: string | null;
  callbackReceived: boolean;
  lastPolledAt: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  ageSeconds: number;
  retryable: boolean;
}

/** retry-ingest applies: we gave up on it (not the provider) and know its provider task. */
export const isRetryable = (row: {
  status: string;
  errorCode: string | null;
  remoteTaskId: string | null;
}) =>
  row.status === "failed" && LATE_RESULTS_ACCEPTED.has(row.errorCode ?? "") && !!row.remoteTaskId;

// Credits given back for the generation: its refund row (one per spend) holds what returned.
const refunded = sql<number>`coalesce((select sum(c.amount) from "credits" c
  where c.trans_type = 'refund' and c.source_id = 'generation:' || ${generations.uuid}::text), 0)::int`;

const columns = {
  uuid: generations.uuid,
  userId: generations.userId,
  email: user.email,
  type: generations.type,
  model: generations.modelId,
  status: generations.status,
  count: generations.count,
  successCount: generations.successCount,
  errorCode: generations.errorCode,
  errorMessage: generations.errorMessage,
  creditsCost: generations.creditsCost,
  refundedCredits: refunded,
  providerCost: generations.providerCost,
  remoteTaskId: generations.remoteTaskId,
  callbackReceived: generations.callbackReceived,
  lastPolledAt: generations.lastPolledAt,
  createdAt: generations.createdAt,
  updatedAt: generations.updatedAt,
  completedAt: generations.completedAt,
  at: cursorTimeOf(generations.createdAt),
};

interface RawRow {
  uuid: string;
  userId: string;
  email: string | null;
  type: string;
  model: string;
  status: string;
  count: number;
  successCount: number;
  errorCode: string | null;
  errorMessage: string | null;
  creditsCost: number;
  refundedCredits: number;
  providerCost: number | null;
  remoteTaskId: string | null;
  callbackReceived: boolean;
  lastPolledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

function itemOf(r: RawRow, now: Date): AdminGenerationItem {
  return {
    uuid: r.uuid,
    user: { id: r.userId, email: r.email },
    type: r.type,
    model: r.model,
    // The table's check constraint holds status to these four.
    status: r.status as GenerationStatus,
    count: r.count,
    successCount: r.successCount,
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    creditsCost: r.creditsCost,
    refundedCredits: Number(r.refundedCredits),
    providerCost: r.providerCost,
    remoteTaskId: r.remoteTaskId,
    callbackReceived: r.callbackReceived,
    lastPolledAt: r.lastPolledAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    ageSeconds: Math.max(0, Math.floor((now.getTime() - r.createdAt.getTime()) / 1000)),
    retryable: isRetryable(r),
  };
}

/** Failed or still-running generations, newest first (keyset on created_at, uuid). */
export async function listAdminGenerations(
  db: Database,
  filters: GenerationFilters,
  page: { cursor: Cursor | null; limit: number },
  now: Date,
): Promise<{ items: AdminGenerationItem[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [
    filters.status === "failed"
      ? eq(generations.status, "failed")
      : inArray(generations.status, ["pending", "processing"]),
    filters.type ? eq(generations.type, filters.type) : undefined,
    filters.model ? eq(generations.modelId, filters.model) : undefined,
    filters.errorCode ? eq(generations.errorCode, filters.errorCode) : undefined,
    filters.userId ? eq(generations.userId, filters.userId) : undefined,
    beforeCursor(generations.createdAt, generations.uuid, page.cursor),
  ];
  const rows = await db
    .select(columns)
    .from(generations)
    .leftJoin(user, eq(user.id, generations.userId))
    .where(and(...where))
    .orderBy(desc(generations.createdAt), desc(generations.uuid))
    .limit(page.limit + 1);
  const result = pageOf(rows, page.limit, (row) => ({ at: row.at, id: row.uuid }));
  return {
    items: result.items.map(({ at: _at, ...row }) => itemOf(row, now)),
    nextCursor: result.nextCursor,
  };
}

/** One generation in the list's shape (any status), or undefined. */
export async function adminGenerationItem(
  db: Database,
  uuid: string,
  now: Date,
): Promise<AdminGenerationItem | undefined> {
  const [row] = await db
    .select(columns)
    .from(generations)
    .leftJoin(user, eq(user.id, generations.userId))
    .where(eq(generations.uuid, uuid))
    .limit(1);
  if (!row) return undefined;
  const { at: _at, ...rest } = row;
  return itemOf(rest, now);
}
