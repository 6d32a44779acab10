import type { Database } from "../db/client";
import { decodeSignedCursor, encodeSignedCursor } from "./cursor";
import { type FeedFilter, selectFeedPage } from "./feed-query";
import { communityArtworkOf, type Namer } from "./item-view";
import type { CommunityPage } from "./schemas";
import type { FeedSort } from "./sorts";
import { ARTWORK_TYPES, type ArtworkType } from "./work-sql";

export interface GalleryDeps {
  db: Database;
  name: Namer;
  /** Signs cursors (derived from the auth secret; see docs/gallery.md). */
  cursorSecret: string;
}

export interface FeedRequest {
  type: "all" | ArtworkType;
  sort: FeedSort;
  model?: string;
  style?: string;
  authorId?: string;
  cursor?: string;
  limit: number;
  viewerId: string | null;
}

/** The list a cursor belongs to: sort, type and filters (not the viewer: cursors may be shared). */
export function cursorScope(request: FeedRequest): string {
  const { sort, type, model, style, authorId } = request;
  return ["feed", sort, type, model ?? "", style ?? "", authorId ?? ""].join("|");
}

/** A page of the community gallery (or of one author's public works) in the requested order. */
export async function listFeed(deps: GalleryDeps, request: FeedRequest): Promise<CommunityPage> {
  const scope = cursorScope(request);
  const after = await decodeSignedCursor(deps.cursorSecret, scope, request.cursor);
  const filter: FeedFilter = {
    types: request.type === "all" ? ARTWORK_TYPES : [request.type],
    model: request.model,
    style: request.style,
    authorId: request.authorId,
  };
  const { rows, positionOf } = await selectFeedPage(deps.db, {
    sort: request.sort,
    filter,
    after,
    limit: request.limit,
    viewerId: request.viewerId,
  });
  const items = rows.slice(0, request.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > request.limit && last
      ? await encodeSignedCursor(deps.cursorSecret, scope, positionOf(last))
      : null;
  return { items: items.map((row) => communityArtworkOf(row, deps.name)), nextCursor };
}
