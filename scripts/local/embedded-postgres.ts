import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { keepExtendedProtocolCyclesTogether } from "./pglite-protocol-affinity";

export interface RunningPostgres {
  url: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * PGlite (Postgres in WASM) served over TCP so every client — drizzle-kit, pg, and the
 * production Neon driver through the WebSocket proxy — talks real Postgres wire protocol.
 * `dataDir` undefined keeps the database in memory (tests).
 */
export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  port: number;
  maxConnections?: number;
}): Promise<RunningPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const host = "127.0.0.1";
  const server = new PGLiteSocketServer({
    db,
    host,
    port: options.port,
    maxConnections: options.maxConnections ?? 64,
  });
  keepExtendedProtocolCyclesTogether(server);
  await server.start();
  return {
    url: `postgres://postgres:postgres@${host}:${options.port}/postgres`,
    host,
    port: options.port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
