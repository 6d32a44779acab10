import { writeFileSync } from "node:fs";
import os from "node:os";
import type { ScenarioReport } from "./context";
import type { Target, Verdict } from "./stats";

export interface BenchResults {
  finishedAt: string;
  seconds: number;
  machine: string;
  database: string;
  settings: Record<string, unknown>;
  data: Record<string, number>;
  summaries: ScenarioReport["summaries"];
  metrics: Record<string, number>;
  verdicts: Verdict[];
  /** Things a reader should know: plans that are not bounded index ranges, and the like. */
  notes: string[];
}

export const machineDescription = () =>
  `${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? "unknown"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;

const fmt = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "—");

/** The throughput table: what each measured thing did, median over rounds. */
export function summaryTable(results: BenchResults): string {
  const lines = [
    "| measured | clients | req/s | ms per request | p50 ms | p99 ms |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const [name, s] of Object.entries(results.summaries)) {
    lines.push(
      `| ${name} | ${s.connections} | ${fmt(s.rps, 1)} | ${fmt(s.msPerRequest)} | ${fmt(s.p50, 0)} | ${fmt(s.p99, 0)} |`,
    );
  }
  return lines.join("\n");
}

/** The ratios, each with its target when it has one. */
export function ratioTable(results: BenchResults, targets: Record<string, Target>): string {
  const lines = ["| ratio | value | target | |", "| --- | ---: | --- | --- |"];
  const verdicts = new Map(results.verdicts.map((v) => [v.metric, v]));
  for (const [metric, value] of Object.entries(results.metrics)) {
    const verdict = verdicts.get(metric);
    const about = targets[metric.split(".")[0] as string]?.about;
    const label = about ? `${metric} — ${about}` : metric;
    lines.push(
      `| ${label} | ${fmt(value)} | ${verdict?.target ?? "(reported)"} | ${verdict ? (verdict.ok ? "ok" : "**MISSED**") : ""} |`,
    );
  }
  return lines.join("\n");
}

export function writeResults(path: string, results: BenchResults): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
