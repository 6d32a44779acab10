import { and, eq } from "drizzle-orm";
import type { Services } from "../context";
import { creditSummary } from "../credits/queries";
import { generationImages, user } from "../db/schema";
import { ApiError } from "../lib/errors";
import { isUuid } from "../lib/ids";
import { isMember } from "./membership";
import type { Me, PublicProfile, UpdateMe } from "./schemas";

type UserRow = typeof user.$inferSelect;

/** An avatar saved as an image id is shown from that image's media path. */
async function avatarSrc(services: Services, row: UserRow): Promise<string | null> {
  const avatar = row.avatarUrl;
  if (!avatar || !isUuid(avatar)) return avatar;
  const [image] = await services.db
    .select({ url: generationImages.imageUrl })
    .from(generationImages)
    .where(and(eq(generationImages.uuid, avatar), eq(generationImages.userId, row.id)))
    .limit(1);
  return image?.url ?? null;
}

async function userRow(services: Services, userId: string): Promise<UserRow> {
  const [row] = await services.db.select().from(user).where(eq(user.id, userId)).limit(1);
  if (!row) throw new ApiError("NOT_FOUND");
  return row;
}

export async function getMe(services: Services, userId: string): Promise<Me> {
  const row = await userRow(services, userId);
  const { balance } = await creditSummary(services.db, userId, services.now());
  return {
    id: row.id,
    email: row.email,
    emailVerified: row.emailVerified,
    name: row.name,
    displayName: row.displayName,
    avatarUrl: row.avatarUrl,
    avatarSrc: await avatarSrc(services, row),
    bio: row.bio,
    gender: row.gender as Me["gender"],
    backgroundUrl: row.backgroundUrl,
    locale: row.locale as Me["locale"],
    role: row.role === "admin" ? "admin" : "user",
    membership: {
      isMember: isMember(row, services.now()),
      planType: row.subPlanType,
      expiresAt: row.subExpiredAt?.toISOString() ?? null,
    },
    credits: { balance },
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Applies a validated profile patch. Fields are copied one by one (never the body itself), so
 * nothing but these columns can change; an avatar id must be one of the caller's own images.
 */
export async function updateMe(services: Services, userId: string, patch: UpdateMe) {
  if (patch.avatarUrl && isUuid(patch.avatarUrl)) {
    const [owned] = await services.db
      .select({ uuid: generationImages.uuid })
      .from(generationImages)
      .where(and(eq(generationImages.uuid, patch.avatarUrl), eq(generationImages.userId, userId)))
      .limit(1);
    if (!owned) {
      throw ApiError.validation(
        "avatarUrl",
        "must be an https:// URL or the id of one of your images",
      );
    }
  }
  const changes: Partial<typeof user.$inferInsert> = {};
  if (patch.displayName !== undefined) changes.displayName = patch.displayName;
  if (patch.bio !== undefined) changes.bio = patch.bio;
  if (patch.gender !== undefined) changes.gender = patch.gender;
  if (patch.backgroundUrl !== undefined) changes.backgroundUrl = patch.backgroundUrl;
  if (patch.locale !== undefined) changes.locale = patch.locale;
  if (patch.avatarUrl !== undefined) {
    const avatar = patch.avatarUrl;
    changes.avatarUrl = avatar && isUuid(avatar) ? avatar.toLowerCase() : avatar;
  }
  if (Object.keys(changes).length > 0) {
    await services.db
      .update(user)
      .set({ ...changes, updatedAt: services.now() })
      .where(eq(user.id, userId));
  }
  return getMe(services, userId);
}

/** What anyone may see of a user: no email, no attribution, no subscription details. */
export async function getPublicProfile(services: Services, id: string): Promise<PublicProfile> {
  if (!isUuid(id)) throw new ApiError("NOT_FOUND");
  const row = await userRow(services, id.toLowerCase());
  return {
    id: row.id,
    displayName: row.displayName ?? row.name,
    avatarSrc: await avatarSrc(services, row),
    bio: row.bio,
    backgroundUrl: row.backgroundUrl,
    isMember: isMember(row, services.now()),
    createdAt: row.createdAt.toISOString(),
  };
}
