import type { Configs } from "./configs/load";
import type { Database } from "./db/client";
import type { AppConfig, Env } from "./env";
import type { Locale } from "./i18n/catalogues";
import type { Translate } from "./i18n/translate";
import type { Logger } from "./lib/logger";

/** Per-request dependencies, built once by the services middleware (src/app/services.ts). */
export interface Services {
  config: AppConfig;
  configs: Configs;
  logger: Logger;
  /** Opens the request's Postgres pool on first use; closed after the response. */
  readonly db: Database;
  now: () => Date;
}

export interface AppVariables {
  requestId: string;
  logger: Logger;
  locale: Locale;
  t: Translate;
  services: Services;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
