import { createApp } from "./app";
import { createServices } from "./app/services";
import { runScheduled } from "./cron/scheduled";
import type { Env } from "./env";
import { createLogger, logLevelFrom } from "./lib/logger";
import { consumeBatch, DEAD_LETTER_QUEUE } from "./queue/consumer";
import { queueHandlers } from "./queue/handlers";

const app = createApp();

function backgroundLogger(env: Env, fields: Record<string, unknown>) {
  return createLogger({
    level: logLevelFrom(env.LOG_LEVEL),
    base: { requestId: crypto.randomUUID(), ...fields },
  });
}

/** The Worker: HTTP through Hono, queue batches and cron runs through their services. */
export default {
  fetch: app.fetch,

  async queue(batch, env, ctx) {
    const logger = backgroundLogger(env, { queue: batch.queue });
    const { services, close } = createServices(env, logger);
    try {
      const handlers = queueHandlers(services);
      const deadLetter = batch.queue === DEAD_LETTER_QUEUE;
      await consumeBatch(batch, deadLetter ? handlers.deadLetter : handlers.live, logger, {
        deadLetter,
      });
    } finally {
      ctx.waitUntil(close());
    }
  },

  async scheduled(controller, env, ctx) {
    const logger = backgroundLogger(env, { cron: controller.cron });
    const { services, close } = createServices(env, logger);
    try {
      await runScheduled(controller.cron, services);
    } finally {
      ctx.waitUntil(close());
    }
  },
} satisfies ExportedHandler<Env>;
