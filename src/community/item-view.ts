import type { Configs } from "../configs/load";
import type { Translate } from "../i18n/translate";
import type { CommunityArtwork } from "./schemas";
import { PROMPT_EXCERPT_CHARS, type WorkRow } from "./work-sql";

/** Config id → localised name; an id no longer in the configs shows as itself. */
export function namer(configs: Configs, t: Translate) {
  const keys = new Map<string, string>();
  for (const m of configs.models) keys.set(`model:${m.id}`, m.nameKey);
  const groups = [
    ["style", configs.styles],
    ["scene", configs.scenes],
    ["outfit", configs.outfits],
    ["action", configs.actions],
    ["cameraMotion", configs.cameraMotions],
  ] as const;
  for (const [kind, list] of groups) for (const p of list) keys.set(`${kind}:${p.id}`, p.nameKey);
  return (kind: string, id: string) => {
    const key = keys.get(`${kind}:${id}`);
    return { id, name: key ? t(key) : id };
  };
}
export type Namer = ReturnType<typeof namer>;

/** A page row as the API shows it. The viewer's flags appear only for signed-in viewers. */
export function communityArtworkOf(row: WorkRow, name: Namer): CommunityArtwork {
  const prompt = row.prompt ?? "";
  const truncated = prompt.length > PROMPT_EXCERPT_CHARS;
  return {
    type: row.type,
    uuid: row.uuid,
    author: { id: row.user_id, displayName: row.author_name, avatarSrc: row.author_avatar },
    coverUrl: row.poster_url ?? row.media_url,
    mediaUrl: row.media_url,
    thumbnailUrl: row.thumbnail_url,
    width: row.width,
    height: row.height,
    durationSeconds: row.duration_seconds,
    prompt: truncated ? `${prompt.slice(0, PROMPT_EXCERPT_CHARS).trimEnd()}…` : prompt,
    promptTruncated: truncated,
    model: name("model", row.model_id),
    style: row.style ? name("style", row.style) : null,
    likeCount: Number(row.like_count),
    favoriteCount: Number(row.favorite_count),
    featured: row.moderation_status === "featured",
    ...(row.liked === null ? {} : { liked: row.liked, favorited: Boolean(row.favorited) }),
    createdAt: row.created_at_iso,
  };
}
