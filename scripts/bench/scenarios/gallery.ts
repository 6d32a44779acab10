import type { BenchContext, ScenarioReport, TimedCase } from "../context";
import { runSideBySide, summariesOf } from "../context";
import type { LoadResult } from "../load-job";
import { pairedRatio } from "../stats";

export const GALLERY_DEPTH = 10_000;
const SORTS = ["newest", "top", "trending"] as const;
const CONNECTIONS = 4;

interface Page {
  items: { uuid: string }[];
}

async function getJson<T>(ctx: BenchContext, path: string, cookie?: string): Promise<T> {
  const res = await fetch(`${ctx.base}${path}`, { headers: cookie ? { cookie } : {} });
  if (!res.ok) throw new Error(`GET ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Per sort, for a signed-in viewer (whose pages are never cached, so every request runs the
 * query): keyset page 1, the keyset page at depth 10,000, the same page read with OFFSET, and
 * the raw-SQL endpoint running the feed's own statement for page 1 — each as a whole request.
 * (The statements by themselves: gallery-statements.ts.)
 */
export async function benchGallery(ctx: BenchContext): Promise<ScenarioReport> {
  const report: ScenarioReport = { summaries: {}, metrics: {}, notes: [] };
  const cookie = ctx.viewer.cookie;
  for (const sort of SORTS) {
    ctx.log(`gallery: ${sort}`);
    const { cursor } = await getJson<{ cursor: string }>(
      ctx,
      `/api/bench/cursor?sort=${sort}&depth=${GALLERY_DEPTH}`,
    );
    const feed = `/api/community/artworks?sort=${sort}`;
    const deep = `${feed}&cursor=${encodeURIComponent(cursor)}`;
    const offset = `/api/bench/feed-offset?sort=${sort}&offset=${GALLERY_DEPTH}`;
    const raw = `/__bench/raw-feed?sort=${sort}&viewer=${ctx.viewer.userId}`;
    await assertSamePage(ctx, deep, offset, cookie);
    const get = (path: string, withCookie = true) => ({
      method: "GET" as const,
      path,
      headers: withCookie ? { cookie } : ({} as Record<string, string>),
    });
    const cases: TimedCase[] = [
      { name: `gallery.${sort}.page1`, connections: CONNECTIONS, request: get(feed) },
      { name: `gallery.${sort}.depth10k`, connections: CONNECTIONS, request: get(deep) },
      { name: `gallery.${sort}.offset10k`, connections: CONNECTIONS, request: get(offset) },
      { name: `gallery.${sort}.rawSql`, connections: CONNECTIONS, request: get(raw, false) },
    ];
    const results = await runSideBySide(ctx, cases);
    Object.assign(report.summaries, summariesOf(cases, results));
    const r = (name: string) => results[`gallery.${sort}.${name}`] ?? [];
    // Time per request at equal concurrency is 1 / throughput: a ratio of times is the
    // inverse ratio of throughputs, and throughput is measured to far finer grain than p50.
    const slower = (a: LoadResult, b: LoadResult) => a.rps / b.rps;
    report.metrics[`requestDepthOverPage1.${sort}`] = pairedRatio(
      r("page1"),
      r("depth10k"),
      slower,
    );
    report.metrics[`requestOffsetOverKeyset.${sort}`] = pairedRatio(
      r("depth10k"),
      r("offset10k"),
      slower,
    );
    report.metrics[`galleryOverRaw.${sort}`] = pairedRatio(
      r("page1"),
      r("rawSql"),
      (a, b) => a.rps / b.rps,
    );
    report.metrics[`galleryOverRawP99.${sort}`] = pairedRatio(
      r("page1"),
      r("rawSql"),
      (a, b) => a.latencyMs.p99 / Math.max(1, b.latencyMs.p99),
    );
  }
  return report;
}

/** The keyset page at depth and the OFFSET page must be the same rows, or the race is unfair. */
async function assertSamePage(ctx: BenchContext, deep: string, offset: string, cookie: string) {
  const [a, b] = await Promise.all([
    getJson<Page>(ctx, deep, cookie),
    getJson<Page>(ctx, offset, cookie),
  ]);
  const ids = (page: Page) => page.items.map((item) => item.uuid).join(",");
  if (a.items.length !== 24 || ids(a) !== ids(b)) {
    throw new Error(`keyset and OFFSET pages differ at depth ${GALLERY_DEPTH}: ${deep}`);
  }
}
