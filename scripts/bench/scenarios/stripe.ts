import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import type { BenchContext, ScenarioReport } from "../context";
import type { LoadRequest, LoadResult } from "../load-job";
import { BENCH_SECRETS } from "../stack";
import { median } from "../stats";

const EVENTS = 300;
const CONNECTIONS = 8;

/**
 * Stripe webhook deliveries of `checkout.session.completed` for fresh pack orders, signed with
 * Stripe's scheme: each event once (records it, pays the order, grants the credits), then the
 * very same deliveries again (Stripe retries; each must be recognised and change nothing).
 */
export async function benchStripe(ctx: BenchContext, users: string[]): Promise<ScenarioReport> {
  ctx.log("stripe webhook: first vs duplicate delivery");
  const first: LoadResult[] = [];
  const duplicate: LoadResult[] = [];
  for (let round = 0; round < ctx.settings.rounds; round++) {
    const { run: batch, deliveries } = await freshDeliveries(ctx, users);
    const run = (requests: LoadRequest[]) =>
      ctx.load.run({ kind: "replay", base: ctx.base, connections: CONNECTIONS, requests });
    const a = await run(deliveries);
    const b = await run(deliveries);
    for (const [label, result] of [
      ["first", a],
      ["duplicate", b],
    ] as const) {
      if (result.failed) throw new Error(`stripe ${label}: ${JSON.stringify(result.statuses)}`);
    }
    const paid = await ctx.sql.query(
      `select count(*)::int as n from orders where order_no like $1 and status = 'paid'`,
      [`BENCH-${batch}-%`],
    );
    first.push(a);
    duplicate.push(b);
    ctx.log(
      `  round ${round + 1}: first ${a.rps.toFixed(0)}/s, duplicate ${b.rps.toFixed(0)}/s, paid ${paid.rows[0]?.n}`,
    );
  }
  const summary = (results: LoadResult[]) => ({
    rounds: results.length,
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.latencyMs.p50)),
    p99: median(results.map((r) => r.latencyMs.p99)),
    msPerRequest: median(results.map((r) => (r.seconds * 1000 * CONNECTIONS) / (r.ok || 1))),
    failed: 0,
    connections: CONNECTIONS,
  });
  return {
    summaries: {
      "stripe.firstDelivery": summary(first),
      "stripe.duplicateDelivery": summary(duplicate),
    },
    metrics: {
      duplicateOverFirstCost: median(
        first.map((a, i) => (duplicate[i] as LoadResult).seconds / a.seconds),
      ),
    },
  };
}

async function freshDeliveries(
  ctx: BenchContext,
  users: string[],
): Promise<{ run: string; deliveries: LoadRequest[] }> {
  const run = randomUUID().slice(0, 8);
  const orders = Array.from({ length: EVENTS }, (_, i) => ({
    orderNo: `BENCH-${run}-${i}`,
    userId: users[i % users.length] as string,
  }));
  await ctx.sql.query(
    `insert into orders (order_no, user_id, product_id, product_name, amount, currency, credits,
       interval, status)
     select o->>'orderNo', (o->>'userId')::uuid, 'pack-starter', 'Starter pack', 499, 'usd', 300,
       'one_time', 'created'
     from jsonb_array_elements($1::jsonb) o`,
    [JSON.stringify(orders)],
  );
  const created = Math.floor(Date.now() / 1000);
  const deliveries = await Promise.all(
    orders.map(async ({ orderNo }) => {
      const payload = JSON.stringify({
        id: `evt_bench_${randomUUID().replaceAll("-", "")}`,
        object: "event",
        api_version: Stripe.API_VERSION,
        created,
        livemode: false,
        pending_webhooks: 1,
        type: "checkout.session.completed",
        data: {
          object: {
            id: `cs_test_${randomUUID().replaceAll("-", "")}`,
            object: "checkout.session",
            mode: "payment",
            payment_status: "paid",
            status: "complete",
            client_reference_id: orderNo,
            metadata: { orderNo },
            amount_total: 499,
            currency: "usd",
            payment_intent: `pi_bench_${randomUUID().replaceAll("-", "")}`,
            invoice: null,
            subscription: null,
          },
        },
      });
      const signature = await Stripe.webhooks.generateTestHeaderStringAsync({
        payload,
        secret: BENCH_SECRETS.STRIPE_WEBHOOK_SECRET,
      });
      return {
        method: "POST" as const,
        path: "/api/webhooks/stripe",
        headers: { "content-type": "application/json", "stripe-signature": signature },
        body: payload,
      };
    }),
  );
  return { run, deliveries };
}
