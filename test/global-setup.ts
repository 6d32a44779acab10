import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startKieStandIn } from "../scripts/local/kie-standin";
import { freePort, isPortFree } from "../scripts/local/ports";
import { localStripePrices, readLocalPlans } from "../scripts/local/stripe-prices";
import { startStripeStandIn } from "../scripts/local/stripe-standin";
import { startTestDatabase } from "../scripts/local/test-database";
import { startUpstashStandIn } from "../scripts/local/upstash-standin";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    neonWsProxy: string;
    databaseKind: string;
    upstashUrl: string;
    upstashToken: string;
    upstashBackend: "redis" | "memory";
    runId: string;
    kieUrl: string;
    stripeUrl: string;
  }
}

const UPSTASH_PREFERRED_PORT = 8790;
const KIE_PREFERRED_PORT = 8788;
const STRIPE_PREFERRED_PORT = 8789;

/**
 * One database per test run: a fresh in-memory PGlite, or a fresh database created on the
 * server in DATABASE_URL (dropped afterwards). Migrations are applied to it from empty, which
 * is itself checked by test/db/migrations.test.ts.
 *
 * One Upstash REST stand-in per run, in front of the Redis in REDIS_URL or in memory. A shared
 * Redis is never flushed: keys carry the run id instead (RATE_LIMIT_PREFIX, test prefixes).
 */
export default async function setup(project: TestProject) {
  const database = await startTestDatabase(process.env.DATABASE_URL);
  project.provide("databaseUrl", database.url);
  project.provide("neonWsProxy", database.wsProxy);
  project.provide("databaseKind", database.kind);
  console.log(`[test] database: ${database.description}`);

  // The dev port when it is free, so a run looks like `npm run dev`; any port when it is not.
  const port = (await isPortFree(UPSTASH_PREFERRED_PORT))
    ? UPSTASH_PREFERRED_PORT
    : await freePort();
  const upstash = await startUpstashStandIn({
    port,
    token: randomBytes(16).toString("hex"),
    redisUrl: process.env.REDIS_URL,
  }).catch(async (error) => {
    await database.stop();
    throw error;
  });
  project.provide("upstashUrl", upstash.url);
  project.provide("upstashToken", upstash.token);
  project.provide("upstashBackend", upstash.backend);
  project.provide("runId", randomBytes(4).toString("hex"));
  console.log(`[test] upstash stand-in: ${upstash.url} (${upstash.backend})`);

  // Callbacks are only recorded: the Worker under test has no port to receive them, so tests
  // fetch them from /_control/callbacks and replay them through the Worker.
  const kie = await startKieStandIn({
    port: (await isPortFree(KIE_PREFERRED_PORT)) ? KIE_PREFERRED_PORT : await freePort(),
    apiKey: "test-kie-key",
    webhookHmacKey: "test-kie-webhook-hmac-key",
    callbackMode: "record",
    taskDurationMs: 300,
  }).catch(async (error) => {
    await upstash.stop();
    await database.stop();
    throw error;
  });
  project.provide("kieUrl", kie.url);
  console.log(`[test] kie stand-in: ${kie.url}`);

  // Events are only recorded, for the same reason as KieAI's callbacks: tests fetch them from
  // /_control/events and deliver them to the Worker (test/support/stripe.ts).
  const { plans, names } = readLocalPlans();
  const stripe = await startStripeStandIn({
    port: (await isPortFree(STRIPE_PREFERRED_PORT)) ? STRIPE_PREFERRED_PORT : await freePort(),
    secretKey: "sk_test_aniforge_local",
    webhookSecret: "whsec_test_aniforge_local",
    webhookUrl: "http://127.0.0.1:8787/api/webhooks/stripe",
    deliveryMode: "record",
    prices: localStripePrices(plans, names),
  }).catch(async (error) => {
    await kie.stop();
    await upstash.stop();
    await database.stop();
    throw error;
  });
  project.provide("stripeUrl", stripe.url);
  console.log(`[test] stripe stand-in: ${stripe.url}`);

  return async () => {
    await stripe.stop();
    await kie.stop();
    await upstash.stop();
    await database.stop();
  };
}
