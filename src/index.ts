import { createApp } from "./app";
import { createServices } from "./app/services";
import type { Env } from "./env";
import { createLogger, logLevelFrom } from "./lib/logger";

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
      // The pipeline's modules load with the first batch: isolates that only serve HTTP
      // never evaluate them (docs/benchmarks.md, start-up).
      const [{ consumeBatch, DEAD_LETTER_QUEUE }, { queueHandlers }] = await Promise.all([
        import("./queue/consumer"),
        import("./queue/handlers"),
      ]);
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
      const { runScheduled } = await import("./cron/scheduled");
      await runScheduled(controller.cron, services);
    } finally {
      ctx.waitUntil(close());
    }
  },
} satisfies ExportedHandler<Env>;
