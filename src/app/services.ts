import { getConfigs } from "../configs";
import type { Services } from "../context";
import { type DbHandle, openDatabase } from "../db/client";
import { type Env, loadAppConfig } from "../env";
import type { Logger } from "../lib/logger";

/**
 * Builds the dependencies of one request, queue batch or cron run. The database pool opens on
 * first use; `close()` ends it (pass it to waitUntil).
 */
export function createServices(
  env: Env,
  logger: Logger,
): { services: Services; close(): Promise<void> } {
  const config = loadAppConfig(env);
  const configs = getConfigs();
  let handle: DbHandle | undefined;
  const services: Services = {
    config,
    configs,
    logger,
    now: () => new Date(),
    get db() {
      handle ??= openDatabase({ url: config.DATABASE_URL, wsProxy: config.NEON_WS_PROXY });
      return handle.db;
    },
  };
  return { services, close: async () => handle?.close().catch(() => {}) };
}
