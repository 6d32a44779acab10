import { eq } from "drizzle-orm";
import { user } from "../db/schema";
import { ApiError } from "../lib/errors";
import { isUuid } from "../lib/ids";
import { type GalleryDeps, listFeed } from "./feed";
import type { CommunityPage } from "./schemas";
import type { ArtworkType } from "./work-sql";

/**
 * One user's listed works, newest first: the works grid of their public profile. An unknown
 * user is 404 (as their profile is); a user with no public works is an empty page.
 */
export async function listAuthorWorks(
  deps: GalleryDeps,
  input: {
    authorId: string;
    type: "all" | ArtworkType;
    cursor?: string;
    limit: number;
    viewerId: string | null;
  },
): Promise<CommunityPage> {
  if (!isUuid(input.authorId)) throw new ApiError("NOT_FOUND");
  const authorId = input.authorId.toLowerCase();
  const page = await listFeed(deps, { ...input, authorId, sort: "newest" });
  if (page.items.length === 0 && !input.cursor) {
    const [found] = await deps.db
      .select({ id: user.id })
      .from(user)
      .where(eq(user.id, authorId))
      .limit(1);
    if (!found) throw new ApiError("NOT_FOUND");
  }
  return page;
}
