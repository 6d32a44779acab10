import type { MediaOwner } from "./lookup";

/**
 * How an object may be served: to anyone and cacheable, to this caller only, to an admin
 * reviewing it (never stored anywhere), or not at all.
 */
export type MediaAccess = "public" | "private" | "admin" | "none";

/** An admin's preview of a private or banned work: no copy may outlive the review. */
export const ADMIN_PREVIEW_CACHE_CONTROL = "private, no-store";

export interface MediaViewer {
  /** The signed-in caller, if any. */
  userId: string | null;
  /** A valid, unexpired signed link for this very key. */
  signedLink: boolean;
  /** A signed-in admin (session, not API key): moderation previews any live work. */
  admin?: boolean;
}

/**
 * Public, non-banned works of a live generation are public. The owner (or a signed link the
 * owner's generation minted) sees everything else of a live generation. Nobody sees a deleted
 * generation's media, and nobody else learns a private or banned one exists (SPEC §7: 404).
 * Admins see any live work, so the moderation queue can preview what it bans or hides.
 */
export function mediaAccess(owner: MediaOwner | null, viewer: MediaViewer): MediaAccess {
  if (!owner || owner.deleted) return "none";
  if (owner.visibility === "public" && owner.moderation !== "banned") return "public";
  if (viewer.signedLink || (viewer.userId !== null && viewer.userId === owner.userId)) {
    return "private";
  }
  return viewer.admin ? "admin" : "none";
}
