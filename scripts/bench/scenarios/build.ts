import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Miniflare } from "miniflare";
import type { ScenarioReport } from "../context";
import { median } from "../stats";

const run = promisify(execFile);
const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};
const STARTUP_RUNS = 9;
const PROFILE_RUNS = 3;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The production bundle as `wrangler deploy` would upload it (src/index.ts, not the bench
 * entry): its size, and its global-scope start-up. Start-up is timed inside workerd: a fresh
 * isolate whose entry imports the bundle on its first request and reports how long the import
 * took (compile and global scope), median of nine isolates. Beside it, for reference, the busy
 * time of `wrangler check startup`'s CPU profile, which the profiler itself inflates.
 */
export async function benchBuild(log: (line: string) => void): Promise<ScenarioReport> {
  log("bundle and start-up");
  const outdir = await mkdtemp(join(tmpdir(), "aniforge-bench-build-"));
  try {
    const { stdout, stderr } = await run(
      "npx",
      ["wrangler", "deploy", "--dry-run", "--outdir", outdir],
      { env: WRANGLER_ENV, maxBuffer: 16 * 1024 * 1024 },
    );
    const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(stdout + stderr);
    if (!match) throw new Error(`no bundle size in wrangler's output:\n${stdout}${stderr}`);
    const modules = await workerModules(outdir);
    const startups: number[] = [];
    for (let i = 0; i < STARTUP_RUNS; i++) startups.push(await importMs(modules));
    const profiled: number[] = [];
    for (let i = 0; i < PROFILE_RUNS; i++) {
      const profile = join(outdir, `startup-${i}.cpuprofile`);
      await run("npx", ["wrangler", "check", "startup", "--outfile", profile], {
        env: WRANGLER_ENV,
      });
      profiled.push(busyMs(JSON.parse(await readFile(profile, "utf8")) as CpuProfile));
    }
    log(
      `  bundle ${match[1]} KiB, gzip ${match[2]} KiB; start-up ${startups.join(", ")} ms; profiled ${profiled.map((ms) => ms.toFixed(1)).join(", ")} ms`,
    );
    return {
      summaries: {},
      metrics: {
        bundleKiB: Number(match[1]),
        bundleGzipKiB: Number(match[2]),
        startupMs: median(startups),
        startupProfiledMs: median(profiled),
      },
    };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

interface WorkerModule {
  type: "ESModule";
  path: string;
  contents: string;
}

/** The modules wrangler would upload (the entry and its chunks), under /worker/. */
async function workerModules(outdir: string): Promise<WorkerModule[]> {
  const files = await readdir(outdir, { recursive: true });
  return Promise.all(
    files
      .filter((file) => file.endsWith(".mjs"))
      .map(async (file) => ({
        type: "ESModule" as const,
        path: `/worker/${file}`,
        contents: await readFile(join(outdir, file), "utf8"),
      })),
  );
}

/** One fresh isolate: how long its first request spends importing the Worker's entry. */
async function importMs(modules: WorkerModule[]): Promise<number> {
  const toml = await readFile("wrangler.toml", "utf8");
  const mf = new Miniflare({
    compatibilityDate: /^compatibility_date = "([^"]+)"/m.exec(toml)?.[1] ?? "2026-04-01",
    compatibilityFlags: JSON.parse(/^compatibility_flags = (\[.*\])/m.exec(toml)?.[1] ?? "[]"),
    modulesRoot: "/",
    modules: [
      {
        type: "ESModule",
        path: "/entry.mjs",
        // Timers advance across the await: the figure is the import's wall time in workerd.
        contents: `export default { async fetch() {
          const started = performance.now();
          await import("./worker/index.mjs");
          return new Response(String(performance.now() - started));
        } };`,
      },
      ...modules,
    ],
  });
  try {
    await mf.ready;
    return Number(await (await mf.dispatchFetch("http://bench.local/")).text());
  } finally {
    await mf.dispose();
  }
}

/** Time the profiler saw the isolate busy: each sample's interval, except idle ones. */
export function busyMs(profile: CpuProfile): number {
  const idle = new Set(
    profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id),
  );
  let micros = 0;
  // timeDeltas[i] is the gap before sample i, so sample i covers timeDeltas[i + 1].
  profile.samples.forEach((node, i) => {
    if (!idle.has(node)) micros += profile.timeDeltas[i + 1] ?? 0;
  });
  return micros / 1000;
}
