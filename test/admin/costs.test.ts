import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adminAuditLog, operationCosts } from "../../src/db/schema";
import { adminCsv, adminJson } from "../support/admin";
import { patchJson, signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call, expectError, issuesOf, postJson } from "../support/http";

const db = useTestDatabase();

interface Cost {
  id: string;
  month: string;
  platform: string;
  amount: number;
  currency: string;
  note: string | null;
}

// Currency xca and the year 2022 (with platform names of this file): this file's alone.
const costsOf = (platform: string) =>
  db().select().from(operationCosts).where(eq(operationCosts.platform, platform));

describe("/api/admin/costs", () => {
  it("creates, lists, edits and deletes costs, each audited with before and after", async () => {
    const admin = await signUpAdmin();
    const headers = { cookie: admin.cookie };
    const created = await postJson(
      "/api/admin/costs",
      { month: "2022-05", platform: "  Neon-XCA ", amount: 1900, currency: "XCA", note: "launch" },
      headers,
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const cost = await created.json<Cost>();
    expect(cost).toMatchObject({
      month: "2022-05",
      platform: "neon-xca",
      amount: 1900,
      currency: "xca",
    });

    const list = await adminJson<{ items: Cost[] }>(
      admin,
      "/api/admin/costs?from=2022-01&to=2022-12&currency=xca",
    );
    expect(list.items.map((c) => [c.month, c.platform, c.amount])).toEqual([
      ["2022-05", "neon-xca", 1900],
    ]);

    const edited = await patchJson(
      `/api/admin/costs/${cost.id}`,
      { amount: 2100, note: null },
      headers,
    );
    expect(edited.status, await edited.clone().text()).toBe(200);
    expect(await edited.json<Cost>()).toMatchObject({ amount: 2100, note: null });
    const csv = await adminCsv(admin, "/api/admin/costs?from=2022-05&to=2022-05&currency=xca");
    expect(csv.rows.map((r) => [r.month, r.platform, r.amount, r.currency, r.note])).toEqual([
      ["2022-05", "neon-xca", "2100", "xca", ""],
    ]);

    const deleted = await call(`/api/admin/costs/${cost.id}`, { method: "DELETE", headers });
    expect(deleted.status).toBe(204);
    expect(await costsOf("neon-xca")).toEqual([]);

    const audit = await db()
      .select()
      .from(adminAuditLog)
      .where(
        and(eq(adminAuditLog.targetType, "operation_cost"), eq(adminAuditLog.targetId, cost.id)),
      )
      .orderBy(adminAuditLog.createdAt);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["costs.create", admin.id],
      ["costs.update", admin.id],
      ["costs.delete", admin.id],
    ]);
    expect(audit[1]?.details).toMatchObject({
      before: { amount: 1900, note: "launch" },
      after: { amount: 2100, note: null },
    });
  });

  it("answers 409 for a second cost of the same month and platform, racing or not", async () => {
    const admin = await signUpAdmin();
    const body = { month: "2022-06", platform: "race-xca", amount: 500, currency: "xca" };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => postJson("/api/admin/costs", body, { cookie: admin.cookie })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const [row] = await costsOf("race-xca");
    const conflict = results.find((r) => r.status === 409) as Response;
    const error = await expectError(conflict, 409, "COST_ALREADY_EXISTS");
    expect(error.error.details).toMatchObject({ id: row?.id, month: "2022-06" });

    // Moving another cost onto that month and platform is the same conflict.
    const other = await postJson(
      "/api/admin/costs",
      { ...body, month: "2022-07" },
      { cookie: admin.cookie },
    );
    const { id } = await other.json<Cost>();
    await expectError(
      await patchJson(`/api/admin/costs/${id}`, { month: "2022-06" }, { cookie: admin.cookie }),
      409,
      "COST_ALREADY_EXISTS",
    );
    expect((await costsOf("race-xca")).map((c) => c.month).sort()).toEqual(["2022-06", "2022-07"]);
  });

  it("rejects bad input with 400 and unknown ids with 404, writing nothing", async () => {
    const admin = await signUpAdmin();
    const headers = { cookie: admin.cookie };
    const good = { month: "2022-08", platform: "bad-xca", amount: 1, currency: "xca" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, month: "2022-13" }, "month"],
      [{ ...good, month: "2022-8" }, "month"],
      [{ ...good, amount: -1 }, "amount"],
      [{ ...good, amount: 1.5 }, "amount"],
      [{ ...good, currency: "dollars" }, "currency"],
      [{ ...good, platform: "" }, "platform"],
      [{ ...good, extra: true }, ""],
    ];
    for (const [body, path] of cases) {
      const error = await expectError(
        await postJson("/api/admin/costs", body, headers),
        400,
        "VALIDATION_FAILED",
      );
      expect(
        issuesOf(error).map((i) => i.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(await costsOf("bad-xca")).toEqual([]);
    const unknown = "00000000-0000-4000-8000-000000000000";
    await expectError(
      await patchJson(`/api/admin/costs/${unknown}`, { amount: 2 }, headers),
      404,
      "NOT_FOUND",
    );
    await expectError(
      await call(`/api/admin/costs/${unknown}`, { method: "DELETE", headers }),
      404,
      "NOT_FOUND",
    );
    await expectError(
      await patchJson(`/api/admin/costs/${unknown}`, {}, headers),
      400,
      "VALIDATION_FAILED",
    );

    const user = await signUp();
    await expectError(
      await postJson("/api/admin/costs", good, { cookie: user.cookie }),
      403,
      "FORBIDDEN",
    );
    expect(await costsOf("bad-xca")).toEqual([]);
  });
});
