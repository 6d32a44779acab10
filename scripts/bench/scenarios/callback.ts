import { createHmac } from "node:crypto";
import { signHmac } from "../../../src/lib/hmac";
import type { BenchContext, ScenarioReport, TimedCase } from "../context";
import { runSideBySide, summariesOf } from "../context";
import type { LoadRequest } from "../load-job";
import { BENCH_SECRETS } from "../stack";
import { pairedRatio } from "../stats";

const CONNECTIONS = 16;
const GENERATIONS = 100;

/**
 * KieAI's callback as KieAI sends it (token in the URL, X-Webhook-Signature over the task id
 * and a fresh timestamp, a jobs-family body) for 100 finished generations in turn, against a
 * route that only reads the body, through the same middleware.
 */
export async function benchCallback(ctx: BenchContext): Promise<ScenarioReport> {
  ctx.log("callback vs trivial route");
  const { rows } = await ctx.sql.query<{ uuid: string; remote_task_id: string }>(
    `select uuid, remote_task_id from generations
     where status = 'succeeded' and remote_task_id is not null limit ${GENERATIONS}`,
  );
  const timestamp = String(Math.floor(Date.now() / 1000));
  const callbacks: LoadRequest[] = await Promise.all(
    rows.map(async (row) => {
      const token = await signHmac(BENCH_SECRETS.KIE_CALLBACK_SECRET, `kie-callback:${row.uuid}`);
      const signature = createHmac("sha256", BENCH_SECRETS.KIE_WEBHOOK_HMAC_KEY)
        .update(`${row.remote_task_id}.${timestamp}`)
        .digest("base64");
      return {
        method: "POST" as const,
        path: `/api/callbacks/kie/${row.uuid}?token=${token}`,
        headers: {
          "content-type": "application/json",
          "x-webhook-timestamp": timestamp,
          "x-webhook-signature": signature,
        },
        body: JSON.stringify({
          code: 200,
          msg: "Playground task completed successfully.",
          data: { taskId: row.remote_task_id, state: "success", resultJson: "{}" },
        }),
      };
    }),
  );
  const first = callbacks[0];
  if (!first) throw new Error("no finished generations to call back for: run npm run bench:seed");
  const cases: TimedCase[] = [
    { name: "callback.kie", connections: CONNECTIONS, request: first, rotate: callbacks },
    {
      name: "callback.trivialRoute",
      connections: CONNECTIONS,
      request: { ...first, path: "/api/bench/trivial" },
    },
  ];
  const results = await runSideBySide(ctx, cases);
  const report: ScenarioReport = { summaries: {}, metrics: {} };
  Object.assign(report.summaries, summariesOf(cases, results));
  report.metrics.callbackOverTrivial = pairedRatio(
    results["callback.kie"] ?? [],
    results["callback.trivialRoute"] ?? [],
    (a, b) => a.rps / b.rps,
  );
  return report;
}
