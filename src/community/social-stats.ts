import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { ARTWORK_TYPES, type ArtworkType, WORK_TABLES } from "./work-sql";

/**
 * `npm run verify:social-stats`: the like and favorite counters on images and videos against
 * the `user_interactions` rows they summarise. Every pass is a set-based statement per table, so
 * the cost is a join over the tables, never a query per work.
 */

export type CounterField = "likeCount" | "favoriteCount";

/** One counter that disagreed with the rows: `stored` on the work, `actual` counted. */
export interface CounterDrift {
  type: ArtworkType;
  uuid: string;
  field: CounterField;
  stored: number;
  actual: number;
}

/** Interactions with a work that no longer exists, grouped by the missing work's uuid. */
export interface OrphanedWork {
  type: ArtworkType;
  uuid: string;
  likes: number;
  favorites: number;
}

export interface SocialStatsReport {
  checkedAt: Date;
  /** True when drift was written back and orphans deleted; false for a dry run. */
  repaired: boolean;
  worksChecked: Record<ArtworkType, number>;
  interactionsChecked: number;
  /** After a repair: exactly the counters it changed, with the values it found and wrote. */
  drift: CounterDrift[];
  orphans: OrphanedWork[];
  orphanRows: number;
  /** `character` interactions have no table to count against yet; only reported. */
  characterInteractions: number;
}

// Works repaired per transaction: a like on one of them waits for at most one batch.
const REPAIR_BATCH = 500;

interface CountedRow extends Record<string, unknown> {
  uuid: string;
  stored_likes: number;
  stored_favorites: number;
  actual_likes: number;
  actual_favorites: number;
}

interface OrphanRow extends Record<string, unknown> {
  uuid: string;
  likes: number;
  favorites: number;
}

/**
 * Checks every work (or only `workUuids`: works and missing works' ids, for a targeted check)
 * and, with `repair`, rewrites drifted counters and deletes orphaned interactions.
 */
export async function verifySocialStats(
  db: Database,
  options: { repair: boolean; now?: Date; workUuids?: string[] },
): Promise<SocialStatsReport> {
  const now = options.now ?? new Date();
  const scope = options.workUuids ?? null;
  const totals = await countTotals(db, scope);
  const report: SocialStatsReport = {
    checkedAt: now,
    repaired: options.repair,
    worksChecked: { image: totals.images, video: totals.videos },
    interactionsChecked: totals.interactions,
    drift: [],
    orphans: [],
    orphanRows: 0,
    characterInteractions: totals.character_interactions,
  };
  for (const type of ARTWORK_TYPES) {
    const drifted = await findDrift(db, type, scope);
    const fixed = options.repair ? await repairCounters(db, type, drifted, now) : drifted;
    report.drift.push(...fixed.flatMap((row) => driftEntries(type, row)));

    const orphans = options.repair
      ? await deleteOrphans(db, type, scope)
      : await findOrphans(db, type, scope);
    for (const row of orphans) {
      report.orphans.push({ type, uuid: row.uuid, likes: row.likes, favorites: row.favorites });
      report.orphanRows += row.likes + row.favorites;
    }
  }
  return report;
}

const inScope = (column: string, scope: string[] | null): SQL =>
  scope ? sql`${sql.raw(column)} = any(${sql.param(scope)}::uuid[])` : sql`true`;

/** Each work (of the scope) with its stored counters and the counts of its interaction rows. */
function countedWorksSql(type: ArtworkType, scope: string[] | null): SQL {
  return sql`select w.uuid, w.like_count as stored_likes, w.favorite_count as stored_favorites,
      coalesce(c.likes, 0)::int as actual_likes, coalesce(c.favorites, 0)::int as actual_favorites
    from ${WORK_TABLES[type]} w
    left join (
      select x.art_id,
        count(*) filter (where x.interaction_type = 'like') as likes,
        count(*) filter (where x.interaction_type = 'favorite') as favorites
      from "user_interactions" x
      where x.art_type = ${type} and ${inScope("x.art_id", scope)}
      group by x.art_id
    ) c on c.art_id = w.uuid
    where ${inScope("w.uuid", scope)}`;
}

const DRIFTED = sql.raw(
  "(k.stored_likes <> k.actual_likes or k.stored_favorites <> k.actual_favorites)",
);

async function findDrift(db: Database, type: ArtworkType, scope: string[] | null) {
  const result = await db.execute<CountedRow>(sql`
    select k.* from (${countedWorksSql(type, scope)}) k where ${DRIFTED} order by k.uuid`);
  return result.rows;
}

/**
 * Recounts and rewrites the drifted works, batch by batch, returning what really changed.
 *
 * Why lock in a statement of its own before recounting: under READ COMMITTED an UPDATE that
 * waits for a like's row lock re-checks only the target row once the like commits; its joins
 * and subqueries keep the snapshot taken when the statement began, so the recount would miss
 * the like it waited for and undo that like's +1. Taking the row locks the like service takes
 * (FOR NO KEY UPDATE; in uuid order, so two repairs never deadlock) first means the recount's
 * statement starts after every like holding those rows has committed, and every later like
 * waits for this transaction. A work that stopped drifting since the scan is left alone.
 */
async function repairCounters(
  db: Database,
  type: ArtworkType,
  drifted: CountedRow[],
  now: Date,
): Promise<CountedRow[]> {
  const table = WORK_TABLES[type];
  const fixed: CountedRow[] = [];
  for (let start = 0; start < drifted.length; start += REPAIR_BATCH) {
    const batch = drifted.slice(start, start + REPAIR_BATCH).map((row) => row.uuid);
    const changed = await db.transaction(async (tx) => {
      await tx.execute(sql`select w.uuid from ${table} w where ${inScope("w.uuid", batch)}
        order by w.uuid for no key update`);
      return tx.execute<CountedRow>(sql`
        with k as (${countedWorksSql(type, batch)})
        update ${table} w
        set like_count = k.actual_likes, favorite_count = k.actual_favorites,
          updated_at = ${now.toISOString()}
        from k where w.uuid = k.uuid and ${DRIFTED}
        returning k.*`);
    });
    fixed.push(...changed.rows);
  }
  return fixed.sort((a, b) => a.uuid.localeCompare(b.uuid));
}

function driftEntries(type: ArtworkType, row: CountedRow): CounterDrift[] {
  const fields = [
    ["likeCount", row.stored_likes, row.actual_likes],
    ["favoriteCount", row.stored_favorites, row.actual_favorites],
  ] as const;
  return fields
    .filter(([, stored, actual]) => stored !== actual)
    .map(([field, stored, actual]) => ({ type, uuid: row.uuid, field, stored, actual }));
}

const orphanedSql = (type: ArtworkType, scope: string[] | null): SQL =>
  sql`x.art_type = ${type} and ${inScope("x.art_id", scope)}
    and not exists (select 1 from ${WORK_TABLES[type]} w where w.uuid = x.art_id)`;

const ORPHAN_COUNTS = sql.raw(`x.art_id as uuid,
  count(*) filter (where x.interaction_type = 'like')::int as likes,
  count(*) filter (where x.interaction_type = 'favorite')::int as favorites`);

async function findOrphans(db: Database, type: ArtworkType, scope: string[] | null) {
  const result = await db.execute<OrphanRow>(sql`
    select ${ORPHAN_COUNTS} from "user_interactions" x
    where ${orphanedSql(type, scope)} group by x.art_id order by x.art_id`);
  return result.rows;
}

/**
 * No lock needed: a like inserts its row only after locking an existing work, so an interaction
 * in this statement's snapshot has its work in the snapshot too unless the work was deleted.
 */
async function deleteOrphans(db: Database, type: ArtworkType, scope: string[] | null) {
  const result = await db.execute<OrphanRow>(sql`
    with x as (
      delete from "user_interactions" x where ${orphanedSql(type, scope)}
      returning x.art_id, x.interaction_type)
    select ${ORPHAN_COUNTS} from x group by x.art_id order by x.art_id`);
  return result.rows;
}

async function countTotals(db: Database, scope: string[] | null) {
  const result = await db.execute<{
    images: number;
    videos: number;
    interactions: number;
    character_interactions: number;
  }>(sql`select
      (select count(*) from "generation_images" w where ${inScope("w.uuid", scope)})::int as images,
      (select count(*) from "generation_videos" w where ${inScope("w.uuid", scope)})::int as videos,
      (select count(*) from "user_interactions" x
        where ${inScope("x.art_id", scope)})::int as interactions,
      (select count(*) from "user_interactions" x
        where x.art_type = 'character' and ${inScope("x.art_id", scope)})::int
        as character_interactions`);
  const row = result.rows[0];
  if (!row) throw new Error("verifySocialStats: the totals query returned no row");
  return row;
}
