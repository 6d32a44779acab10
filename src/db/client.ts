import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle, type NeonDatabase } from "drizzle-orm/neon-serverless";
import * as schema from "./schema";

export type Database = NeonDatabase<typeof schema>;

export interface DbHandle {
  db: Database;
  /** Ends the pool; call through ctx.waitUntil so the response is not delayed. */
  close(): Promise<void>;
}

/**
 * One Pool per request (Workers may not share I/O objects across requests). The Pool speaks
 * Postgres over WebSocket, so interactive transactions work. Locally `wsProxy` points at the
 * proxy in front of PGlite or a plain Postgres (scripts/local/neon-ws-proxy.ts).
 */
export function openDatabase(options: { url: string; wsProxy?: string; max?: number }): DbHandle {
  if (options.wsProxy) {
    const proxy = options.wsProxy;
    neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: options.url, max: options.max ?? 5 });
  // An idle client losing its socket must not crash the isolate; the next query reconnects.
  pool.on("error", () => {});
  return { db: drizzle({ client: pool, schema }), close: () => pool.end() };
}
