import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// Frontend message types of the extended query protocol. A client sends Parse, Bind,
// Describe, Execute... and then Sync; the statements in between live in the session's unnamed
// slots, so no other connection's messages may run until the Sync.
const CYCLE_MESSAGES = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // P B D E C H

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    isInTransaction(): boolean;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(
      message: Uint8Array,
      options: { onRawData(data: Uint8Array): void },
    ): Promise<unknown>;
  };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/**
 * pglite-socket 0.2.17 serialises connections per *message*, and only keeps one connection's
 * messages together inside a transaction. Outside one, two connections' Parse/Bind messages
 * interleave and the second Parse replaces the first's unnamed statement ("unnamed prepared
 * statement does not exist") — seen with ~30 concurrent requests. This keeps a connection's
 * extended-protocol cycle together until its Sync, as a real server's separate sessions would.
 * Local harness only; production talks to Neon.
 */
export function keepExtendedProtocolCyclesTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let cycleOwner: number | null = null;

  const clearQueueForHandler = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    if (cycleOwner === handlerId) cycleOwner = null;
    clearQueueForHandler(handlerId);
    void queue.processQueue();
  };

  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const pinned =
          this.db.isInTransaction() && this.lastHandlerId ? this.lastHandlerId : cycleOwner;
        const index = pinned === null ? 0 : this.queue.findIndex((m) => m.handlerId === pinned);
        if (index === -1) break; // the pinned connection's next message has not arrived yet
        const [item] = this.queue.splice(index, 1);
        if (!item) break;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          cycleOwner = null;
          item.reject(error);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        cycleOwner = CYCLE_MESSAGES.has(item.message[0] ?? 0) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}
