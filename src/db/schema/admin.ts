import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, uuidPk } from "./columns";

/**
 * What admins did, written in the same transaction as the change itself, so the trail cannot
 * miss an action that happened. The actor stays recorded by id even if their account goes.
 */
export const adminAuditLog = pgTable(
  "admin_audit_log",
  {
    id: uuidPk(),
    actorId: uuid("actor_id").references(() => user.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    requestId: text("request_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("admin_audit_log_target_idx").on(t.targetType, t.targetId, t.createdAt),
    index("admin_audit_log_created_at_idx").on(t.createdAt),
  ],
);
