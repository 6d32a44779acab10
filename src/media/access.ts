import type { MediaOwner } from "./lookup";

/** How an object may be served: to anyone and cacheable, to this caller only, or not at all. */
export type MediaAccess = "public" | "private" | "none";

export interface MediaViewer {
  /** The signed-in caller, if any. */
  userId: string | null;
  /** A valid, unexpired signed link for this very key. */
  signedLink: boolean;
}

/**
 * Public, non-banned works of a live generation are public. The owner (or a signed link the
 * owner's generation minted) sees everything else of a live generation. Nobody sees a deleted
 * generation's media, and nobody else learns a private or banned one exists (SPEC §7: 404).
 */
export function mediaAccess(owner: MediaOwner | null, viewer: MediaViewer): MediaAccess {
  if (!owner || owner.deleted) return "none";
  if (owner.visibility === "public" && owner.moderation !== "banned") return "public";
  if (viewer.signedLink || (viewer.userId !== null && viewer.userId === owner.userId)) {
    return "private";
  }
  return "none";
}
