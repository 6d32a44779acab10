/**
 * Reads EXPLAIN (ANALYZE, BUFFERS) text for the gallery's promise: a keyset page is a bounded
 * index range on the sort's partial index, whatever its depth. A plan that breaks it is
 * reported, never written into the doc as if it were fine.
 */
interface PlanNode {
  type: string;
  index?: string;
  relation?: string;
  rows: number;
}

export interface PlanSummary {
  nodes: PlanNode[];
  executionMs: number;
  sharedHit: number;
  sharedRead: number;
}

const WORK_TABLES = ["generation_images", "generation_videos"];
const NODE =
  /->\s+([A-Z][A-Za-z ]+?)(?: using (\S+))?(?: on (\S+)(?: \w+)?)?\s+\(cost=.*?\(actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=\d+\)/;

export function summarisePlan(plan: string): PlanSummary {
  const nodes: PlanNode[] = [];
  for (const line of plan.split("\n")) {
    // The root node carries no arrow; give it one so a single pattern reads every node.
    const match = NODE.exec(line.includes("->") ? line : `-> ${line}`);
    if (!match?.[1]) continue;
    nodes.push({
      type: match[1],
      ...(match[2] ? { index: match[2] } : {}),
      ...(match[3] ? { relation: match[3].replaceAll('"', "") } : {}),
      rows: Number(match[4]),
    });
  }
  const buffers = /Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?/.exec(plan);
  return {
    nodes,
    executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN),
    sharedHit: Number(buffers?.[1] ?? 0),
    sharedRead: Number(buffers?.[2] ?? 0),
  };
}

/**
 * Nodes that carry gallery rows: scans of the work tables and everything above them (limits,
 * merges, sorts, the page). Lookups of authors and likes per page row are not among them.
 */
const galleryNodes = (s: PlanSummary) =>
  s.nodes.filter((n) => !n.relation || n.relation === "page" || WORK_TABLES.includes(n.relation));

/** What keeps a page plan from being an index range of at most `2 × fetch` rows. */
export function planProblems(plan: string, expectedIndexes: string[], fetch: number): string[] {
  const summary = summarisePlan(plan);
  const gallery = galleryNodes(summary);
  const problems: string[] = [];
  for (const node of gallery) {
    if (/Seq Scan|Bitmap/.test(node.type)) problems.push(`${node.type} on ${node.relation}`);
  }
  for (const index of expectedIndexes) {
    if (!summary.nodes.some((n) => n.index === index)) problems.push(`${index} not used`);
  }
  const maxRows = Math.max(0, ...gallery.map((n) => n.rows));
  if (maxRows > 2 * fetch) {
    problems.push(`a node produced ${maxRows} rows (a page needs ≤ ${2 * fetch})`);
  }
  for (const [, removed] of plan.matchAll(/Rows Removed by Filter: (\d+)/g)) {
    // A cursor applied as a Filter instead of an Index Cond reads every row before it.
    if (Number(removed) > fetch) problems.push(`${removed} rows removed by a filter`);
  }
  if (/Sort Method: external/.test(plan)) problems.push("sort spilled to disk");
  return problems;
}

/** One table row: the plan's nodes over gallery rows, its indexes, rows, buffers and time. */
export function summaryRow(label: string, plan: string): string {
  const s = summarisePlan(plan);
  const gallery = galleryNodes(s);
  const types = [
    ...new Set(
      gallery
        .filter((n) => /Scan|Sort|Append|Limit|Gather/.test(n.type) && n.relation !== "page")
        .map((n) => n.type),
    ),
  ];
  const indexes = [
    ...new Set(gallery.flatMap((n) => (n.index?.includes("_public_") ? [n.index] : []))),
  ];
  const maxRows = Math.max(0, ...gallery.map((n) => n.rows));
  const buffers = `hit ${s.sharedHit}${s.sharedRead ? `, read ${s.sharedRead}` : ""}`;
  return `| ${label} | ${types.join(", ")} | ${indexes.join(", ") || "—"} | ${maxRows} | ${buffers} | ${s.executionMs.toFixed(2)} ms |`;
}
