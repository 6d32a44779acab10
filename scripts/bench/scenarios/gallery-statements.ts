import { PgDialect } from "drizzle-orm/pg-core";
import { feedPageSql } from "../../../src/community/feed-query";
import { cursorKeysOf, type FeedSort } from "../../../src/community/sorts";
import { ARTWORK_TYPES } from "../../../src/community/work-sql";
import { offsetPageSql, positionAtDepthSql } from "../../gallery/offset-sql";
import { planProblems } from "../../gallery/plan-report";
import type { BenchContext, ScenarioReport } from "../context";
import { median } from "../stats";

const SORTS: readonly FeedSort[] = ["newest", "top", "trending"];
const PAGE = 24;
/** Runs per statement, interleaved across the three statements of a sort. */
const RUNS = 15;
const dialect = new PgDialect();

export interface GalleryPlans {
  /** EXPLAIN (ANALYZE, BUFFERS) text per statement, for docs/benchmarks.md. */
  plans: Record<string, string>;
  report: ScenarioReport;
}

/**
 * The pagination strategies by themselves: for each sort, the feed's own statements (as
 * feedPageSql renders them for the endpoint, for the bench viewer) for page 1 and for the
 * page at depth 10,000, and the OFFSET statement for that page, timed by Postgres itself
 * (EXPLAIN ANALYZE with TIMING OFF: execution time without per-node clock overhead, which
 * would charge OFFSET for every row it skips), median of 15 runs each, interleaved. Whole
 * requests carry a fixed cost per request (connection, session, rate limit) that hides how
 * the statements scale; the request figures are reported beside these.
 */
export async function benchGalleryStatements(
  ctx: BenchContext,
  depth: number,
): Promise<GalleryPlans> {
  ctx.log("gallery statements (EXPLAIN ANALYZE)");
  const report: ScenarioReport = { summaries: {}, metrics: {}, notes: [] };
  const plans: Record<string, string> = {};
  const viewerId = ctx.viewer.userId;
  for (const sort of SORTS) {
    const { rows } = await ctx.sql.query(
      dialect.sqlToQuery(positionAtDepthSql(sort, ARTWORK_TYPES, depth - 1)).sql,
      dialect.sqlToQuery(positionAtDepthSql(sort, ARTWORK_TYPES, depth - 1)).params,
    );
    const row = rows[0] as Record<string, unknown> | undefined;
    if (!row) throw new Error(`fewer than ${depth} listed works`);
    const after = { keys: cursorKeysOf(sort, row), id: String(row.uuid) };
    const filter = { types: ARTWORK_TYPES };
    const statements = {
      page1: feedPageSql({ sort, filter, after: null, limit: PAGE, viewerId }),
      depth10k: feedPageSql({ sort, filter, after, limit: PAGE, viewerId }),
      offset10k: offsetPageSql({
        sort,
        types: ARTWORK_TYPES,
        flat: false,
        offset: depth,
        fetch: PAGE + 1,
        viewerId,
      }),
    };
    const times: Record<string, number[]> = { page1: [], depth10k: [], offset10k: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const [name, statement] of Object.entries(statements)) {
        const query = dialect.sqlToQuery(statement);
        const result = await ctx.sql.query(
          `explain (analyze, timing off, format json) ${query.sql}`,
          query.params,
        );
        const plan = (result.rows[0] as { "QUERY PLAN": [{ "Execution Time": number }] })[
          "QUERY PLAN"
        ][0];
        times[name]?.push(plan["Execution Time"]);
      }
    }
    for (const [name, statement] of Object.entries(statements)) {
      const query = dialect.sqlToQuery(statement);
      const result = await ctx.sql.query(`explain (analyze, buffers) ${query.sql}`, query.params);
      const text = result.rows.map((r) => (r as { "QUERY PLAN": string })["QUERY PLAN"]).join("\n");
      plans[`${sort}-${name}`] = text;
      if (name !== "offset10k") {
        const indexes = ARTWORK_TYPES.map((type) => `generation_${type}s_public_${sort}_idx`);
        for (const problem of planProblems(text, indexes, PAGE + 1))
          report.notes?.push(`${sort} ${name}: ${problem}`);
      }
      const ms = median(times[name] ?? []);
      report.summaries[`statement.${sort}.${name}`] = {
        rounds: RUNS,
        rps: 1000 / ms,
        p50: ms,
        p99: Math.max(...(times[name] ?? [])),
        msPerRequest: ms,
        failed: 0,
        connections: 1,
      };
    }
    const ms = (name: string) => median(times[name] ?? []);
    report.metrics[`keysetDepthOverPage1.${sort}`] = ms("depth10k") / ms("page1");
    report.metrics[`offsetOverKeyset.${sort}`] = ms("offset10k") / ms("depth10k");
    ctx.log(
      `  ${sort}: page 1 ${ms("page1").toFixed(2)} ms, depth ${ms("depth10k").toFixed(2)} ms, OFFSET ${ms("offset10k").toFixed(2)} ms`,
    );
  }
  return { plans, report };
}
