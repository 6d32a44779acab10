import { env } from "cloudflare:test";
import { beforeAll } from "vitest";
import type { Database } from "../../src/db/client";
import { generationImages } from "../../src/db/schema";
import { mediaUrlFor } from "../../src/media/paths";
import { type SignedUpUser, signUp, withCookie } from "../support/auth";
import { createGeneration, imageValues } from "../support/fixtures";
import { png } from "./images";

export const PUBLIC = "public, max-age=31536000, immutable";
export const PRIVATE = "private, no-cache";

/**
 * An owner and a stranger signed up for the file, and stored image works of the owner's (in R2
 * and Postgres) to serve.
 */
export function mediaFixtures(db: () => Database) {
  const people = {} as { owner: SignedUpUser; stranger: SignedUpUser };
  beforeAll(async () => {
    [people.owner, people.stranger] = await Promise.all([signUp(), signUp()]);
  });
  async function storedImage(
    options: {
      visibility?: "public" | "private";
      moderation?: "normal" | "banned" | "featured";
      deleted?: boolean;
      bytes?: Uint8Array;
    } = {},
  ) {
    const generation = await createGeneration(db(), people.owner.id, {
      status: "succeeded",
      deletedAt: options.deleted ? new Date() : null,
    });
    const row = imageValues(generation, {
      visibilityLevel: options.visibility ?? "private",
      moderationStatus: options.moderation ?? "normal",
    });
    const bytes = options.bytes ?? png(16, 16, 3_000);
    await env.MEDIA.put(row.r2Key, bytes, { httpMetadata: { contentType: "image/png" } });
    await db().insert(generationImages).values(row);
    return { key: row.r2Key, path: mediaUrlFor(row.r2Key), bytes, generation };
  }
  return { people, storedImage };
}

export const asUser = (user: SignedUpUser, init: RequestInit = {}) => withCookie(user.cookie, init);
export const bodyOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
