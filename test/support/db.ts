import { env } from "cloudflare:test";
import { afterAll } from "vitest";
import { type Database, openDatabase } from "../../src/db/client";

/**
 * The test run's real Postgres through the production Neon driver. One pool per test file,
 * closed when the file ends. Race tests ask for more connections than a request's five.
 */
export function useTestDatabase(options: { max?: number } = {}): () => Database {
  let handle: ReturnType<typeof openDatabase> | undefined;
  afterAll(async () => {
    await handle?.close();
  });
  return () => {
    handle ??= openDatabase({
      url: env.DATABASE_URL,
      wsProxy: env.NEON_WS_PROXY,
      max: options.max,
    });
    return handle.db;
  };
}
