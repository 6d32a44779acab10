import { z } from "zod";

/**
 * Envelope of every message on the generation-events queue. `kind` selects the handler; the
 * rest of the body belongs to that handler, which validates it itself.
 */
export const QueueMessageSchema = z.looseObject({
  kind: z.string().min(1).max(64),
});
export type QueueMessage = z.infer<typeof QueueMessageSchema>;

export interface QueueHandlerContext {
  attempts: number;
  messageId: string;
}

export type QueueHandler = (body: QueueMessage, context: QueueHandlerContext) => Promise<void>;

/** Handlers per message kind: `live` for the main queue, `deadLetter` after the last retry. */
export interface QueueHandlers {
  live: Record<string, QueueHandler>;
  deadLetter: Record<string, QueueHandler>;
}
