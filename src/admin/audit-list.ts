import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { adminAuditLog, user } from "../db/schema";
import { beforeCursor, type Cursor, cursorTimeOf, pageOf } from "../lib/pagination";

export interface AuditFilters {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
}

export interface AuditRow {
  id: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string;
  reason: string | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
  createdAt: Date;
}

/** The audit trail, newest first (keyset on created_at, id; `admin_audit_log_created_at_idx`). */
export async function listAudit(
  db: Database,
  filters: AuditFilters,
  page: { cursor: Cursor | null; limit: number },
) {
  const where: (SQL | undefined)[] = [
    filters.action ? eq(adminAuditLog.action, filters.action) : undefined,
    filters.actorId ? eq(adminAuditLog.actorId, filters.actorId) : undefined,
    filters.targetType ? eq(adminAuditLog.targetType, filters.targetType) : undefined,
    filters.targetId ? eq(adminAuditLog.targetId, filters.targetId) : undefined,
    beforeCursor(adminAuditLog.createdAt, adminAuditLog.id, page.cursor),
  ];
  const rows = await db
    .select({
      id: adminAuditLog.id,
      actorId: adminAuditLog.actorId,
      actorEmail: user.email,
      action: adminAuditLog.action,
      targetType: adminAuditLog.targetType,
      targetId: adminAuditLog.targetId,
      reason: adminAuditLog.reason,
      details: adminAuditLog.details,
      requestId: adminAuditLog.requestId,
      createdAt: adminAuditLog.createdAt,
      at: cursorTimeOf(adminAuditLog.createdAt),
    })
    .from(adminAuditLog)
    .leftJoin(user, eq(user.id, adminAuditLog.actorId))
    .where(and(...where))
    .orderBy(desc(adminAuditLog.createdAt), desc(adminAuditLog.id))
    .limit(page.limit + 1);
  const result = pageOf(rows, page.limit, (row) => ({ at: row.at, id: row.id }));
  return {
    items: result.items.map(({ at: _at, ...row }): AuditRow => row),
    nextCursor: result.nextCursor,
  };
}
