import { describe, expect, it } from "vitest";
import { adminAuditLog } from "../../src/db/schema";
import { adminCsv, adminJson } from "../support/admin";
import { signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call, expectError, postJson } from "../support/http";

const db = useTestDatabase();

interface AuditPage {
  items: {
    id: string;
    actor: { id: string; email: string } | null;
    action: string;
    targetId: string;
    reason: string | null;
    details: Record<string, unknown> | null;
    createdAt: string;
  }[];
  nextCursor: string | null;
}

describe("GET /api/admin/audit", () => {
  it("lists admin actions newest first with the actor, and pages by cursor", async () => {
    const admin = await signUpAdmin();
    const user = await signUp();
    for (const amount of [11, 12, 13]) {
      const res = await postJson(
        "/api/admin/credits/grant",
        { userId: user.id, amount, reason: `audit page ${amount}` },
        { cookie: admin.cookie },
      );
      expect(res.status).toBe(201);
    }
    const path = `/api/admin/audit?actorId=${admin.id}&limit=2`;
    const first = await adminJson<AuditPage>(admin, path);
    expect(first.items.map((i) => i.details?.amount)).toEqual([13, 12]);
    expect(first.items[0]).toMatchObject({
      actor: { id: admin.id, email: admin.email },
      action: "credits.grant",
      targetId: user.id,
      reason: "audit page 13",
    });
    expect(first.nextCursor).not.toBeNull();
    const second = await adminJson<AuditPage>(
      admin,
      `${path}&cursor=${encodeURIComponent(first.nextCursor ?? "")}`,
    );
    expect(second.items.map((i) => i.details?.amount)).toEqual([11]);
    expect(second.nextCursor).toBeNull();
  });

  it("exports the whole filtered log as CSV, escaping what needs it", async () => {
    const admin = await signUpAdmin();
    const tricky = 'ban, "spam" ring\nsecond line';
    // Two statements: rows of one insert share created_at, and the order of ties is the id's.
    const entry = { actorId: admin.id, action: "test.csv", targetType: "user" };
    await db()
      .insert(adminAuditLog)
      .values({ ...entry, targetId: "a", reason: tricky });
    await db()
      .insert(adminAuditLog)
      .values({ ...entry, targetId: "b", reason: "=1+2" });
    const { rows, filename } = await adminCsv(admin, `/api/admin/audit?action=test.csv&limit=1`);
    expect(filename).toMatch(/^aniforge-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(rows.map((r) => [r.target_id, r.reason, r.actor_email])).toEqual([
      ["b", "'=1+2", admin.email],
      ["a", tricky, admin.email],
    ]);
  });

  it("is for admins only and rejects a bad filter", async () => {
    const user = await signUp();
    await expectError(
      await call("/api/admin/audit", { headers: { cookie: user.cookie } }),
      403,
      "FORBIDDEN",
    );
    await expectError(await call("/api/admin/audit"), 401, "UNAUTHENTICATED");
    const admin = await signUpAdmin();
    await expectError(
      await call("/api/admin/audit?actorId=nope", { headers: { cookie: admin.cookie } }),
      400,
      "VALIDATION_FAILED",
    );
  });
});
