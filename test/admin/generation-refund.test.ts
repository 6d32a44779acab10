import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adminAuditLog } from "../../src/db/schema";
import { failGeneration } from "../../src/generations/lifecycle";
import { signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser } from "../support/fixtures";
import { expectError, postJson } from "../support/http";
import {
  deliverCheck,
  generationRow,
  imageRequest,
  pipelineAssertions,
  startGeneration,
  testPipelineDeps,
} from "../support/pipeline";

// Several connections, so the race below really interleaves on a PostgreSQL server.
const db = useTestDatabase({ max: 10 });
const { creator, balanceOf, refundsOf } = pipelineAssertions(db);

const refund = (cookie: string, uuid: string, body: unknown = { reason: "support ticket 42" }) =>
  postJson(`/api/admin/generations/${uuid}/refund`, body, { cookie });

interface RefundBody {
  status: string;
  refund: { returned: number; forfeited: number } | null;
  generation: {
    status: string;
    errorCode: string | null;
    refundedCredits: number;
    creditsCost: number;
  };
}

async function refunded(cookie: string, uuid: string) {
  const res = await refund(cookie, uuid);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<RefundBody>();
}

const auditOf = (uuid: string) =>
  db()
    .select()
    .from(adminAuditLog)
    .where(and(eq(adminAuditLog.targetId, uuid), eq(adminAuditLog.action, "generations.refund")));

describe("POST /api/admin/generations/:uuid/refund", () => {
  it("a running generation: failed as ADMIN_REFUNDED, all credits back, once", async () => {
    const admin = await signUpAdmin();
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(deps, userId, imageRequest(), { finish: false });
    const spent = 200 - (await balanceOf(userId));
    expect(spent).toBe(generation.creditsCost);

    const body = await refunded(admin.cookie, generation.uuid);
    expect(body.status).toBe("refunded");
    expect(body.refund).toEqual({ returned: spent, forfeited: 0 });
    expect(body.generation).toMatchObject({
      status: "failed",
      errorCode: "ADMIN_REFUNDED",
      refundedCredits: spent,
    });
    expect(await balanceOf(userId)).toBe(200);
    const [entry, ...more] = await auditOf(generation.uuid);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ actorId: admin.id, reason: "support ticket 42" });
    expect(entry?.details).toMatchObject({
      before: { status: "processing" },
      after: { status: "failed" },
      returned: spent,
    });

    const again = await refunded(admin.cookie, generation.uuid);
    expect(again.status).toBe("already_refunded");
    expect(again.refund).toEqual({ returned: spent, forfeited: 0 });
    expect(await refundsOf(generation.uuid)).toHaveLength(1);
    expect(await auditOf(generation.uuid)).toHaveLength(1);
    expect(await balanceOf(userId)).toBe(200);
  });

  it("a succeeded generation: the whole spend back, it stays succeeded; two at once refund once", async () => {
    const admin = await signUpAdmin();
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(deps, userId, imageRequest());
    expect(await deliverCheck(deps, generation.uuid)).toBe("succeeded");
    const spent = 200 - (await balanceOf(userId));
    expect(spent).toBeGreaterThan(0);

    const answers = await Promise.all([
      refund(admin.cookie, generation.uuid),
      refund(admin.cookie, generation.uuid),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const bodies = await Promise.all(answers.map((r) => r.json<RefundBody>()));
    expect(bodies.map((b) => b.status).sort()).toEqual(["already_refunded", "refunded"]);
    for (const body of bodies) {
      expect(body.refund).toEqual({ returned: spent, forfeited: 0 });
      expect(body.generation).toMatchObject({ status: "succeeded", refundedCredits: spent });
    }
    expect(await refundsOf(generation.uuid)).toHaveLength(1);
    expect(await balanceOf(userId)).toBe(200);
    expect(await auditOf(generation.uuid)).toHaveLength(1);
    const row = await generationRow(db(), generation.uuid);
    expect(row.status).toBe("succeeded");
    expect(typeof row.metadata.adminRefundAt).toBe("string");

    expect((await refunded(admin.cookie, generation.uuid)).status).toBe("already_refunded");
    expect(await balanceOf(userId)).toBe(200);
  });

  it("a failed generation was refunded already; one that cost nothing is 409; bad input 400", async () => {
    const admin = await signUpAdmin();
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(deps, userId, imageRequest(), { finish: false });
    await failGeneration(db(), {
      uuid: generation.uuid,
      errorCode: "PROVIDER_FAILED",
      errorMessage: "no",
      now: new Date(),
    });
    const body = await refunded(admin.cookie, generation.uuid);
    expect(body.status).toBe("already_refunded");
    expect(body.generation).toMatchObject({ status: "failed", errorCode: "PROVIDER_FAILED" });
    expect(await auditOf(generation.uuid)).toHaveLength(0);
    expect(await balanceOf(userId)).toBe(200);

    const user = await createUser(db());
    const free = await createGeneration(db(), user.id, { status: "succeeded", creditsCost: 0 });
    await expectError(await refund(admin.cookie, free.uuid), 409, "NOTHING_TO_REFUND");
    // Charged on paper but no ledger spend behind it: nothing to give back either.
    const unpaid = await createGeneration(db(), user.id, { status: "succeeded", creditsCost: 4 });
    await expectError(await refund(admin.cookie, unpaid.uuid), 409, "NOTHING_TO_REFUND");
    expect(await auditOf(unpaid.uuid)).toHaveLength(0);

    await expectError(await refund(admin.cookie, crypto.randomUUID()), 404, "NOT_FOUND");
    for (const bad of [{}, { reason: "no" }, { reason: "x".repeat(501) }]) {
      await expectError(await refund(admin.cookie, unpaid.uuid, bad), 400, "VALIDATION_FAILED");
    }
    expect(await auditOf(unpaid.uuid)).toHaveLength(0);
  });

  it("403 for a user, 401 signed out", async () => {
    const user = await signUp();
    const uuid = crypto.randomUUID();
    await expectError(await refund(user.cookie, uuid), 403, "FORBIDDEN");
    await expectError(await refund("", uuid), 401, "UNAUTHENTICATED");
  });
});
