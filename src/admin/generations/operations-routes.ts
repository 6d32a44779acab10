import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../app/router";
import { requireAdmin } from "../../auth/guards";
import { currentPrincipal } from "../../auth/principal";
import { errorBody, jsonBody, SESSION_ONLY } from "../../lib/openapi";
import { decodeCursor } from "../../lib/pagination";
import { csvFilename, csvResponse } from "../shared/csv";
import { ADMIN_ERRORS, AdminPageQuery, allPages, tableResponse } from "../shared/tables";
import { type AdminGenerationItem, listAdminGenerations } from "./list";
import { refundGeneration, retryIngest } from "./operations";

const common = { tags: ["Admin"], security: SESSION_ONLY, middleware: requireAdmin() };
const UuidParam = z.object({ uuid: z.uuid() });
const Reason = z.string().trim().min(3).max(500);

const GenerationItemSchema = z
  .object({
    uuid: z.uuid(),
    user: z.object({ id: z.uuid(), email: z.string().nullable() }),
    type: z.string(),
    model: z.string(),
    status: z.enum(["pending", "processing", "succeeded", "failed"]),
    count: z.int(),
    successCount: z.int(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    creditsCost: z.int(),
    refundedCredits: z.int().meta({ description: "Credits given back to the creator" }),
    providerCost: z.int().nullable().meta({ description: "Provider credits, when reported" }),
    remoteTaskId: z.string().nullable(),
    callbackReceived: z.boolean(),
    lastPolledAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
    ageSeconds: z.int().meta({ description: "Seconds since it was created" }),
    retryable: z.boolean().meta({ description: "POST …/retry-ingest applies" }),
  })
  .meta({ id: "AdminGeneration" });

const ListQuery = AdminPageQuery.extend({
  status: z
    .enum(["failed", "processing"])
    .default("failed")
    .meta({ description: "`processing`: still running (pending or processing)" }),
  type: z.enum(["image", "video"]).optional(),
  model: z.string().max(100).optional(),
  errorCode: z.string().max(64).optional(),
  userId: z.uuid().optional(),
});

const listRoute = createRoute({
  ...common,
  method: "get",
  path: "/api/admin/generations",
  summary: "Failed or still-running generations, newest first, with their age",
  request: { query: ListQuery },
  responses: {
    ...tableResponse(
      z.object({ items: z.array(GenerationItemSchema), nextCursor: z.string().nullable() }),
      "A page of generations",
    ),
    400: errorBody("Bad filter or cursor"),
    ...ADMIN_ERRORS,
  },
});

const retryRoute = createRoute({
  ...common,
  method: "post",
  path: "/api/admin/generations/{uuid}/retry-ingest",
  summary: "Fetch the results of a provider task we gave up on (late results; the refund stands)",
  request: {
    params: UuidParam,
    body: {
      required: false,
      content: { "application/json": { schema: z.object({ reason: Reason.optional() }) } },
    },
  },
  responses: {
    200: jsonBody(
      z.object({
        outcome: z.enum(["late_success", "unchanged"]),
        generation: GenerationItemSchema,
      }),
      "late_success: results stored now; unchanged: nothing new",
    ),
    202: jsonBody(
      z.object({ outcome: z.enum(["still_running", "queued"]), generation: GenerationItemSchema }),
      "A check is queued: the task still runs, or a transient error will be retried",
    ),
    400: errorBody("Bad uuid or reason"),
    404: errorBody("No such generation"),
    409: errorBody("GENERATION_NOT_RETRYABLE: succeeded, failed by the provider, or no task"),
    ...ADMIN_ERRORS,
  },
});

const refundRoute = createRoute({
  ...common,
  method: "post",
  path: "/api/admin/generations/{uuid}/refund",
  summary: "Give a generation's credits back to its creator, exactly once",
  request: {
    params: UuidParam,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ reason: Reason }) } },
    },
  },
  responses: {
    200: jsonBody(
      z.object({
        status: z.enum(["refunded", "already_refunded"]),
        refund: z.object({ returned: z.int(), forfeited: z.int() }).nullable(),
        generation: GenerationItemSchema,
      }),
      "Refunded now, or refunded before (the earlier refund's figures)",
    ),
    400: errorBody("Bad uuid or reason"),
    404: errorBody("No such generation"),
    409: errorBody("NOTHING_TO_REFUND: it cost nothing"),
    ...ADMIN_ERRORS,
  },
});

export const generationOperationRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { format, cursor, limit, ...filters } = c.req.valid("query");
    const { db, now } = c.get("services");
    const at = now();
    if (format === "csv") {
      return csvResponse<AdminGenerationItem>(c, {
        filename: csvFilename(`generations-${filters.status}`, at.toISOString().slice(0, 10)),
        columns: [
          { header: "created_at", value: (r) => r.createdAt },
          { header: "uuid", value: (r) => r.uuid },
          { header: "user_id", value: (r) => r.user.id },
          { header: "user_email", value: (r) => r.user.email },
          { header: "type", value: (r) => r.type },
          { header: "model", value: (r) => r.model },
          { header: "status", value: (r) => r.status },
          { header: "error_code", value: (r) => r.errorCode },
          { header: "error_message", value: (r) => r.errorMessage },
          { header: "credits_cost", value: (r) => r.creditsCost },
          { header: "refunded_credits", value: (r) => r.refundedCredits },
          { header: "provider_cost", value: (r) => r.providerCost },
          { header: "remote_task_id", value: (r) => r.remoteTaskId },
          { header: "age_seconds", value: (r) => r.ageSeconds },
          { header: "retryable", value: (r) => r.retryable },
        ],
        batches: allPages((next, size) =>
          listAdminGenerations(db, filters, { cursor: next, limit: size }, at),
        ),
      });
    }
    const page = await listAdminGenerations(
      db,
      filters,
      { cursor: decodeCursor(cursor), limit },
      at,
    );
    return c.json(page, 200);
  })
  .openapi(retryRoute, async (c) => {
    const { uuid } = c.req.valid("param");
    const body = (c.req.valid("json") ?? {}) as { reason?: string };
    const result = await retryIngest(c.get("services"), uuid, {
      actorId: currentPrincipal(c).userId,
      requestId: c.get("requestId") ?? null,
      reason: body.reason ?? null,
    });
    if (result.outcome === "still_running" || result.outcome === "queued") {
      return c.json({ outcome: result.outcome, generation: result.generation }, 202);
    }
    return c.json({ outcome: result.outcome, generation: result.generation }, 200);
  })
  .openapi(refundRoute, async (c) => {
    const { uuid } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const answer = await refundGeneration(c.get("services"), uuid, {
      actorId: currentPrincipal(c).userId,
      requestId: c.get("requestId") ?? null,
      reason,
    });
    return c.json(answer, 200);
  });
