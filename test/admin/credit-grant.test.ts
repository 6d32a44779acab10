import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adminAuditLog, credits } from "../../src/db/schema";
import { signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { expectError, issuesOf, postJson } from "../support/http";

const db = useTestDatabase();
const PATH = "/api/admin/credits/grant";

const grantsOf = (userId: string) =>
  db()
    .select()
    .from(credits)
    .where(and(eq(credits.userId, userId), eq(credits.transType, "admin_grant")));

describe("POST /api/admin/credits/grant", () => {
  it("grants credits with a user-visible note and writes the audit row", async () => {
    const admin = await signUpAdmin();
    const user = await signUp();
    const res = await postJson(
      PATH,
      {
        userId: user.id,
        amount: 250,
        reason: "Outage compensation, ticket 4411",
        note: "Sorry about Tuesday",
        validDays: 90,
      },
      { cookie: admin.cookie },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json<{ replayed: boolean; entry: { id: string }; balance: number }>();
    expect(body).toMatchObject({
      replayed: false,
      entry: { type: "admin_grant", amount: 250, note: "Sorry about Tuesday" },
      balance: 250 + 50,
    });
    const [audit] = await db()
      .select()
      .from(adminAuditLog)
      .where(eq(adminAuditLog.targetId, user.id));
    expect(audit).toMatchObject({
      actorId: admin.id,
      action: "credits.grant",
      targetType: "user",
      reason: "Outage compensation, ticket 4411",
      details: { amount: 250, entryId: body.entry.id },
    });
    expect(audit?.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("with the same Idempotency-Key grants once; a different grant under it is 409", async () => {
    const admin = await signUpAdmin();
    const user = await signUp();
    const body = { userId: user.id, amount: 40, reason: "double-click test" };
    const headers = { cookie: admin.cookie, "idempotency-key": "grant-7f3a" };
    const first = await postJson(PATH, body, headers);
    const again = await postJson(PATH, body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ replayed: true });
    await expectError(
      await postJson(PATH, { ...body, amount: 41 }, headers),
      409,
      "IDEMPOTENCY_KEY_REUSED",
    );
    expect(await grantsOf(user.id)).toHaveLength(1);
    const audits = await db()
      .select()
      .from(adminAuditLog)
      .where(eq(adminAuditLog.targetId, user.id));
    expect(audits).toHaveLength(1);
  });

  it("rejects bad input with 400 and unknown users with 404, writing nothing", async () => {
    const admin = await signUpAdmin();
    const user = await signUp();
    const cases: [Record<string, unknown>, string][] = [
      [{ userId: user.id, amount: -10, reason: "negative" }, "amount"],
      [{ userId: user.id, amount: 0, reason: "zero" }, "amount"],
      [{ userId: user.id, amount: 1_000_001, reason: "huge" }, "amount"],
      [{ userId: user.id, amount: 2.5, reason: "fraction" }, "amount"],
      [{ userId: user.id, amount: "10", reason: "string" }, "amount"],
      [{ userId: user.id, amount: 10 }, "reason"],
      [{ userId: user.id, amount: 10, reason: "  " }, "reason"],
      [{ userId: "not-a-uuid", amount: 10, reason: "bad id" }, "userId"],
      [{ userId: user.id, amount: 10, reason: "extra", type: "purchase" }, ""],
      [{ userId: user.id, amount: 10, reason: "expiry", validDays: 0 }, "validDays"],
    ];
    for (const [body, field] of cases) {
      const error = await expectError(
        await postJson(PATH, body, { cookie: admin.cookie }),
        400,
        "VALIDATION_FAILED",
      );
      if (field) expect(issuesOf(error).map((i) => i.path)).toContain(field);
    }
    await expectError(
      await postJson(
        PATH,
        { userId: "00000000-0000-4000-8000-000000000000", amount: 10, reason: "nobody" },
        { cookie: admin.cookie },
      ),
      404,
      "NOT_FOUND",
    );
    expect(await grantsOf(user.id)).toHaveLength(0);
  });

  it("is 403 for a signed-in user and 401 when signed out", async () => {
    const user = await signUp();
    const body = { userId: user.id, amount: 1000, reason: "grant myself" };
    await expectError(await postJson(PATH, body, { cookie: user.cookie }), 403, "FORBIDDEN");
    await expectError(await postJson(PATH, body), 401, "UNAUTHENTICATED");
    expect(await grantsOf(user.id)).toHaveLength(0);
  });
});
