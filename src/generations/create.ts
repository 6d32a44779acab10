import { and, eq, lt, sql } from "drizzle-orm";
import { spendCredits } from "../credits/service";
import { generations } from "../db/schema";
import { ApiError } from "../lib/errors";
import { toBase64Url } from "../lib/hmac";
import { callbackUrlFor } from "./callback-url";
import { failGeneration, type GenerationRow, markSubmitted } from "./lifecycle";
import type { PipelineDeps } from "./pipeline-deps";
import { type ResolvedGeneration, resolveGeneration } from "./pricing";
import { buildFinalPrompt } from "./prompt";
import { resolveReferenceImages } from "./references";
import type { GenerationRequest } from "./request-schema";

/** How long an Idempotency-Key answers with the generation it first created. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3600 * 1000;

export interface CreateGenerationInput {
  userId: string;
  request: GenerationRequest;
  idempotencyKey: string | null;
}

/**
 * SPEC §5.1–5.2. One transaction inserts the generation and spends its credits (402 and nothing
 * written when short); the provider is called after it commits — no transaction waits on the
 * network. A rejected or failed submission ends the generation and refunds it at once.
 */
export async function createGeneration(
  deps: PipelineDeps,
  input: CreateGenerationInput,
): Promise<{ generation: GenerationRow; replayed: boolean }> {
  const resolved = resolveGeneration(input.request, deps.configs);
  const fingerprint = await fingerprintOf(input.request);
  if (input.idempotencyKey) {
    const previous = await findByKey(deps, input.userId, input.idempotencyKey, fingerprint);
    if (previous) return { generation: previous, replayed: true };
  }
  const providerReferences = await resolveReferenceImages(
    deps,
    input.userId,
    input.request.referenceImages ?? [],
  );
  const inserted = await insertAndSpend(deps, input, resolved, fingerprint);
  if (!inserted) {
    // Another request with the same key won the race and committed first.
    const previous = await findByKey(deps, input.userId, input.idempotencyKey ?? "", fingerprint);
    if (!previous) throw new Error("idempotency key conflict without a row");
    return { generation: previous, replayed: true };
  }
  await submitToProvider(deps, inserted, resolved, providerReferences);
  return { generation: await reload(deps, inserted.uuid), replayed: false };
}

async function insertAndSpend(
  deps: PipelineDeps,
  input: CreateGenerationInput,
  resolved: ResolvedGeneration,
  fingerprint: string,
): Promise<GenerationRow | undefined> {
  const { request } = input;
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    if (input.idempotencyKey) {
      // An expired key is free again: detach it from the old generation.
      await tx
        .update(generations)
        .set({ idempotencyKey: null })
        .where(
          and(
            eq(generations.userId, input.userId),
            eq(generations.idempotencyKey, input.idempotencyKey),
            lt(generations.createdAt, new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS)),
          ),
        );
    }
    const [row] = await tx
      .insert(generations)
      .values({
        userId: input.userId,
        type: request.type,
        prompt: request.prompt,
        finalPrompt: buildFinalPrompt(request, deps.configs),
        modelId: resolved.model.id,
        style: request.style ?? null,
        scene: request.scene ?? null,
        outfit: request.outfit ?? null,
        action: request.action ?? null,
        cameraMotion: request.cameraMotion ?? null,
        referenceImages: request.referenceImages ?? [],
        aspectRatio: resolved.aspectRatio,
        count: resolved.count,
        creditsCost: resolved.credits,
        provider: resolved.model.provider,
        visibilityLevel: request.visibility ?? "private",
        metadata: resolved.model.type === "video" ? { video: requestedVideo(resolved) } : {},
        idempotencyKey: input.idempotencyKey,
        requestFingerprint: fingerprint,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [generations.userId, generations.idempotencyKey] })
      .returning();
    if (!row) return undefined;
    await spendCredits(tx, {
      userId: input.userId,
      amount: resolved.credits,
      sourceId: row.uuid,
      generationUuid: row.uuid,
      now,
    });
    return row;
  });
}

async function submitToProvider(
  deps: PipelineDeps,
  row: GenerationRow,
  resolved: ResolvedGeneration,
  referenceImageUrls: string[],
): Promise<void> {
  const { model } = resolved;
  const submitted = await deps.provider.submit({
    model,
    prompt: row.finalPrompt ?? row.prompt,
    count: resolved.count,
    aspectRatio: resolved.aspectRatio,
    referenceImageUrls,
    callbackUrl: await callbackUrlFor(deps.publicUrl, deps.callbackSecret, row.uuid),
    video:
      model.video && resolved.duration !== null && resolved.quality !== null
        ? {
            durationSeconds: resolved.duration,
            quality: resolved.quality,
            imageMode: resolved.imageMode,
            removeWatermark: model.video.removeWatermark ?? false,
          }
        : undefined,
  });
  if (submitted.ok) {
    const { taskId, providerModel, providerParams, video } = submitted.value;
    const metadata: Record<string, unknown> = {};
    if (providerParams) metadata.provider = { model: providerModel, params: providerParams };
    // What the provider was asked, in our words: the source of the video row's columns.
    if (video) metadata.video = { ...requestedVideo(resolved), ...video };
    await markSubmitted(deps.db, row.uuid, taskId, deps.now(), metadata);
    return;
  }
  const { error } = submitted;
  deps.logger.warn("generation: provider refused the task; refunded", {
    generationUuid: row.uuid,
    kind: error.kind,
    httpStatus: error.httpStatus,
    providerCode: error.providerCode,
  });
  await failGeneration(deps.db, {
    uuid: row.uuid,
    errorCode: error.kind === "invalid_request" ? "PROVIDER_REJECTED" : "PROVIDER_UNAVAILABLE",
    errorMessage: error.message,
    now: deps.now(),
  });
}

/** The creator's video choices, kept under `metadata.video` (SPEC §2) for reuse and display. */
function requestedVideo(resolved: ResolvedGeneration): Record<string, unknown> {
  return {
    durationSeconds: resolved.duration,
    quality: resolved.quality,
    ratio: resolved.aspectRatio,
    resolution: (resolved.quality && resolved.model.video?.resolutions[resolved.quality]) || null,
    imageMode: resolved.imageMode,
  };
}

async function findByKey(
  deps: PipelineDeps,
  userId: string,
  key: string,
  fingerprint: string,
): Promise<GenerationRow | undefined> {
  const since = new Date(deps.now().getTime() - IDEMPOTENCY_WINDOW_MS);
  const [row] = await deps.db
    .select()
    .from(generations)
    .where(
      and(
        eq(generations.userId, userId),
        eq(generations.idempotencyKey, key),
        sql`${generations.createdAt} >= ${since}`,
      ),
    )
    .limit(1);
  if (row && row.requestFingerprint !== fingerprint) {
    throw new ApiError("IDEMPOTENCY_KEY_REUSED", {
      details: { idempotencyKey: key, generationUuid: row.uuid },
    });
  }
  return row;
}

async function reload(deps: PipelineDeps, uuid: string): Promise<GenerationRow> {
  const [row] = await deps.db.select().from(generations).where(eq(generations.uuid, uuid));
  if (!row) throw new Error(`generation ${uuid} vanished`);
  return row;
}

/** Same body (keys in any order) → same fingerprint. */
async function fingerprintOf(request: GenerationRequest): Promise<string> {
  const canonical = JSON.stringify(request, Object.keys(request).sort());
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return toBase64Url(digest);
}
