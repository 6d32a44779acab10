import type { Logger } from "../lib/logger";
import { type QueueHandler, QueueMessageSchema } from "./messages";

export const DEAD_LETTER_QUEUE = "generation-events-dlq";

/** Exponential backoff for redelivery: 10 s, 20 s, 40 s ... capped at 10 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Messages of one batch handled at once. They are independent and idempotent (a generation
 * check is safe to run concurrently with itself), and mostly wait on the provider, downloads
 * and R2, so overlapping them multiplies throughput (npm run bench: queue ingest). Bounded,
 * because a video ingest holds one multipart part (8 MiB) in memory while it uploads.
 */
export const BATCH_CONCURRENCY = 4;

/**
 * Runs each message through the handler for its kind, up to BATCH_CONCURRENCY at a time.
 * Success acks; a throw retries with backoff (Cloudflare moves it to the dead-letter queue
 * after max_retries). A body that is not an envelope can never succeed, so it is logged whole
 * and acked.
 */
export async function consumeBatch(
  batch: MessageBatch<unknown>,
  handlers: Record<string, QueueHandler>,
  logger: Logger,
  options: { deadLetter: boolean },
): Promise<void> {
  const waiting = [...batch.messages];
  const lane = async () => {
    for (let message = waiting.shift(); message; message = waiting.shift()) {
      await consumeMessage(batch.queue, message, handlers, logger, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, waiting.length) }, lane));
}

async function consumeMessage(
  queue: string,
  message: Message<unknown>,
  handlers: Record<string, QueueHandler>,
  logger: Logger,
  options: { deadLetter: boolean },
): Promise<void> {
  const log = logger.child({ queue, messageId: message.id, attempts: message.attempts });
  const parsed = QueueMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    log.error("queue: malformed message dropped", { body: message.body });
    message.ack();
    return;
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
    return;
  }
  try {
    await handler(parsed.data, { attempts: message.attempts, messageId: message.id });
    message.ack();
  } catch (error) {
    log.warn("queue: handler failed; will retry", { kind: parsed.data.kind, err: error });
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
  }
}
