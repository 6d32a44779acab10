import { randomUUID } from "node:crypto";
import type { BenchContext, ScenarioReport } from "../context";
import type { LoadRequest } from "../load-job";
import { median } from "../stats";

/** A multiple of the queue's batch size (10), so no batch waits out max_batch_timeout. */
const GENERATIONS = 60;

interface Delivery {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Results copied from the provider into R2 per second: 60 image generations are created for
 * real (the KieAI stand-in records their callbacks instead of sending them), then all their callbacks arrive at once
 * and the clock runs until the queue consumer has finished every one (record-info, download,
 * R2 put, the generation's row). The baseline is a Worker loop of R2 puts of the same size.
 */
export async function benchIngest(ctx: BenchContext): Promise<ScenarioReport> {
  ctx.log("queue ingest vs raw R2 puts");
  const ingestRates: number[] = [];
  const putRates: number[] = [];
  await ctx.sql.query(
    `insert into credits (user_id, trans_type, amount, remaining, source_id)
     values ($1, 'admin_grant', 10000000, 10000000, $2) on conflict do nothing`,
    [ctx.viewer.userId, `bench-ingest:${ctx.viewer.userId}`],
  );
  for (let round = 0; round < ctx.settings.rounds; round++) {
    const { results, seconds, bytes } = await ingestRound(ctx);
    ingestRates.push(results / seconds);
    const started = performance.now();
    const res = await fetch(`${ctx.base}/api/bench/r2-puts?count=${GENERATIONS}&bytes=${bytes}`, {
      method: "POST",
    });
    if (!res.ok) throw new Error(`r2-puts → ${res.status}`);
    putRates.push(GENERATIONS / ((performance.now() - started) / 1000));
    ctx.log(
      `  round ${round + 1}: ingest ${(results / seconds).toFixed(1)} results/s, R2 puts ${putRates.at(-1)?.toFixed(1)}/s (${bytes} bytes)`,
    );
  }
  const ingest = median(ingestRates);
  const puts = median(putRates);
  const row = (rps: number) => ({
    rounds: ctx.settings.rounds,
    rps,
    p50: Number.NaN,
    p99: Number.NaN,
    msPerRequest: 1000 / rps,
    failed: 0,
    connections: 1,
  });
  return {
    summaries: { "ingest.queueToR2": row(ingest), "ingest.rawR2Puts": row(puts) },
    metrics: { ingestOverRawPuts: ingest / puts },
  };
}

async function ingestRound(
  ctx: BenchContext,
): Promise<{ results: number; seconds: number; bytes: number }> {
  const run = randomUUID().slice(0, 8);
  const create: LoadRequest[] = Array.from({ length: GENERATIONS }, (_, i) => ({
    method: "POST",
    path: "/api/generations",
    headers: { "content-type": "application/json", cookie: ctx.viewer.cookie, origin: ctx.base },
    body: JSON.stringify({
      type: "image",
      model: "z-image",
      prompt: `bench ingest ${run} ${i}`,
    }),
  }));
  const created = await ctx.load.run({
    kind: "replay",
    base: ctx.base,
    connections: 4,
    requests: create,
  });
  if (created.failed) throw new Error(`creating generations: ${JSON.stringify(created.statuses)}`);
  const { rows } = await ctx.sql.query<{ uuid: string; remote_task_id: string | null }>(
    `select uuid, remote_task_id from generations where user_id = $1 and prompt like $2`,
    [ctx.viewer.userId, `%bench ingest ${run} %`],
  );
  const callbacks = await recordedCallbacks(
    ctx,
    rows.map((r) => r.remote_task_id ?? ""),
  );
  const uuids = rows.map((r) => r.uuid);
  const started = performance.now();
  const sent = await ctx.load.run({
    kind: "replay",
    base: ctx.base,
    connections: 16,
    requests: callbacks,
  });
  if (sent.failed) throw new Error(`callbacks: ${JSON.stringify(sent.statuses)}`);
  for (;;) {
    const { rows: done } = await ctx.sql.query<{
      finished: number;
      results: number;
      failed: number;
    }>(
      `select count(*) filter (where status in ('succeeded', 'failed'))::int as finished,
         count(*) filter (where status = 'failed')::int as failed,
         coalesce(sum(success_count), 0)::int as results
       from generations where uuid = any($1::uuid[])`,
      [uuids],
    );
    const state = done[0];
    if (state && state.finished === uuids.length) {
      if (state.failed) throw new Error(`${state.failed} generations failed to ingest`);
      const seconds = (performance.now() - started) / 1000;
      const { rows: sizes } = await ctx.sql.query<{ bytes: number }>(
        `select coalesce(avg(byte_size), 0)::int as bytes from generation_images where generation_uuid = any($1::uuid[])`,
        [uuids],
      );
      return { results: state.results, seconds, bytes: sizes[0]?.bytes ?? 0 };
    }
    if (performance.now() - started > 120_000) throw new Error("ingest did not finish in 120 s");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The callbacks the stand-in recorded for each task, once every task has finished. */
async function recordedCallbacks(ctx: BenchContext, taskIds: string[]): Promise<LoadRequest[]> {
  const deadline = Date.now() + 60_000;
  const found = new Map<string, Delivery>();
  while (found.size < taskIds.length) {
    if (Date.now() > deadline)
      throw new Error(`only ${found.size}/${taskIds.length} tasks called back`);
    for (const taskId of taskIds) {
      if (found.has(taskId)) continue;
      const res = await fetch(
        `${ctx.kieUrl}/_control/callbacks?taskId=${encodeURIComponent(taskId)}`,
      );
      const list = (await res.json()) as Delivery[] | { deliveries?: Delivery[] };
      const deliveries = Array.isArray(list) ? list : (list.deliveries ?? []);
      const first = deliveries[0];
      if (first) found.set(taskId, first);
    }
    if (found.size < taskIds.length) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [...found.values()].map((d) => ({
    method: "POST" as const,
    path: d.url.slice(new URL(d.url).origin.length),
    headers: d.headers,
    body: d.body,
  }));
}
