import type { Logger } from "../lib/logger";
import { type QueueHandler, QueueMessageSchema } from "./messages";

export const DEAD_LETTER_QUEUE = "generation-events-dlq";

/** Exponential backoff for redelivery: 10 s, 20 s, 40 s ... capped at 10 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Runs each message through the handler for its kind. Success acks; a throw retries with
 * backoff (Cloudflare moves it to the dead-letter queue after max_retries). A body that is not
 * an envelope can never succeed, so it is logged whole and acked.
 */
export async function consumeBatch(
  batch: MessageBatch<unknown>,
  handlers: Record<string, QueueHandler>,
  logger: Logger,
  options: { deadLetter: boolean },
): Promise<void> {
  for (const message of batch.messages) {
    const log = logger.child({
      queue: batch.queue,
      messageId: message.id,
      attempts: message.attempts,
    });
    const parsed = QueueMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      log.error("queue: malformed message dropped", { body: message.body });
      message.ack();
      continue;
    }
    const handler = handlers[parsed.data.kind];
    if (!handler) {
      if (options.deadLetter) {
        log.error("queue: dead letter with no handler", { body: parsed.data });
        message.ack();
      } else {
        log.error("queue: no handler for kind; will retry", { kind: parsed.data.kind });
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      }
      continue;
    }
    try {
      await handler(parsed.data, { attempts: message.attempts, messageId: message.id });
      message.ack();
    } catch (error) {
      log.warn("queue: handler failed; will retry", { kind: parsed.data.kind, err: error });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
