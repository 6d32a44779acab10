import { adminAuditLog } from "../db/schema";
import type { Executor } from "../db/transaction";

export interface AuditEntry {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  reason?: string | null;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

/** Records an admin action; pass the transaction that makes the change so both land or neither. */
export async function recordAdminAction(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(adminAuditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    reason: entry.reason ?? null,
    details: entry.details ?? null,
    requestId: entry.requestId ?? null,
  });
}
