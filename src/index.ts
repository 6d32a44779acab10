import { createApp } from "./app";
import { createServices } from "./app/services";
import { isDevCronTrigger, runDevCronTrigger } from "./cron/dev-trigger";
import type { Env } from "./env";
import { createLogger, logLevelFrom } from "./lib/logger";

const app = createApp();

function backgroundLogger(env: Env, fields: Record<string, unknown>) {
  return createLogger({
    level: logLevelFrom(env.LOG_LEVEL),
    base: { requestId: crypto.randomUUID(), ...fields },
  });
}

async function scheduled(
  controller: ScheduledController,
  env: Env,
  ctx: ExecutionContext,
): Promise<void> {
  const logger = backgroundLogger(env, { cron: controller.cron });
  const { services, close } = createServices(env, logger);
  try {
    const { runScheduled } = await import("./cron/scheduled");
    await runScheduled(controller.cron, services);
  } finally {
    ctx.waitUntil(close());
  }
}

/** The Worker: HTTP through Hono, queue batches and cron runs through their services. */
export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    if (isDevCronTrigger(request, env)) {
      return runDevCronTrigger(request, (controller) => scheduled(controller, env, ctx));
    }
    return app.fetch(request, env, ctx);
  },

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

  scheduled,
} satisfies ExportedHandler<Env>;
