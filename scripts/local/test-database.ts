import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { runMigrations } from "./migrate";
import { startNeonWsProxy } from "./neon-ws-proxy";
import { freePort } from "./ports";

export interface TestDatabase {
  kind: "embedded" | "server";
  url: string;
  wsProxy: string;
  description: string;
  stop(): Promise<void>;
}

/** A migrated, empty database for one test run plus the Neon WebSocket proxy in front of it. */
export async function startTestDatabase(serverUrl: string | undefined): Promise<TestDatabase> {
  const stops: (() => Promise<void>)[] = [];
  let url: string;
  let kind: TestDatabase["kind"];
  let description: string;
  if (serverUrl) {
    kind = "server";
    const name = `aniforge_test_${process.pid}_${randomBytes(3).toString("hex")}`;
    await adminQuery(serverUrl, `create database ${name}`);
    stops.push(() => adminQuery(serverUrl, `drop database if exists ${name} with (force)`));
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    description = `fresh database ${name} on ${parsed.host} (DATABASE_URL)`;
  } else {
    kind = "embedded";
    const embedded = await startEmbeddedPostgres({ port: await freePort() });
    stops.push(() => embedded.stop());
    url = embedded.url;
    description = `embedded PGlite on ${embedded.host}:${embedded.port}`;
  }
  await runMigrations(url);
  const target = new URL(url);
  const proxy = await startNeonWsProxy({
    port: await freePort(),
    allowedTargets: [`${target.hostname}:${target.port || "5432"}`],
  });
  stops.unshift(() => proxy.stop());
  return {
    kind,
    url,
    wsProxy: proxy.address,
    description,
    async stop() {
      for (const stop of stops) await stop();
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
