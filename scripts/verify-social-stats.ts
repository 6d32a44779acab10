// `npm run verify:social-stats [-- --dry-run]`: compares the like and favorite counters of
// images and videos with their user_interactions rows and repairs drift (issue 8). Against
// DATABASE_URL when set, else the embedded database of `npm run dev` (.data/pglite).
import { existsSync } from "node:fs";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { type SocialStatsReport, verifySocialStats } from "../src/community/social-stats";
import type { Database } from "../src/db/client";
import * as schema from "../src/db/schema";
import { startEmbeddedPostgres } from "./local/embedded-postgres";
import { isPortFree } from "./local/ports";

// The same defaults and variables as scripts/dev.ts, so both find the same database.
const DATA_DIR = process.env.DEV_DATA_DIR ?? ".data";
const DB_PORT = Number(process.env.DEV_DB_PORT ?? 54329);
// Longer lists are summarised: the report is read by a person.
const LISTED = 50;

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--dry-run");
if (unknown.length > 0) {
  console.error(
    `unknown argument ${unknown.join(" ")}\nusage: npm run verify:social-stats [-- --dry-run]`,
  );
  process.exit(2);
}
const repair = !args.includes("--dry-run");

interface Target {
  url: string;
  label: string;
  stop(): Promise<void>;
}

async function openTarget(): Promise<Target> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, label: `${new URL(url).host} (DATABASE_URL)`, stop: async () => {} };
  // PGlite's files belong to one process: while `npm run dev` holds them, go through its server.
  if (!(await isPortFree(DB_PORT))) {
    return {
      url: `postgres://postgres:postgres@127.0.0.1:${DB_PORT}/postgres`,
      label: `the embedded PGlite of npm run dev at 127.0.0.1:${DB_PORT}`,
      stop: async () => {},
    };
  }
  const dataDir = `${DATA_DIR}/pglite`;
  if (!existsSync(dataDir)) {
    throw new Error(`no local database in ${dataDir}: run npm run dev once, or set DATABASE_URL`);
  }
  // On dev's port, so an `npm run dev` started meanwhile stops at "port in use" instead of
  // opening the same files.
  const embedded = await startEmbeddedPostgres({ dataDir, port: DB_PORT });
  return { url: embedded.url, label: `embedded PGlite (data in ${dataDir})`, stop: embedded.stop };
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

function formatReport(report: SocialStatsReport, label: string): string {
  const lines = [
    `social stats of ${label}, ${report.checkedAt.toISOString()}${repair ? "" : " (dry run)"}`,
    `checked ${count(report.worksChecked.image, "image")}, ` +
      `${count(report.worksChecked.video, "video")}, ` +
      `${count(report.interactionsChecked, "interaction")}`,
  ];
  const drifted = report.drift.length;
  lines.push(
    drifted === 0
      ? "counters: all match their interactions"
      : `counters: ${drifted} drifted${report.repaired ? ", repaired" : ""}`,
  );
  for (const d of report.drift.slice(0, LISTED)) {
    lines.push(
      `  ${d.type} ${d.uuid}  ${d.field.padEnd(13)} stored ${d.stored} → actual ${d.actual}`,
    );
  }
  if (drifted > LISTED) lines.push(`  … and ${drifted - LISTED} more`);
  lines.push(
    report.orphanRows === 0
      ? "orphaned interactions: none"
      : `orphaned interactions: ${report.orphanRows} on ${count(report.orphans.length, "missing work")}` +
          `${report.repaired ? ", deleted" : ""}`,
  );
  for (const o of report.orphans.slice(0, LISTED)) {
    lines.push(
      `  ${o.type} ${o.uuid}  ${count(o.likes, "like")}, ${count(o.favorites, "favorite")}`,
    );
  }
  if (report.orphans.length > LISTED) lines.push(`  … and ${report.orphans.length - LISTED} more`);
  lines.push(`character interactions (not checked, no table yet): ${report.characterInteractions}`);
  if (!report.repaired && (drifted > 0 || report.orphanRows > 0)) {
    lines.push("nothing changed; run without --dry-run to repair");
  }
  return lines.join("\n");
}

async function main() {
  const target = await openTarget();
  const pool = new pg.Pool({ connectionString: target.url, max: 1 });
  try {
    const db: Database = drizzle({ client: pool, schema });
    const report = await verifySocialStats(db, { repair });
    console.log(formatReport(report, target.label));
  } finally {
    await pool.end();
    await target.stop();
  }
}

main().catch((error) => {
  // Drizzle's "Failed query" wraps the driver's error; the cause is what a person needs.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  console.error(`verify:social-stats failed: ${cause instanceof Error ? cause.message : cause}`);
  process.exit(1);
});
