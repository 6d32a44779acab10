import { Hono } from "hono";
import { resolvePrincipal } from "../../../src/auth/principal";
import { encodeSignedCursor } from "../../../src/community/cursor";
import { cursorScope } from "../../../src/community/feed";
import { communityArtworkOf, namer } from "../../../src/community/item-view";
import { cursorKeysOf, type FeedSort } from "../../../src/community/sorts";
import { ARTWORK_TYPES, type WorkRow } from "../../../src/community/work-sql";
import type { AppEnv } from "../../../src/context";
import { grantCredits, spendCredits } from "../../../src/credits/service";
import { ApiError } from "../../../src/lib/errors";
import { offsetPageSql, positionAtDepthSql } from "../../gallery/offset-sql";

/**
 * Baselines and helpers that exist only in the benchmark Worker (scripts/bench/worker/index.ts,
 * never deployed). They are mounted on the product's own app under /api/bench, so they pass
 * through the same middleware (request context, services, CORS, body limit, the per-IP read
 * limit) as the routes they are compared with.
 */
export const benchRoutes = new Hono<AppEnv>();

const SORTS: readonly FeedSort[] = ["newest", "top", "trending"];
const sortOf = (value: string | undefined): FeedSort => {
  const sort = SORTS.find((s) => s === value);
  if (!sort) throw new ApiError("VALIDATION_FAILED", { details: { sort: value } });
  return sort;
};
const PAGE = 24;

async function jsonOf(request: Request): Promise<Record<string, string>> {
  const body = (await request.json().catch(() => null)) as Record<string, string> | null;
  if (!body || typeof body !== "object") throw new ApiError("VALIDATION_FAILED");
  return body;
}

// Throughput floor of the stack: no database, no Redis, nothing but the middleware chain.
benchRoutes.post("/api/bench/trivial", async (c) => {
  await c.req.text();
  return c.json({ received: true });
});

// The real spend path: the ledger lock, FIFO over live grants, the entry and its allocations.
benchRoutes.post("/api/bench/spend", async (c) => {
  const { userId, sourceId } = await jsonOf(c.req.raw);
  const { services } = c.var;
  const { entry } = await spendCredits(services.db, {
    userId: String(userId),
    sourceId: String(sourceId),
    amount: 1,
    now: services.now(),
  });
  return c.json({ id: entry.id });
});

// The baseline for spend: one plain INSERT into the same ledger table (same indexes, same
// unique key), no lock and no reads.
benchRoutes.post("/api/bench/insert", async (c) => {
  const { userId, sourceId } = await jsonOf(c.req.raw);
  const { entry } = await grantCredits(c.var.services.db, {
    userId: String(userId),
    sourceId: String(sourceId),
    amount: 1,
    type: "admin_grant",
  });
  return c.json({ id: entry.id });
});

// A signed cursor for the row `depth` places down a sort: what a visitor scrolling that far
// would hold, without making the runner page through 400 requests to get it.
benchRoutes.get("/api/bench/cursor", async (c) => {
  const sort = sortOf(c.req.query("sort"));
  const depth = Number(c.req.query("depth") ?? 10_000);
  const { services } = c.var;
  const { rows } = await services.db.execute<Record<string, unknown>>(
    positionAtDepthSql(sort, ARTWORK_TYPES, depth - 1),
  );
  const row = rows[0];
  if (!row) throw new ApiError("NOT_FOUND");
  const scope = cursorScope({ type: "all", sort, limit: PAGE, viewerId: null });
  const position = { keys: cursorKeysOf(sort, row), id: String(row.uuid) };
  const cursor = await encodeSignedCursor(services.config.BETTER_AUTH_SECRET, scope, position);
  return c.json({ cursor });
});

// The OFFSET baseline: the same page as the keyset feed at that depth, read by skipping rows,
// shaped and served the same way.
benchRoutes.get("/api/bench/feed-offset", async (c) => {
  const sort = sortOf(c.req.query("sort"));
  const offset = Number(c.req.query("offset") ?? 10_000);
  // Resolved like the feed resolves it, so both pay for the session lookup.
  const viewerId = (await resolvePrincipal(c))?.userId ?? null;
  const { services } = c.var;
  const { rows } = await services.db.execute<WorkRow>(
    offsetPageSql({ sort, types: ARTWORK_TYPES, flat: false, offset, fetch: PAGE + 1, viewerId }),
  );
  const name = namer(services.configs, c.var.t);
  const items = rows.slice(0, PAGE).map((row) => communityArtworkOf(row, name));
  return c.json({ items, nextCursor: null });
});

// The raw R2 write loop the queue's ingest rate is compared with: `count` puts of `bytes`.
benchRoutes.post("/api/bench/r2-puts", async (c) => {
  const count = Math.min(Number(c.req.query("count") ?? 20), 500);
  const bytes = new Uint8Array(Math.min(Number(c.req.query("bytes") ?? 100_000), 10_000_000));
  const run = crypto.randomUUID();
  const bucket = c.var.services.config.bindings.MEDIA;
  for (let i = 0; i < count; i++) {
    await bucket.put(`bench/r2-puts/${run}/${i}`, bytes, {
      httpMetadata: { contentType: "image/png" },
    });
  }
  return c.json({ count });
});
