import { sql } from "drizzle-orm";
import type { Database } from "../db/client";

export interface DatabaseHealth {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

const TIMEOUT_MS = 3000;

/** Round-trips `select 1`; a dead or slow database reports not ok instead of hanging the probe. */
export async function checkDatabase(db: Database): Promise<DatabaseHealth> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)),
          TIMEOUT_MS,
        );
      }),
    ]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Date.now() - started,
      error: error instanceof Error ? error.message : "unreachable",
    };
  } finally {
    clearTimeout(timer);
  }
}
