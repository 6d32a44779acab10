import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Principal } from "../auth/principal";
import type { Services } from "../context";
import { apiKeys, user } from "../db/schema";
import { ApiError } from "../lib/errors";
import { beforeCursor, type Cursor, cursorTimeOf, pageOf } from "../lib/pagination";
import type { ApiKeyScope } from "./scopes";
import { API_KEY_FORMAT, displayPrefix, generateApiKeySecret, hashApiKeySecret } from "./secret";

export const MAX_ACTIVE_KEYS_PER_USER = 25;
/** last_used_at is written at most this often per key: a busy key must not write per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export interface NewApiKey {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt: Date | null;
}

/** Creates a key and returns the row plus the secret, which is never stored or shown again. */
export async function createApiKey(
  services: Services,
  userId: string,
  input: NewApiKey,
): Promise<{ row: ApiKeyRow; secret: string }> {
  const { db, now } = services;
  if (input.expiresAt && input.expiresAt <= now()) {
    throw ApiError.validation("expiresAt", "must be in the future");
  }
  const secret = generateApiKeySecret(services.config.ENVIRONMENT);
  const secretHash = await hashApiKeySecret(secret);
  const scopes = [...new Set(input.scopes)].sort();
  return db.transaction(async (tx) => {
    // Serialises concurrent creations by one user so the active-key cap holds.
    await tx.execute(sql`select 1 from ${user} where ${user.id} = ${userId} for update`);
    const [{ active = 0 } = {}] = await tx
      .select({ active: sql<number>`count(*)::int` })
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, userId), activeKey(now())));
    if (active >= MAX_ACTIVE_KEYS_PER_USER) {
      throw new ApiError("CONFLICT", {
        details: { reason: "too_many_keys", max: MAX_ACTIVE_KEYS_PER_USER },
      });
    }
    const [row] = await tx
      .insert(apiKeys)
      .values({
        userId,
        name: input.name,
        prefix: displayPrefix(secret),
        secretHash,
        scopes,
        expiresAt: input.expiresAt,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ApiError("CONFLICT", { details: { reason: "name_taken", field: "name" } });
    return { row, secret };
  });
}

function activeKey(at: Date) {
  return and(
    isNull(apiKeys.revokedAt),
    or(isNull(apiKeys.expiresAt), sql`${apiKeys.expiresAt} > ${at.toISOString()}`),
  );
}

export async function listApiKeys(
  services: Services,
  userId: string,
  page: { cursor: Cursor | null; limit: number },
) {
  const rows = await services.db
    .select({ key: apiKeys, cursorAt: cursorTimeOf(apiKeys.createdAt) })
    .from(apiKeys)
    .where(
      and(eq(apiKeys.userId, userId), beforeCursor(apiKeys.createdAt, apiKeys.id, page.cursor)),
    )
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(page.limit + 1);
  const result = pageOf(rows, page.limit, (row) => ({ at: row.cursorAt, id: row.key.id }));
  return { items: result.items.map((row) => row.key), nextCursor: result.nextCursor };
}

/** Revoking is idempotent; another user's key is NOT_FOUND, like a key that never existed. */
export async function revokeApiKey(services: Services, userId: string, id: string) {
  const { db, now } = services;
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: now() })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning();
  if (revoked) return revoked;
  const [existing] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)));
  if (!existing) throw new ApiError("NOT_FOUND");
  return existing;
}

/** The principal of a valid key; null for unknown, revoked or expired keys. */
export async function authenticateApiKey(
  services: Services,
  secret: string,
): Promise<Principal | null> {
  if (!API_KEY_FORMAT.test(secret)) return null;
  const { db, now } = services;
  const at = now();
  const [found] = await db
    .select({
      id: apiKeys.id,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
      userId: user.id,
      email: user.email,
      role: user.role,
      locale: user.locale,
    })
    .from(apiKeys)
    .innerJoin(user, eq(user.id, apiKeys.userId))
    .where(and(eq(apiKeys.secretHash, await hashApiKeySecret(secret)), activeKey(at)))
    .limit(1);
  if (!found) return null;
  if (!found.lastUsedAt || at.getTime() - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    services.background(
      db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, found.id)).execute(),
    );
  }
  return {
    userId: found.userId,
    email: found.email,
    role: found.role === "admin" ? "admin" : "user",
    locale: found.locale,
    via: "api_key",
    apiKeyId: found.id,
    scopes: found.scopes as ApiKeyScope[],
  };
}
