import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { startKieStandIn } from "../local/kie-standin";
import { startNeonWsProxy } from "../local/neon-ws-proxy";
import { freePort } from "../local/ports";
import { localStripePriceEnv, readLocalPlans } from "../local/stripe-prices";
import { startUpstashStandIn } from "../local/upstash-standin";
import { writeDerivedWranglerConfig } from "../local/wrangler-config";

const run = promisify(execFile);
export const BENCH_DIR = ".data/bench";
export const BENCH_SECRETS = {
  BETTER_AUTH_SECRET: "bench-only-better-auth-secret-0123456789abcdef",
  KIE_API_KEY: "bench-kie-api-key",
  KIE_CALLBACK_SECRET: "bench-only-kie-callback-secret-0123456789abcdef",
  KIE_WEBHOOK_HMAC_KEY: "bench-kie-webhook-hmac-key",
  STRIPE_SECRET_KEY: "sk_test_aniforge_bench",
  STRIPE_WEBHOOK_SECRET: "whsec_test_aniforge_bench",
};
// Limits far above what the load generator reaches: the limiter still runs its Redis
// round trip on every request (that cost is measured), it just never says no.
const OPEN_LIMITS = { limit: 1_000_000, windowSeconds: 60 };

export interface BenchStack {
  base: string;
  kieUrl: string;
  stop(): Promise<void>;
}

/**
 * The product as `npm run dev` runs it — the Worker in workerd via `wrangler dev`, the Neon
 * WebSocket proxy, the Upstash and KieAI stand-ins — but started with the benchmark entry
 * (scripts/bench/worker), quiet logs and open rate limits. The KieAI stand-in only records its
 * callbacks, so the benchmark decides when they arrive.
 */
export async function startBenchStack(databaseUrl: string): Promise<BenchStack> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    const target = new URL(databaseUrl);
    const proxy = await startNeonWsProxy({
      port: await freePort(),
      allowedTargets: [`${target.hostname}:${target.port || "5432"}`],
    });
    stops.push(() => proxy.stop());
    const upstash = await startUpstashStandIn({
      port: await freePort(),
      token: "bench-upstash-token",
      redisUrl: process.env.REDIS_URL,
    });
    stops.push(() => upstash.stop());
    const kie = await startKieStandIn({
      port: await freePort(),
      apiKey: BENCH_SECRETS.KIE_API_KEY,
      webhookHmacKey: BENCH_SECRETS.KIE_WEBHOOK_HMAC_KEY,
      callbackMode: "record",
      taskDurationMs: 50,
    });
    stops.push(() => kie.stop());

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const vars = {
      ENVIRONMENT: "development",
      LOG_LEVEL: "warn",
      DATABASE_URL: databaseUrl,
      NEON_WS_PROXY: proxy.address,
      PUBLIC_URL: base,
      CORS_ORIGINS: base,
      UPSTASH_REDIS_REST_URL: upstash.url,
      UPSTASH_REDIS_REST_TOKEN: upstash.token,
      RATE_LIMIT_PREFIX: `bench-${Date.now()}`,
      RATE_LIMITS: JSON.stringify({
        auth: OPEN_LIMITS,
        publicRead: OPEN_LIMITS,
        userWrite: OPEN_LIMITS,
        galleryAnonymous: OPEN_LIMITS,
      }),
      GENERATION_RATE_LIMIT_PER_MINUTE: "100000",
      KIE_API_BASE_URL: kie.url,
      MEDIA_FETCH_EXTRA_ORIGINS: kie.url,
      // Nothing the benchmark sends makes the Worker call Stripe; a closed port says so loudly.
      STRIPE_API_BASE_URL: "http://127.0.0.1:9",
      ...BENCH_SECRETS,
      ...localStripePriceEnv(readLocalPlans().plans),
    };
    const varsFile = `${BENCH_DIR}/bench.vars`;
    writeFileSync(
      varsFile,
      `${Object.entries(vars)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n")}\n`,
    );
    const wrangler = startWrangler(port, varsFile, await buildBenchWorker());
    stops.push(() => stopProcess(wrangler));
    await waitForHealth(base, wrangler);
    return { base, kieUrl: kie.url, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The bench entry built like the product (scripts/build-worker.mjs), and a wrangler config for
 * it: wrangler.toml with the entry swapped and its own build step dropped.
 */
async function buildBenchWorker(): Promise<string> {
  await run(process.execPath, [
    "scripts/build-worker.mjs",
    "--entry",
    "scripts/bench/worker/index.ts",
    "--outdir",
    `${BENCH_DIR}/worker`,
  ]);
  return writeDerivedWranglerConfig(`${BENCH_DIR}/wrangler.toml`, `${BENCH_DIR}/worker`);
}

function startWrangler(port: number, varsFile: string, config: string): ChildProcess {
  const log = `${BENCH_DIR}/wrangler.log`;
  writeFileSync(log, "");
  const child = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--config",
      config,
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      resolve(`${BENCH_DIR}/wrangler`),
      // Absolute: with --config, wrangler resolves relative paths from the config's folder.
      "--env-file",
      resolve(varsFile),
      "--log-level",
      "warn",
      "--show-interactive-dev-session=false",
    ],
    {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    },
  );
  const append = (chunk: Buffer) => writeFileSync(log, chunk, { flag: "a" });
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return child;
}

async function waitForHealth(base: string, wrangler: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (wrangler.exitCode !== null) break;
    const ok = await fetch(`${base}/health`)
      .then(async (res) => res.ok && (await res.text()).includes('"database":{"ok":true'))
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const tail = readFileSync(`${BENCH_DIR}/wrangler.log`, "utf8").slice(-3000);
  throw new Error(`the benchmark Worker did not become healthy:\n${tail}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGINT");
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
