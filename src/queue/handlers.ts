import type { Services } from "../context";
import { checkGeneration } from "../generations/check-task";
import { failGeneration } from "../generations/lifecycle";
import { CHECK_GENERATION, CheckGenerationSchema } from "../generations/messages";
import { pipelineDeps } from "../generations/pipeline-deps";
import type { QueueHandlers } from "./messages";

/**
 * The message kinds this Worker understands. A generation check that still fails after the
 * last retry reaches the dead-letter queue, which ends the generation and refunds it: credits
 * are never left hanging on a task we cannot finish.
 */
export function queueHandlers(services: Services): QueueHandlers {
  return {
    live: {
      [CHECK_GENERATION]: async (body) => {
        await checkGeneration(pipelineDeps(services), CheckGenerationSchema.parse(body));
      },
    },
    deadLetter: {
      [CHECK_GENERATION]: async (body, context) => {
        const message = CheckGenerationSchema.parse(body);
        const failed = await failGeneration(services.db, {
          uuid: message.generationUuid,
          errorCode: "INGEST_FAILED",
          errorMessage: "gave up after repeated errors; credits refunded",
          now: services.now(),
        });
        services.logger.error("generation: dead-lettered check", {
          generationUuid: message.generationUuid,
          attempts: context.attempts,
          failed,
        });
      },
    },
  };
}
