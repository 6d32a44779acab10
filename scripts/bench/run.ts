// `npm run bench [-- --check] [--docs] [--only gallery,ledger,...] [--rounds N] [--seconds S]
// [--serve]`:
// the hot paths side by side with their baselines, in one run, against the database seeded by
// `npm run bench:seed`. Prints a table, writes bench/results.json; --check exits 1 when a ratio
// misses bench/targets.json; --docs refreshes the results in docs/benchmarks.md.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import type { BenchContext, ScenarioReport } from "./context";
import { writeBenchDocs } from "./docs";
import { LoadClient } from "./load-client";
import {
  type BenchResults,
  machineDescription,
  ratioTable,
  summaryTable,
  writeResults,
} from "./report";
import { benchBuild } from "./scenarios/build";
import { benchCallback } from "./scenarios/callback";
import { benchGallery, GALLERY_DEPTH } from "./scenarios/gallery";
import { benchGalleryStatements } from "./scenarios/gallery-statements";
import { benchIngest } from "./scenarios/ingest";
import { benchLedger } from "./scenarios/ledger";
import { benchStripe } from "./scenarios/stripe";
import { openBenchDatabase } from "./seed-database";
import { BENCH_HOT_USER_ID, BENCH_USER_COUNT, benchUserId } from "./seed-facts";
import { startBenchStack } from "./stack";
import { judge, type Target } from "./stats";
import { signUpViewer } from "./viewer";

const SCENARIOS = ["gallery", "ledger", "stripe", "ingest", "callback", "build"] as const;
const { values: args } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    docs: { type: "boolean", default: false },
    only: { type: "string" },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "4" },
    warmup: { type: "string", default: "2" },
    serve: { type: "boolean", default: false },
  },
});
const only = new Set(args.only ? args.only.split(",") : SCENARIOS);
const settings = {
  rounds: Number(args.rounds),
  seconds: Number(args.seconds),
  warmup: Number(args.warmup),
};
const targets = JSON.parse(readFileSync("bench/targets.json", "utf8")) as Record<string, Target>;
const log = (line: string) => console.log(line);
const started = performance.now();

const database = await openBenchDatabase();
log(`database: ${database.label}`);
const sql = new pg.Client({ connectionString: database.url });
await sql.connect();
const data = await dataSize(sql);
if (data.listedWorks < 20_000) {
  throw new Error(
    `the benchmark database holds ${data.listedWorks} listed works: run npm run bench:seed first`,
  );
}
log(`data: ${JSON.stringify(data)}`);

if (args.serve) {
  // For profiling by hand: the benchmark stack stays up until Ctrl-C.
  const stack = await startBenchStack(database.url);
  log(`benchmark Worker at ${stack.base} (KieAI stand-in ${stack.kieUrl}); Ctrl-C stops it`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void stack.stop().then(() => process.exit(0)));
  }
  await new Promise(() => {});
}

// First, on a quiet machine: start-up is timed in single isolates, which any background work
// (a stack shutting down, a checkpoint after the load) disturbs far more than throughput.
const reports: ScenarioReport[] = [];
if (only.has("build")) reports.push(await benchBuild(log));

const needsWorker = [...only].some((name) => name !== "build");
const stack = needsWorker ? await startBenchStack(database.url) : null;
const load = new LoadClient();
let plans: Record<string, string> = {};
try {
  if (stack) {
    const ctx: BenchContext = {
      base: stack.base,
      kieUrl: stack.kieUrl,
      load,
      sql,
      settings,
      viewer: await signUpViewer(stack.base, sql),
      log,
    };
    const users = Array.from({ length: BENCH_USER_COUNT }, (_, i) => benchUserId(i + 1));
    if (only.has("gallery")) {
      const statements = await benchGalleryStatements(ctx, GALLERY_DEPTH);
      plans = statements.plans;
      reports.push(statements.report, await benchGallery(ctx));
    }
    if (only.has("ledger")) reports.push(await benchLedger(ctx, users, BENCH_HOT_USER_ID));
    if (only.has("stripe")) reports.push(await benchStripe(ctx, users));
    if (only.has("ingest")) reports.push(await benchIngest(ctx));
    // Last: every callback enqueues a check, and the consumer works through thousands of them
    // after the measurement; nothing measured may run behind that backlog.
    if (only.has("callback")) reports.push(await benchCallback(ctx));
  }
} finally {
  load.stop();
  await stack?.stop();
}

const metrics = Object.assign({}, ...reports.map((r) => r.metrics)) as Record<string, number>;
const results: BenchResults = {
  finishedAt: new Date().toISOString(),
  seconds: Math.round((performance.now() - started) / 1000),
  machine: machineDescription(),
  database: database.label,
  settings,
  data,
  summaries: Object.assign({}, ...reports.map((r) => r.summaries)),
  metrics,
  verdicts: judge(metrics, targets),
  notes: reports.flatMap((r) => r.notes ?? []),
};
writeResults("bench/results.json", results);
if (args.docs) await writeBenchDocs(results, targets, plans);
await sql.end();
await database.stop();

log(`\n${summaryTable(results)}\n\n${ratioTable(results, targets)}\n`);
for (const note of results.notes) log(`note: ${note}`);
log(`wrote bench/results.json (${results.seconds} s)`);
const missed = results.verdicts.filter((v) => !v.ok);
if (args.check && missed.length > 0) {
  for (const v of missed)
    console.error(`MISSED ${v.metric}: ${v.value.toFixed(2)} (target ${v.target})`);
  process.exit(1);
}
if (args.check) log(`all ${results.verdicts.length} targets met`);

async function dataSize(client: pg.Client) {
  const count = async (query: string) =>
    Number((await client.query<{ n: string }>(query)).rows[0]?.n ?? 0);
  const listed = "visibility_level = 'public' and moderation_status <> 'banned'";
  return {
    users: await count(`select count(*) as n from "user"`),
    listedWorks:
      (await count(`select count(*) as n from generation_images where ${listed}`)) +
      (await count(`select count(*) as n from generation_videos where ${listed}`)),
    interactions: await count("select count(*) as n from user_interactions"),
    ledgerRows: await count("select count(*) as n from credits"),
  };
}
