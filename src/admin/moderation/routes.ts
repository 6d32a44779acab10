import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../app/router";
import { requireAdmin } from "../../auth/guards";
import { currentPrincipal } from "../../auth/principal";
import { PROMPT_EXCERPT_CHARS } from "../../community/work-sql";
import { errorBody, jsonBody, SESSION_ONLY } from "../../lib/openapi";
import { decodeCursor } from "../../lib/pagination";
import { csvFilename, csvResponse } from "../shared/csv";
import { ADMIN_ERRORS, AdminPageQuery, allPages, tableResponse } from "../shared/tables";
import { MODERATION_STATUSES, moderateArtwork } from "./moderate";
import { listModerationQueue, type QueueRow } from "./queue";

const TYPES = ["image", "video"] as const;

const ArtworkPath = z.object({
  type: z.enum(TYPES).meta({ param: { name: "type", in: "path" } }),
  uuid: z.uuid().meta({ param: { name: "uuid", in: "path" } }),
});

const ModerationBody = z
  .object({
    status: z.enum(MODERATION_STATUSES).meta({
      description: "`banned` hides the work from everyone but its owner; `featured` marks it",
    }),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .meta({ id: "AdminModerationUpdate" });

const ModerationResultSchema = z
  .object({
    type: z.enum(TYPES),
    uuid: z.uuid(),
    moderationStatus: z.enum(MODERATION_STATUSES),
    previousStatus: z.enum(MODERATION_STATUSES),
    changed: z.boolean().meta({ description: "false when the work already had this status" }),
  })
  .meta({ id: "AdminModerationResult" });

const moderateRoute = createRoute({
  method: "post",
  path: "/api/admin/artworks/{type}/{uuid}/moderation",
  tags: ["Admin"],
  summary: "Ban, feature or restore a work; the gallery reflects it at once",
  security: SESSION_ONLY,
  middleware: requireAdmin(),
  request: {
    params: ArtworkPath,
    body: { required: true, content: { "application/json": { schema: ModerationBody } } },
  },
  responses: {
    200: jsonBody(ModerationResultSchema, "The work's moderation status, before and after"),
    400: errorBody("Unknown status or type"),
    404: errorBody("No such work of this type"),
    ...ADMIN_ERRORS,
  },
});

const QueueItemSchema = z
  .object({
    type: z.enum(TYPES),
    uuid: z.uuid(),
    generationUuid: z.uuid(),
    author: z.object({ id: z.uuid(), email: z.string() }),
    prompt: z.string().meta({ description: `At most ${PROMPT_EXCERPT_CHARS} characters` }),
    modelId: z.string(),
    visibility: z.enum(["public", "private"]),
    moderationStatus: z.enum(MODERATION_STATUSES),
    likeCount: z.int(),
    favoriteCount: z.int(),
    coverUrl: z.string().meta({ description: "/media/ path; admins may open it when hidden" }),
    mediaUrl: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AdminArtwork" });

const QueueQuery = AdminPageQuery.extend({
  type: z.enum(["all", ...TYPES]).default("all"),
  moderation: z.enum(MODERATION_STATUSES).optional().meta({ description: "Default: all" }),
  visibility: z.enum(["public", "private", "all"]).default("public"),
  userId: z.uuid().optional(),
});

const queueRoute = createRoute({
  method: "get",
  path: "/api/admin/artworks",
  tags: ["Admin"],
  summary: "Works to moderate, newest first (default: public works of every moderation status)",
  security: SESSION_ONLY,
  middleware: requireAdmin(),
  request: { query: QueueQuery },
  responses: {
    ...tableResponse(
      z.object({ items: z.array(QueueItemSchema), nextCursor: z.string().nullable() }),
      "A page of works",
    ),
    400: errorBody("Bad filter or cursor"),
    ...ADMIN_ERRORS,
  },
});

function excerpt(prompt: string | null): string {
  const text = prompt ?? "";
  return text.length > PROMPT_EXCERPT_CHARS
    ? `${text.slice(0, PROMPT_EXCERPT_CHARS).trimEnd()}…`
    : text;
}

const view = (row: QueueRow) => ({
  type: row.type,
  uuid: row.uuid,
  generationUuid: row.generationUuid,
  author: { id: row.authorId, email: row.authorEmail },
  prompt: excerpt(row.prompt),
  modelId: row.modelId,
  visibility: row.visibility as "public" | "private",
  moderationStatus: row.moderationStatus as (typeof MODERATION_STATUSES)[number],
  likeCount: row.likeCount,
  favoriteCount: row.favoriteCount,
  coverUrl: row.posterUrl ?? row.mediaUrl,
  mediaUrl: row.mediaUrl,
  createdAt: row.createdAt.toISOString(),
});

export const adminModerationRoutes = createRouter()
  .openapi(moderateRoute, async (c) => {
    const { type, uuid } = c.req.valid("param");
    const { status, reason } = c.req.valid("json");
    const { db, feedCache } = c.get("services");
    const result = await moderateArtwork(db, {
      type,
      uuid,
      status,
      reason: reason ?? null,
      actorId: currentPrincipal(c).userId,
      requestId: c.get("requestId") ?? null,
    });
    // Cached anonymous gallery pages may still list a banned work: retire them all now.
    if (result.changed) await feedCache.invalidate();
    return c.json(result, 200);
  })
  .openapi(queueRoute, async (c) => {
    const { format, cursor, limit, ...filters } = c.req.valid("query");
    const { db, now } = c.get("services");
    if (format === "csv") {
      return csvResponse<QueueRow>(c, {
        filename: csvFilename("artworks", now().toISOString().slice(0, 10)),
        columns: [
          { header: "created_at", value: (r) => r.createdAt },
          { header: "type", value: (r) => r.type },
          { header: "uuid", value: (r) => r.uuid },
          { header: "generation_uuid", value: (r) => r.generationUuid },
          { header: "author_id", value: (r) => r.authorId },
          { header: "author_email", value: (r) => r.authorEmail },
          { header: "prompt", value: (r) => excerpt(r.prompt) },
          { header: "model_id", value: (r) => r.modelId },
          { header: "visibility", value: (r) => r.visibility },
          { header: "moderation_status", value: (r) => r.moderationStatus },
          { header: "like_count", value: (r) => r.likeCount },
          { header: "favorite_count", value: (r) => r.favoriteCount },
          { header: "cover_url", value: (r) => r.posterUrl ?? r.mediaUrl },
          { header: "media_url", value: (r) => r.mediaUrl },
        ],
        batches: allPages((page, size) =>
          listModerationQueue(db, filters, { cursor: page, limit: size }),
        ),
      });
    }
    const page = await listModerationQueue(db, filters, { cursor: decodeCursor(cursor), limit });
    return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
  });
