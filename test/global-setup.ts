import type { TestProject } from "vitest/node";
import { startTestDatabase } from "../scripts/local/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    neonWsProxy: string;
    databaseKind: string;
  }
}

/**
 * One database per test run: a fresh in-memory PGlite, or a fresh database created on the
 * server in DATABASE_URL (dropped afterwards). Migrations are applied to it from empty, which
 * is itself checked by test/db/migrations.test.ts.
 */
export default async function setup(project: TestProject) {
  const database = await startTestDatabase(process.env.DATABASE_URL);
  project.provide("databaseUrl", database.url);
  project.provide("neonWsProxy", database.wsProxy);
  project.provide("databaseKind", database.kind);
  console.log(`[test] database: ${database.description}`);
  return () => database.stop();
}
