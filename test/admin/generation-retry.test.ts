import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adminAuditLog } from "../../src/db/schema";
import { failGeneration } from "../../src/generations/lifecycle";
import { signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser } from "../support/fixtures";
import { call, expectError, postJson } from "../support/http";
import {
  deliverCheck,
  imageRequest,
  pipelineAssertions,
  startGeneration,
  testPipelineDeps,
} from "../support/pipeline";

const db = useTestDatabase();
const { creator, balanceOf, refundsOf, objectsUnder } = pipelineAssertions(db);

const retry = (cookie: string, uuid: string, body: unknown = { reason: "copy failed" }) =>
  postJson(`/api/admin/generations/${uuid}/retry-ingest`, body, { cookie });

interface RetryBody {
  outcome: string;
  generation: { status: string; errorCode: string; successCount: number; retryable: boolean };
}

const auditOf = (uuid: string) =>
  db()
    .select()
    .from(adminAuditLog)
    .where(
      and(eq(adminAuditLog.targetId, uuid), eq(adminAuditLog.action, "generations.retry_ingest")),
    );

describe("POST /api/admin/generations/:uuid/retry-ingest", () => {
  it("brings in the results of a task the provider finished after our copy failed; a repeat changes nothing", async () => {
    const admin = await signUpAdmin();
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    // The stand-in finished the task, but our copy to R2 failed: the generation failed and was
    // refunded as INGEST_FAILED.
    const { generation } = await startGeneration(deps, userId, imageRequest());
    await failGeneration(db(), {
      uuid: generation.uuid,
      errorCode: "INGEST_FAILED",
      errorMessage: "R2 put failed",
      now: new Date(),
    });
    expect(await balanceOf(userId)).toBe(200);
    expect(await objectsUnder(userId, generation.uuid)).toEqual([]);

    const res = await retry(admin.cookie, generation.uuid);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await res.json<RetryBody>();
    expect(body.outcome).toBe("late_success");
    expect(body.generation).toMatchObject({
      status: "failed",
      errorCode: "INGEST_FAILED",
      successCount: 2,
      retryable: true,
    });
    expect(await objectsUnder(userId, generation.uuid)).toHaveLength(2);
    // The refund stands: the creator keeps the images and the credits.
    expect(await balanceOf(userId)).toBe(200);
    expect(await refundsOf(generation.uuid)).toHaveLength(1);
    const [entry, ...more] = await auditOf(generation.uuid);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      actorId: admin.id,
      reason: "copy failed",
      targetType: "generation",
    });
    expect(entry?.details).toMatchObject({
      outcome: "late_success",
      before: { status: "failed", successCount: 0 },
      after: { status: "failed", successCount: 2 },
    });

    const again = await retry(admin.cookie, generation.uuid, {});
    expect(again.status).toBe(200);
    expect((await again.json<RetryBody>()).outcome).toBe("unchanged");
    expect(await objectsUnder(userId, generation.uuid)).toHaveLength(2);
    expect(await auditOf(generation.uuid)).toHaveLength(1);
    expect(await balanceOf(userId)).toBe(200);
  });

  it("a task still running: 202 still_running, a check is queued", async () => {
    const admin = await signUpAdmin();
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(deps, userId, imageRequest(), { finish: false });
    await failGeneration(db(), {
      uuid: generation.uuid,
      errorCode: "DEADLINE_EXCEEDED",
      errorMessage: "gave up",
      now: new Date(),
    });
    const res = await retry(admin.cookie, generation.uuid);
    expect(res.status, await res.clone().text()).toBe(202);
    expect((await res.json<RetryBody>()).outcome).toBe("still_running");
    expect(await auditOf(generation.uuid)).toHaveLength(1);
  });

  it("409 for what the provider failed, what succeeded and what has no task; 404 unknown", async () => {
    const admin = await signUpAdmin();
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation: done } = await startGeneration(deps, userId, imageRequest());
    expect(await deliverCheck(deps, done.uuid)).toBe("succeeded");
    const user = await createUser(db());
    const providerFailed = await createGeneration(db(), user.id, {
      status: "failed",
      errorCode: "PROVIDER_FAILED",
      remoteTaskId: `task-${crypto.randomUUID()}`,
    });
    const noTask = await createGeneration(db(), user.id, {
      status: "failed",
      errorCode: "SUBMISSION_LOST",
    });
    for (const uuid of [done.uuid, providerFailed.uuid, noTask.uuid]) {
      await expectError(await retry(admin.cookie, uuid), 409, "GENERATION_NOT_RETRYABLE");
      expect(await auditOf(uuid)).toHaveLength(0);
    }
    await expectError(await retry(admin.cookie, crypto.randomUUID()), 404, "NOT_FOUND");
    await expectError(await retry(admin.cookie, "not-a-uuid"), 400, "VALIDATION_FAILED");
    await expectError(
      await retry(admin.cookie, noTask.uuid, { reason: "x" }),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("403 for a user, 401 signed out", async () => {
    const user = await signUp();
    const uuid = crypto.randomUUID();
    await expectError(await retry(user.cookie, uuid), 403, "FORBIDDEN");
    await expectError(
      await call(`/api/admin/generations/${uuid}/retry-ingest`, { method: "POST" }),
      401,
      "UNAUTHENTICATED",
    );
  });
});
