import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { requireAdmin } from "../auth/guards";
import { errorBody, SESSION_ONLY } from "../lib/openapi";
import { decodeCursor } from "../lib/pagination";
import { type AuditRow, listAudit } from "./audit-list";
import { csvFilename, csvResponse } from "./shared/csv";
import { ADMIN_ERRORS, AdminPageQuery, allPages, tableResponse } from "./shared/tables";

const AuditEntrySchema = z
  .object({
    id: z.uuid(),
    actor: z.object({ id: z.uuid(), email: z.string().nullable() }).nullable(),
    action: z.string().meta({ example: "costs.update" }),
    targetType: z.string().meta({ example: "operation_cost" }),
    targetId: z.string(),
    reason: z.string().nullable(),
    details: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: "What changed: `before` and `after` where the action edits a row" }),
    requestId: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AdminAuditEntry" });

const AuditQuery = AdminPageQuery.extend({
  action: z.string().max(64).optional(),
  actorId: z.uuid().optional(),
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(200).optional(),
});

const auditRoute = createRoute({
  method: "get",
  path: "/api/admin/audit",
  tags: ["Admin"],
  summary: "Admin actions, newest first: who did what to which object, when, before and after",
  security: SESSION_ONLY,
  middleware: requireAdmin(),
  request: { query: AuditQuery },
  responses: {
    ...tableResponse(
      z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() }),
      "A page of the audit log",
    ),
    400: errorBody("Bad filter or cursor"),
    ...ADMIN_ERRORS,
  },
});

const view = (row: AuditRow) => ({
  id: row.id,
  actor: row.actorId ? { id: row.actorId, email: row.actorEmail } : null,
  action: row.action,
  targetType: row.targetType,
  targetId: row.targetId,
  reason: row.reason,
  details: row.details,
  requestId: row.requestId,
  createdAt: row.createdAt.toISOString(),
});

export const adminAuditRoutes = createRouter().openapi(auditRoute, async (c) => {
  const { format, cursor, limit, ...filters } = c.req.valid("query");
  const db = c.get("services").db;
  if (format === "csv") {
    return csvResponse<AuditRow>(c, {
      filename: csvFilename("audit", c.get("services").now().toISOString().slice(0, 10)),
      columns: [
        { header: "created_at", value: (r) => r.createdAt },
        { header: "actor_id", value: (r) => r.actorId },
        { header: "actor_email", value: (r) => r.actorEmail },
        { header: "action", value: (r) => r.action },
        { header: "target_type", value: (r) => r.targetType },
        { header: "target_id", value: (r) => r.targetId },
        { header: "reason", value: (r) => r.reason },
        { header: "details", value: (r) => (r.details ? JSON.stringify(r.details) : null) },
        { header: "request_id", value: (r) => r.requestId },
        { header: "id", value: (r) => r.id },
      ],
      batches: allPages((at, size) => listAudit(db, filters, { cursor: at, limit: size })),
    });
  }
  const page = await listAudit(db, filters, { cursor: decodeCursor(cursor), limit });
  return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
});
