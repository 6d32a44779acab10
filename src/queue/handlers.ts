import type { Services } from "../context";
import type { QueueHandlers } from "./messages";

/**
 * The message kinds this Worker understands. The generation pipeline (issue 5) registers
 * its ingest and dead-letter handlers here.
 */
export function queueHandlers(_services: Services): QueueHandlers {
  return { live: {}, deadLetter: {} };
}
