import { readFile, writeFile } from "node:fs/promises";
import { type BenchResults, ratioTable, summaryTable } from "./report";
import type { Target } from "./stats";

const DOC = "docs/benchmarks.md";

/** Replaces what sits between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` in the doc. */
export async function writeBenchDocs(
  results: BenchResults,
  targets: Record<string, Target>,
  plans: Record<string, string>,
): Promise<void> {
  const blocks = new Map<string, string>([
    [
      "setup",
      [
        `- Machine: ${results.machine}`,
        `- Database: ${results.database}; ${Object.entries(results.data)
          .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
          .join(", ")}`,
        `- Settings: ${results.settings.rounds} rounds of ${results.settings.seconds} s after ${results.settings.warmup} s of warm-up; finished ${results.finishedAt} in ${results.seconds} s`,
      ].join("\n"),
    ],
    ["ratios", ratioTable(results, targets)],
    ["throughput", summaryTable(results)],
    [
      "plans",
      Object.entries(plans)
        .map(([name, plan]) => `#### ${name}\n\n\`\`\`text\n${plan}\n\`\`\``)
        .join("\n\n"),
    ],
  ]);
  let doc = await readFile(DOC, "utf8");
  for (const [name, body] of blocks) {
    const pattern = new RegExp(`(<!-- bench:${name} -->)[\\s\\S]*?(<!-- /bench:${name} -->)`);
    if (!pattern.test(doc)) throw new Error(`${DOC} has no block ${name}`);
    doc = doc.replace(pattern, (_, open: string, close: string) => `${open}\n${body}\n${close}`);
  }
  await writeFile(DOC, doc);
}
