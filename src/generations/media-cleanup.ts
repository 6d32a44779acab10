import { and, asc, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { generations } from "../db/schema";

/**
 * Deleted generations keep their R2 objects for a week, so a creator's "oops" can still be
 * repaired by support; then the objects go. Rows stay: the ledger and the admin views refer
 * to them.
 */
export const DELETED_MEDIA_GRACE_DAYS = 7;
const BATCH = 200;

export async function purgeDeletedGenerationMedia(
  db: Database,
  bucket: R2Bucket,
  now: Date,
): Promise<{ generations: number; objects: number }> {
  const cutoff = new Date(now.getTime() - DELETED_MEDIA_GRACE_DAYS * 86_400_000);
  const rows = await db
    .select({ uuid: generations.uuid, userId: generations.userId })
    .from(generations)
    .where(
      and(
        isNotNull(generations.deletedAt),
        lt(generations.deletedAt, cutoff),
        sql`not (${generations.metadata} ? 'mediaPurgedAt')`,
      ),
    )
    .orderBy(asc(generations.deletedAt))
    .limit(BATCH);
  let objects = 0;
  for (const row of rows) {
    const prefix = `media/${row.userId}/${row.uuid}/`;
    let cursor: string | undefined;
    do {
      const listed = await bucket.list({ prefix, cursor });
      const keys = listed.objects.map((object) => object.key);
      if (keys.length > 0) await bucket.delete(keys);
      objects += keys.length;
      cursor = listed.truncated ? listed.cursor : undefined;
    } while (cursor);
    await db
      .update(generations)
      .set({
        metadata: sql`${generations.metadata} || ${JSON.stringify({ mediaPurgedAt: now.toISOString() })}::jsonb`,
      })
      .where(eq(generations.uuid, row.uuid));
  }
  return { generations: rows.length, objects };
}
