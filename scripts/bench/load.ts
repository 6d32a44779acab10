// The load generator, in a process of its own (forked by load-client.ts), so its work never
// shares an event loop with the stand-ins or the runner. Timed jobs run autocannon; replay
// jobs send a fixed list once (webhook deliveries, where each body is signed ahead of time).
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import type { LoadJob, LoadRequest, LoadResult } from "./load-job";

async function timed(job: Extract<LoadJob, { kind: "timed" }>): Promise<LoadResult> {
  const { request, ledgerUsers, rotate } = job;
  let turn = 0;
  const setupRequest = (req: autocannon.Request): autocannon.Request => {
    if (rotate?.length) {
      const next = rotate[turn++ % rotate.length] as LoadRequest;
      return { ...req, ...next };
    }
    if (ledgerUsers?.length) {
      const userId = ledgerUsers[Math.floor(Math.random() * ledgerUsers.length)];
      return { ...req, body: JSON.stringify({ userId, sourceId: `bench:${randomUUID()}` }) };
    }
    return req;
  };
  const result = await autocannon({
    url: job.base,
    connections: job.connections,
    duration: job.seconds,
    requests: [{ ...request, setupRequest }],
    timeout: 30,
  });
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  const statuses: Record<string, number> = {};
  for (const [code, count] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[code] = (count as { count: number }).count;
  }
  if (result.errors) statuses.error = result.errors;
  if (result.timeouts) statuses.timeout = result.timeouts;
  const ok = result["2xx"];
  return {
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    statuses,
    seconds,
    rps: ok / seconds,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      mean: result.latency.average,
    },
  };
}

async function replay(job: Extract<LoadJob, { kind: "replay" }>): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  const started = performance.now();
  async function lane() {
    while (next < job.requests.length) {
      const request = job.requests[next++] as LoadRequest;
      const sent = performance.now();
      const status = await fetch(`${job.base}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
      })
        .then(async (res) => {
          await res.arrayBuffer();
          return res.status;
        })
        .catch(() => 0);
      latencies.push(performance.now() - sent);
      statuses[status || "error"] = (statuses[status || "error"] ?? 0) + 1;
      if (status >= 200 && status < 300) ok++;
    }
  }
  await Promise.all(Array.from({ length: job.connections }, lane));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const mean = latencies.reduce((sum, v) => sum + v, 0) / Math.max(1, latencies.length);
  return {
    ok,
    failed: job.requests.length - ok,
    statuses,
    seconds,
    rps: ok / seconds,
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean },
  };
}

process.on("message", async (message: { id: number; job: LoadJob }) => {
  try {
    const result =
      message.job.kind === "timed" ? await timed(message.job) : await replay(message.job);
    process.send?.({ id: message.id, result });
  } catch (error) {
    process.send?.({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
