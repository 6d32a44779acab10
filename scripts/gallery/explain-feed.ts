// `npm run gallery:explain`: recreates a scratch database, seeds a gallery of 100k+ public works,
// and records EXPLAIN (ANALYZE, BUFFERS) of the feed's own SQL (rendered by selectFeedPage, not
// copied by hand) in docs/gallery-explain.md. Exits 1 when a page plan is not a bounded index
// range, so a regression cannot be recorded as a success.
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { SortPosition } from "../../src/community/cursor";
import { selectFeedPage } from "../../src/community/feed-query";
import { cursorKeysOf, type FeedSort } from "../../src/community/sorts";
import { ARTWORK_TYPES, type ArtworkType } from "../../src/community/work-sql";
import type { Database } from "../../src/db/client";
import { runMigrations } from "../local/migrate";
import { offsetPageSql, positionAtDepthSql } from "./offset-sql";
import { planProblems, summarisePlan, summaryRow } from "./plan-report";
import { GALLERY_SEED, seedWorks } from "./seed-works";

const url =
  process.env.EXPLAIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/gallery_explain";
const DOC = new URL("../../docs/gallery-explain.md", import.meta.url);
const LIMIT = 24; // the API's default page size
const DEPTH = 10_000;
const FETCH = LIMIT + 1;

async function recreateDatabase(target: string): Promise<void> {
  const name = decodeURIComponent(new URL(target).pathname.slice(1));
  // The database is dropped first: refuse any name that does not say it is a scratch one.
  if (!name.includes("explain")) {
    throw new Error(`refusing to drop "${name}": EXPLAIN_DATABASE_URL must name a *explain* db`);
  }
  const admin = new URL(target);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

interface Case {
  name: string;
  sort: FeedSort;
  types: readonly ArtworkType[];
  /** `offset` reads the page the way the feed does but skips rows instead of seeking; `flat`
   * is the textbook OFFSET over a plain union of both tables. */
  depth: "first" | "deep" | "offset" | "flat";
}

const typesLabel = (types: readonly ArtworkType[]) => (types.length > 1 ? "all" : types[0]);
const CASES: Case[] = [
  ...(["newest", "top", "trending"] as const).flatMap((sort) =>
    (["first", "deep"] as const).map((depth) => ({ sort, depth, types: ARTWORK_TYPES })),
  ),
  { sort: "newest" as const, depth: "deep" as const, types: ["image"] as const },
  { sort: "newest" as const, depth: "offset" as const, types: ARTWORK_TYPES },
  { sort: "newest" as const, depth: "flat" as const, types: ARTWORK_TYPES },
].map((c) => ({ ...c, name: `${c.sort}-${typesLabel(c.types)}-${c.depth}` }));

await recreateDatabase(url);
await runMigrations(url);
const client = new pg.Client({ connectionString: url });
await client.connect();
const seedStart = performance.now();
await seedWorks(client, GALLERY_SEED);
await client.query("analyze");
const seedSeconds = (performance.now() - seedStart) / 1000;

const rendered: { query: string; params: unknown[] }[] = [];
const db = drizzle({
  client,
  logger: { logQuery: (query, params) => rendered.push({ query, params }) },
});
// selectFeedPage is typed for the Neon driver; both drivers render SQL with the same PgDialect.
const feedDb = db as unknown as Database;
const lastRendered = () => {
  const last = rendered.at(-1);
  if (!last) throw new Error("no query was rendered");
  return last;
};

async function busiestLiker(): Promise<string> {
  const { rows } = await client.query<{ user_id: string }>(
    "select user_id from user_interactions group by 1 order by count(*) desc limit 1",
  );
  if (!rows[0]) throw new Error("no seeded viewer");
  return rows[0].user_id;
}
const viewerId = await busiestLiker();

/** The row `DEPTH` places down the list, found with OFFSET only to place the cursor there. */
async function positionAtDepth(
  sort: FeedSort,
  types: readonly ArtworkType[],
): Promise<SortPosition> {
  const { rows } = await db.execute<Record<string, unknown>>(
    positionAtDepthSql(sort, types, DEPTH),
  );
  const row = rows[0];
  if (!row) throw new Error(`fewer than ${DEPTH} listed works`);
  return { keys: cursorKeysOf(sort, row), id: String(row.uuid) };
}

async function renderCase(c: Case): Promise<{ query: string; params: unknown[] }> {
  if (c.depth === "offset" || c.depth === "flat") {
    const flat = c.depth === "flat";
    await db.execute(
      offsetPageSql({ sort: c.sort, types: c.types, flat, offset: DEPTH, fetch: FETCH, viewerId }),
    );
    return lastRendered();
  }
  const after = c.depth === "deep" ? await positionAtDepth(c.sort, c.types) : null;
  await selectFeedPage(feedDb, {
    sort: c.sort,
    filter: { types: c.types },
    after,
    limit: LIMIT,
    viewerId,
  });
  return lastRendered();
}

/** Best of three runs: on a small shared machine one run's time is as much noise as plan. */
async function explain(query: string, params: unknown[]): Promise<string> {
  const plans: string[] = [];
  for (let run = 0; run < 3; run++) {
    const { rows } = await client.query<{ "QUERY PLAN": string }>(
      `explain (analyze, buffers) ${query}`,
      params,
    );
    plans.push(rows.map((r) => r["QUERY PLAN"]).join("\n"));
  }
  const time = (plan: string) => summarisePlan(plan).executionMs;
  return plans.reduce((best, plan) => (time(plan) < time(best) ? plan : best));
}

const blocks = new Map<string, string>();
const summary: string[] = [];
const failures: string[] = [];
for (const c of CASES) {
  const { query, params } = await renderCase(c);
  const plan = await explain(query, params);
  console.log(`\n=== ${c.name}\n${plan}`);
  blocks.set(c.name, `\`\`\`text\n${plan}\n\`\`\``);
  if (c.name === "top-all-deep") {
    blocks.set(
      "sql",
      `\`\`\`sql\n${query.trim()}\n\`\`\`\n\nParameters: \`${JSON.stringify(params)}\``,
    );
  }
  summary.push(summaryRow(`${c.sort}, type=${typesLabel(c.types)}, ${c.depth}`, plan));
  if (c.depth === "offset" || c.depth === "flat") continue;
  const indexes = c.types.map((type) => `generation_${type}s_public_${c.sort}_idx`);
  for (const problem of planProblems(plan, indexes, FETCH)) failures.push(`${c.name}: ${problem}`);
}

const count = async (q: string) => Number((await client.query<{ n: string }>(q)).rows[0]?.n);
const works = async (table: string) => {
  const listed = `visibility_level = 'public' and moderation_status <> 'banned'`;
  const q = (where: string) => count(`select count(*) as n from ${table} where ${where}`);
  return `${await q("true")} rows: ${await q(listed)} listed, ${await q("visibility_level = 'private'")} private, ${await q("moderation_status = 'banned'")} banned`;
};
const setting = async (name: string) =>
  (await client.query<{ v: string }>(`select current_setting('${name}') as v`)).rows[0]?.v;
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
blocks.set(
  "setup",
  [
    `- Machine: ${os.availableParallelism()} CPUs (\`nproc\`), ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
    `- Server: ${await setting("server_version")}; shared_buffers ${await setting("shared_buffers")}, work_mem ${await setting("work_mem")}, random_page_cost ${await setting("random_page_cost")}`,
    `- users: ${await count(`select count(*) as n from "user"`)}; generations: ${await count("select count(*) as n from generations")}; user_interactions: ${await count("select count(*) as n from user_interactions")}`,
    `- generation_images: ${await works("generation_images")}`,
    `- generation_videos: ${await works("generation_videos")}`,
    `- Seeded and analysed in ${seedSeconds.toFixed(1)} s; page size ${LIMIT} (each table reads ≤ ${FETCH}), deep cursor at row ${DEPTH}`,
  ].join("\n"),
);
blocks.set(
  "summary",
  [
    "| query | plan nodes | indexes | max rows of a node | buffers (shared) | execution |",
    "| --- | --- | --- | --- | --- | --- |",
    ...summary,
  ].join("\n"),
);
await client.end();

/** Replaces what sits between `<!-- explain:NAME -->` and `<!-- /explain:NAME -->`. */
function fillBlocks(doc: string): string {
  let out = doc;
  for (const [name, body] of blocks) {
    const pattern = new RegExp(`(<!-- explain:${name} -->)[\\s\\S]*?(<!-- /explain:${name} -->)`);
    if (!pattern.test(out)) throw new Error(`docs/gallery-explain.md has no block ${name}`);
    out = out.replace(pattern, (_, open: string, close: string) => `${open}\n${body}\n${close}`);
  }
  return out;
}
await writeFile(DOC, fillBlocks(await readFile(DOC, "utf8")));
console.log(`\nwrote ${DOC.pathname}`);

if (failures.length > 0) {
  console.error(`\nplans that are not bounded index ranges:\n${failures.join("\n")}`);
  process.exit(1);
}
