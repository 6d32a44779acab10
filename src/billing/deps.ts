import type { Configs } from "../configs/load";
import type { Services } from "../context";
import type { Database } from "../db/client";
import type { AppConfig } from "../env";
import type { Logger } from "../lib/logger";
import { createStripeClient, type StripeClient } from "./stripe-client";

/** What billing touches, passed in so tests build it with the real Postgres and stand-in. */
export interface BillingDeps {
  db: Database;
  stripe: StripeClient;
  configs: Configs;
  config: AppConfig;
  logger: Logger;
  now: () => Date;
}

export function billingDeps(services: Services): BillingDeps {
  return {
    db: services.db,
    stripe: createStripeClient(services.config),
    configs: services.configs,
    config: services.config,
    logger: services.logger,
    now: services.now,
  };
}
