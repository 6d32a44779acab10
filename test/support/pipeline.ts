import { env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { getConfigs } from "../../src/configs";
import { creditSummary } from "../../src/credits/queries";
import type { Database } from "../../src/db/client";
import { credits, generations } from "../../src/db/schema";
import { checkGeneration } from "../../src/generations/check-task";
import { createGeneration } from "../../src/generations/create";
import { checkGenerationMessage } from "../../src/generations/messages";
import type { PipelineDeps } from "../../src/generations/pipeline-deps";
import type { GenerationRequest } from "../../src/generations/request-schema";
import { createLogger } from "../../src/lib/logger";
import { createKieProvider } from "../../src/providers/kie";
import type { QueueMessage } from "../../src/queue/messages";
import { createUser, insertGrant } from "./fixtures";
import { completeTask, waitForTaskState } from "./kie";

export const silentLogger = createLogger({ sink: () => {} });

/** A queue that only records what was sent: lets a test deliver each message itself. */
export function recordingQueue(): Queue<QueueMessage> & { sent: QueueMessage[] } {
  const sent: QueueMessage[] = [];
  return {
    sent,
    async send(body: QueueMessage) {
      sent.push(body);
    },
    async sendBatch(messages: Iterable<MessageSendRequest<QueueMessage>>) {
      for (const message of messages) sent.push(message.body);
    },
  } as unknown as Queue<QueueMessage> & { sent: QueueMessage[] };
}

/**
 * The pipeline as the Worker builds it — real Postgres, real local R2, the production KieAI
 * client talking to the stand-in — with a recording queue unless a test passes another.
 */
export function testPipelineDeps(db: Database, overrides: Partial<PipelineDeps> = {}) {
  const configs = getConfigs();
  const queue = recordingQueue();
  const deps: PipelineDeps = {
    db,
    provider: createKieProvider({ baseUrl: env.KIE_API_BASE_URL, apiKey: env.KIE_API_KEY }),
    bucket: env.MEDIA,
    queue,
    configs,
    logger: silentLogger,
    now: () => new Date(),
    publicUrl: env.PUBLIC_URL,
    callbackSecret: env.KIE_CALLBACK_SECRET,
    fetchPolicy: {
      allowedHosts: configs.media.resultHosts,
      extraOrigins: [new URL(env.KIE_API_BASE_URL).origin],
      maxRedirects: configs.media.maxRedirects,
      timeoutMs: configs.media.fetchTimeoutMs,
    },
    imageMaxBytes: configs.media.image.maxBytes,
    videoMaxBytes: configs.media.video.maxBytes,
    videoFetchTimeoutMs: configs.media.video.fetchTimeoutMs,
    ...overrides,
  };
  return { deps, queue };
}

export const imageRequest = (overrides: Partial<GenerationRequest> = {}): GenerationRequest => ({
  type: "image",
  model: "gpt-4o-image",
  prompt: "a fox spirit under a red moon",
  count: 2,
  ...overrides,
});

export const videoRequest = (overrides: Partial<GenerationRequest> = {}): GenerationRequest => ({
  type: "video",
  model: "sora-2",
  prompt: "a fox spirit dancing under a red moon",
  ...overrides,
});

export async function generationRow(db: Database, uuid: string) {
  const [row] = await db.select().from(generations).where(eq(generations.uuid, uuid));
  if (!row) throw new Error(`no generation ${uuid}`);
  return row;
}

/**
 * Creates a generation through the service, lets the stand-in finish its task and returns the
 * row with its task id. `finish: false` leaves the task running.
 */
export async function startGeneration(
  deps: PipelineDeps,
  userId: string,
  request: GenerationRequest = imageRequest(),
  options: { finish?: boolean } = {},
) {
  const { generation } = await createGeneration(deps, { userId, request, idempotencyKey: null });
  expect(generation.status, generation.errorMessage ?? "").toBe("processing");
  const taskId = generation.remoteTaskId as string;
  if (options.finish !== false && !request.prompt.includes("[fail]")) {
    await completeTask(taskId);
    await waitForTaskState(taskId, "succeeded");
  }
  return { generation, taskId };
}

/** Delivers one check message the way the queue consumer would. */
export function deliverCheck(
  deps: PipelineDeps,
  uuid: string,
  source: "callback" | "sweeper" = "callback",
) {
  return checkGeneration(deps, checkGenerationMessage(uuid, source));
}

/** The checks pipeline tests share: a creator with credits, balance, refunds, R2 objects. */
export function pipelineAssertions(db: () => Database) {
  return {
    async creator(amount = 200) {
      const user = await createUser(db());
      await insertGrant(db(), user.id, amount);
      return user.id;
    },
    balanceOf: async (userId: string) => (await creditSummary(db(), userId, new Date())).balance,
    refundsOf: (uuid: string) =>
      db()
        .select()
        .from(credits)
        .where(and(eq(credits.transType, "refund"), eq(credits.sourceId, `generation:${uuid}`))),
    async objectsUnder(userId: string, uuid: string) {
      const listed = await env.MEDIA.list({ prefix: `media/${userId}/${uuid}/` });
      return listed.objects.map((o) => o.key).sort();
    },
  };
}
