import { sql } from "drizzle-orm";
import { ApiError } from "../lib/errors";
import type { GalleryDeps } from "./feed";
import { communityArtworkOf } from "./item-view";
import type { ArtworkDetail } from "./schemas";
import {
  type ArtworkType,
  hydratedPageSql,
  listedSql,
  WORK_TABLES,
  type WorkRow,
  workColumnsSql,
} from "./work-sql";

interface DetailRow extends WorkRow {
  full_prompt: string | null;
  aspect_ratio: string | null;
  scene: string | null;
  outfit: string | null;
  action: string | null;
  camera_motion: string | null;
}

/**
 * One work with everything its page shows. Listed works are visible to anyone; the owner also
 * sees their own private or banned work. Everything else (someone else's private work, a
 * banned one, a deleted generation) is 404, exactly like a work that never existed.
 */
export async function getArtworkDetail(
  deps: GalleryDeps,
  input: { type: ArtworkType; uuid: string; viewerId: string | null },
): Promise<ArtworkDetail> {
  const viewer = input.viewerId ? sql`w.user_id = ${input.viewerId}::uuid` : sql`false`;
  const page = sql`select ${workColumnsSql(input.type)}, w.original_prompt as full_prompt,
      g.aspect_ratio, g.scene, g.outfit, g.action, g.camera_motion
    from ${WORK_TABLES[input.type]} w
    join "generations" g on g.uuid = w.generation_uuid and g.deleted_at is null
    where w.uuid = ${input.uuid}::uuid and ((${listedSql("w")}) or ${viewer})`;
  const result = await deps.db.execute<DetailRow>(
    hydratedPageSql({ page, orderBy: sql`p.uuid`, viewerId: input.viewerId }),
  );
  const row = result.rows[0];
  if (!row) throw new ApiError("NOT_FOUND");
  const item = communityArtworkOf(row, deps.name);
  const owner = row.user_id === input.viewerId;
  const tags = (
    [
      ["scene", row.scene],
      ["outfit", row.outfit],
      ["action", row.action],
      ["cameraMotion", row.camera_motion],
    ] as const
  ).flatMap(([kind, id]) => (id ? [{ kind, ...deps.name(kind, id) }] : []));
  return {
    ...item,
    prompt: row.full_prompt ?? "",
    promptTruncated: false,
    generationUuid: row.generation_uuid,
    aspectRatio: row.aspect_ratio,
    quality: row.quality,
    tags,
    visibility: row.visibility_level === "public" ? "public" : "private",
    ...(owner
      ? { moderationStatus: row.moderation_status as "normal" | "banned" | "featured" }
      : {}),
    reuseUrl: `/api/artworks/${input.type}/${input.uuid}/reuse`,
  };
}
