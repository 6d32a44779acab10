// `npm run dev`: the whole product locally, offline, with one command (SPEC §8).
//   embedded Postgres (PGlite, .data/pglite) unless DATABASE_URL is set
//   → Neon WebSocket proxy → migrations → demo seed → Upstash REST stand-in (in memory, or in
//   front of REDIS_URL) → KieAI stand-in → Stripe stand-in → wrangler dev (docs assets: the
//   predev script)
//   (R2, queues, cron)
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { startEmbeddedPostgres } from "./local/embedded-postgres";
import { startKieStandIn } from "./local/kie-standin";
import { runMigrations } from "./local/migrate";
import { startNeonWsProxy } from "./local/neon-ws-proxy";
import { isPortFree } from "./local/ports";
import { DEV_PASSWORD, SEED_ACCOUNTS, seedLocalData } from "./local/seed";
import { localStripePriceEnv, localStripePrices, readLocalPlans } from "./local/stripe-prices";
import { startStripeStandIn } from "./local/stripe-standin";
import { startUpstashStandIn } from "./local/upstash-standin";
import { describeRedisUrl } from "./local/upstash-standin-backend";

const DATA_DIR = process.env.DEV_DATA_DIR ?? ".data";
const APP_PORT = Number(process.env.PORT ?? 8787);
const DB_PORT = Number(process.env.DEV_DB_PORT ?? 54329);
const PROXY_PORT = Number(process.env.DEV_DB_PROXY_PORT ?? 8791);
const UPSTASH_PORT = Number(process.env.UPSTASH_STANDIN_PORT ?? 8790);
const KIE_PORT = Number(process.env.KIE_STANDIN_PORT ?? 8788);
const STRIPE_PORT = Number(process.env.STRIPE_STANDIN_PORT ?? 8789);
// Local only, and the same as in .dev.vars.example; production's token comes from Upstash.
const UPSTASH_TOKEN = "local-upstash-token";
// Local only, as in .dev.vars.example: the stand-in accepts this key and signs callbacks with
// this HMAC key, and both are written into the Worker's vars so the two always agree.
const KIE_API_KEY = "local-kie-api-key";
const KIE_WEBHOOK_HMAC_KEY = "local-kie-webhook-hmac-key";
// Local only, as in .dev.vars.example: the Stripe stand-in's secret key and the secret it signs
// webhook events with.
const STRIPE_SECRET_KEY = "sk_test_aniforge_local";
const STRIPE_WEBHOOK_SECRET = "whsec_test_aniforge_local";

const stops: (() => Promise<void>)[] = [];
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function requirePort(port: number, what: string, envName: string) {
  if (!(await isPortFree(port))) {
    console.error(`port ${port} (${what}) is in use; stop whatever holds it or set ${envName}`);
    await shutdown(1);
  }
}

async function main() {
  mkdirSync(DATA_DIR, { recursive: true });
  await requirePort(APP_PORT, "the Worker", "PORT");

  let databaseUrl = process.env.DATABASE_URL;
  let databaseLabel: string;
  if (databaseUrl) {
    databaseLabel = `${new URL(databaseUrl).host} (DATABASE_URL)`;
  } else {
    await requirePort(DB_PORT, "embedded Postgres", "DEV_DB_PORT");
    const embedded = await startEmbeddedPostgres({ dataDir: `${DATA_DIR}/pglite`, port: DB_PORT });
    stops.push(() => embedded.stop());
    databaseUrl = embedded.url;
    databaseLabel = `embedded PGlite at ${embedded.host}:${embedded.port} (data in ${DATA_DIR}/pglite)`;
  }
  await runMigrations(databaseUrl);
  const seeded = await seedLocalData(databaseUrl);

  await requirePort(PROXY_PORT, "Neon WebSocket proxy", "DEV_DB_PROXY_PORT");
  const target = new URL(databaseUrl);
  const proxy = await startNeonWsProxy({
    port: PROXY_PORT,
    allowedTargets: [`${target.hostname}:${target.port || "5432"}`],
  });
  stops.push(() => proxy.stop());

  await requirePort(UPSTASH_PORT, "Upstash REST stand-in", "UPSTASH_STANDIN_PORT");
  const redisUrl = process.env.REDIS_URL;
  const upstash = await startUpstashStandIn({ port: UPSTASH_PORT, token: UPSTASH_TOKEN, redisUrl });
  stops.push(() => upstash.stop());
  const upstashLabel = redisUrl
    ? `redis at ${describeRedisUrl(redisUrl)} (REDIS_URL)`
    : "in-memory";

  await requirePort(KIE_PORT, "KieAI stand-in", "KIE_STANDIN_PORT");
  const kie = await startKieStandIn({
    port: KIE_PORT,
    apiKey: KIE_API_KEY,
    webhookHmacKey: KIE_WEBHOOK_HMAC_KEY,
    callbackMode: "deliver",
  });
  stops.push(() => kie.stop());

  const base = `http://127.0.0.1:${APP_PORT}`;
  await requirePort(STRIPE_PORT, "Stripe stand-in", "STRIPE_STANDIN_PORT");
  const { plans, names } = readLocalPlans();
  const stripe = await startStripeStandIn({
    port: STRIPE_PORT,
    secretKey: STRIPE_SECRET_KEY,
    webhookSecret: STRIPE_WEBHOOK_SECRET,
    webhookUrl: `${base}/api/webhooks/stripe`,
    deliveryMode: "deliver",
    prices: localStripePrices(plans, names),
  });
  stops.push(() => stripe.stop());

  const varsFile = writeDevVars({
    ENVIRONMENT: "development",
    DATABASE_URL: databaseUrl,
    NEON_WS_PROXY: proxy.address,
    PUBLIC_URL: `http://127.0.0.1:${APP_PORT}`,
    UPSTASH_REDIS_REST_URL: upstash.url,
    UPSTASH_REDIS_REST_TOKEN: upstash.token,
    KIE_API_BASE_URL: kie.url,
    KIE_API_KEY,
    KIE_WEBHOOK_HMAC_KEY,
    MEDIA_FETCH_EXTRA_ORIGINS: kie.url,
    STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE_URL: stripe.url,
    ...localStripePriceEnv(plans),
  });

  const wrangler = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(APP_PORT),
      "--persist-to",
      `${DATA_DIR}/wrangler`,
      "--env-file",
      varsFile,
      "--show-interactive-dev-session=false",
    ],
    {
      stdio: "inherit",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    },
  );
  stops.push(async () => {
    wrangler.kill("SIGINT");
  });
  wrangler.on("exit", (code) => void shutdown(code ?? 0));

  console.log(
    [
      "",
      "Aniforge is starting:",
      `  app            ${base}   (web UI: gallery /, /create, /library, /pricing, /account, /admin)`,
      `  health         ${base}/health`,
      `  API reference  ${base}/docs   (document: ${base}/openapi.json)`,
      `  cron trigger   ${base}/__scheduled?cron=17+3+*+*+*`,
      `  database       ${databaseLabel}`,
      `  Neon proxy     ws://${proxy.address}/v1`,
      `  upstash        ${upstash.url} (${upstashLabel})`,
      `  kie stand-in   ${kie.url}   (prompt controls: [fail] [slow] [partial] [no-callback] [dup-callback])`,
      `  stripe stand-in ${stripe.url}   (events → ${base}/api/webhooks/stripe; ${stripe.url}/_control/events)`,
      `  accounts       ${SEED_ACCOUNTS.map((a) => a.email).join(", ")} / ${DEV_PASSWORD}${seeded.length ? " (just seeded)" : ""}`,
      "  Ctrl-C stops everything; delete .data/ to start from scratch.",
      "",
    ].join("\n"),
  );
}

/** .dev.vars (yours, or the example) overlaid with what this run started. */
function writeDevVars(overrides: Record<string, string>): string {
  const source = existsSync(".dev.vars") ? ".dev.vars" : ".dev.vars.example";
  const lines = readFileSync(source, "utf8")
    .split("\n")
    .filter((line) => !Object.keys(overrides).some((key) => line.startsWith(`${key}=`)));
  const file = `${DATA_DIR}/dev.vars`;
  writeFileSync(
    file,
    [...lines, ...Object.entries(overrides).map(([k, v]) => `${k}=${v}`), ""].join("\n"),
  );
  return file;
}

main().catch(async (error) => {
  console.error(error);
  await shutdown(1);
});
