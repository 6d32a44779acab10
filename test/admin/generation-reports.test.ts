import { beforeAll, describe, expect, it } from "vitest";
import { adminCsv, adminJson } from "../support/admin";
import { signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser } from "../support/fixtures";
import { call, expectError, issuesOf } from "../support/http";

const db = useTestDatabase();
const at = (iso: string) => new Date(iso);

// May 2023 belongs to this file alone. Only ended generations: the sweeper fails running ones.
async function seedMay() {
  const user = await createUser(db());
  const row = (created: string, values: Parameters<typeof createGeneration>[2]) =>
    createGeneration(db(), user.id, {
      createdAt: at(created),
      updatedAt: at(created),
      remoteTaskId: `task-${crypto.randomUUID()}`,
      ...values,
    });
  const image = { type: "image", modelId: "z-image", creditsCost: 4 } as const;
  const video = { type: "video", modelId: "sora-2", creditsCost: 30 } as const;
  await row("2023-05-10T00:00:00Z", { ...image, status: "succeeded", providerCost: 3 });
  await row("2023-05-10T12:00:00Z", { ...video, status: "succeeded", providerCost: 40 });
  await row("2023-05-10T23:59:59.999Z", {
    ...image,
    status: "failed",
    errorCode: "INGEST_FAILED",
    completedAt: at("2023-05-11T00:05:00Z"),
  });
  await row("2023-05-11T00:00:00Z", {
    ...image,
    status: "failed",
    errorCode: "PROVIDER_FAILED",
    providerCost: 2,
    completedAt: at("2023-05-11T00:01:00Z"),
  });
  await row("2023-05-11T08:00:00Z", {
    ...video,
    status: "failed",
    errorCode: "PROVIDER_FAILED",
    completedAt: at("2023-05-11T08:10:00Z"),
  });
  await row("2023-05-13T10:00:00Z", {
    ...image,
    status: "failed",
    errorCode: "PROVIDER_FAILED",
    providerCost: 3,
    completedAt: at("2023-05-13T10:02:00Z"),
  });
}

const RANGE = "from=2023-05-09&to=2023-05-13";
const day = (date: string, figures: Partial<Record<string, number>> = {}) => ({
  date,
  total: 0,
  succeeded: 0,
  failed: 0,
  running: 0,
  image: 0,
  video: 0,
  ...figures,
});
const numbers = (rows: Record<string, string>[], keys: string[]) =>
  rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, keys.includes(k) ? Number(v) : v])),
  );

describe("generation reports", () => {
  beforeAll(seedMay);

  it("daily: counts on the UTC day of creation, empty days as zeros, CSV the same", async () => {
    const admin = await signUpAdmin();
    const expected = [
      day("2023-05-09"),
      day("2023-05-10", { total: 3, succeeded: 2, failed: 1, image: 2, video: 1 }),
      day("2023-05-11", { total: 2, failed: 2, image: 1, video: 1 }),
      day("2023-05-12"),
      day("2023-05-13", { total: 1, failed: 1, image: 1 }),
    ];
    const body = await adminJson<{ from: string; to: string; items: unknown[] }>(
      admin,
      `/api/admin/generations/daily?${RANGE}`,
    );
    expect(body).toEqual({ from: "2023-05-09", to: "2023-05-13", items: expected });

    const csv = await adminCsv(admin, `/api/admin/generations/daily?${RANGE}`);
    expect(csv.filename).toBe("aniforge-generations-daily-2023-05-09_2023-05-13.csv");
    const figures = ["total", "succeeded", "failed", "running", "image", "video"];
    expect(numbers(csv.rows, figures)).toEqual(expected);
  });

  it("failures: every day × type, top error codes with their last failure; error-codes in full", async () => {
    const admin = await signUpAdmin();
    const body = await adminJson<{ items: unknown[]; topErrors: unknown[] }>(
      admin,
      `/api/admin/generations/failures?${RANGE}`,
    );
    const failed = (date: string, image: number, video: number) => [
      { date, type: "image", failedCount: image },
      { date, type: "video", failedCount: video },
    ];
    const items = [
      ...failed("2023-05-09", 0, 0),
      ...failed("2023-05-10", 1, 0),
      ...failed("2023-05-11", 1, 1),
      ...failed("2023-05-12", 0, 0),
      ...failed("2023-05-13", 1, 0),
    ];
    const codes = [
      { errorCode: "PROVIDER_FAILED", type: "image", count: 2, lastAt: "2023-05-13T10:02:00.000Z" },
      { errorCode: "INGEST_FAILED", type: "image", count: 1, lastAt: "2023-05-11T00:05:00.000Z" },
      { errorCode: "PROVIDER_FAILED", type: "video", count: 1, lastAt: "2023-05-11T08:10:00.000Z" },
    ];
    expect(body.items).toEqual(items);
    expect(body.topErrors).toEqual(codes);
    const csv = await adminCsv(admin, `/api/admin/generations/failures?${RANGE}`);
    expect(numbers(csv.rows, ["failed_count"])).toEqual(
      items.map((i) => ({ date: i.date, type: i.type, failed_count: i.failedCount })),
    );

    // Only the day after: the 23:59:59.999 failure belongs to May 10 and is not counted.
    const may11 = await adminJson<{ items: unknown[] }>(
      admin,
      "/api/admin/generations/error-codes?from=2023-05-11&to=2023-05-11",
    );
    expect(may11.items).toEqual([
      { errorCode: "PROVIDER_FAILED", type: "image", count: 1, lastAt: "2023-05-11T00:01:00.000Z" },
      { errorCode: "PROVIDER_FAILED", type: "video", count: 1, lastAt: "2023-05-11T08:10:00.000Z" },
    ]);
    const codesCsv = await adminCsv(admin, `/api/admin/generations/error-codes?${RANGE}`);
    expect(
      codesCsv.rows.map((r) => ({
        errorCode: r.error_code,
        type: r.type,
        count: Number(r.count),
        lastAt: r.last_at,
      })),
    ).toEqual(codes);
  });

  it("spend: provider credits where reported beside our credits, per day, provider and model", async () => {
    const admin = await signUpAdmin();
    const body = await adminJson<{ items: unknown[]; totals: unknown }>(
      admin,
      `/api/admin/generations/spend?${RANGE}`,
    );
    const spend = (date: string, model: string, f: number[]) => ({
      date,
      provider: "kie",
      model,
      tasks: f[0],
      tasksWithCost: f[1],
      providerCredits: f[2],
      creditsCharged: f[3],
    });
    const items = [
      spend("2023-05-10", "sora-2", [1, 1, 40, 30]),
      spend("2023-05-10", "z-image", [2, 1, 3, 8]),
      spend("2023-05-11", "sora-2", [1, 0, 0, 30]),
      spend("2023-05-11", "z-image", [1, 1, 2, 4]),
      spend("2023-05-13", "z-image", [1, 1, 3, 4]),
    ];
    expect(body.items).toEqual(items);
    expect(body.totals).toEqual({
      tasks: 6,
      tasksWithCost: 4,
      providerCredits: 48,
      creditsCharged: 76,
    });
    const csv = await adminCsv(admin, `/api/admin/generations/spend?${RANGE}`);
    expect(
      csv.rows.map((r) =>
        spend(r.date ?? "", r.model ?? "", [
          Number(r.tasks),
          Number(r.tasks_with_cost),
          Number(r.provider_credits),
          Number(r.credits_charged),
        ]),
      ),
    ).toEqual(items);
  });

  it("types: totals per type with the latest update", async () => {
    const admin = await signUpAdmin();
    const user = await createUser(db());
    // Far in the future, so this row is the latest update of each type whatever else runs.
    await createGeneration(db(), user.id, {
      status: "succeeded",
      updatedAt: at("2099-01-02T03:04:05Z"),
    });
    await createGeneration(db(), user.id, {
      type: "video",
      status: "failed",
      updatedAt: at("2099-01-01T00:00:00Z"),
    });
    const body = await adminJson<{ items: Record<string, unknown>[] }>(
      admin,
      "/api/admin/generations/types",
    );
    expect(body.items.map((i) => [i.type, i.lastUpdatedAt])).toEqual([
      ["image", "2099-01-02T03:04:05.000Z"],
      ["video", "2099-01-01T00:00:00.000Z"],
    ]);
    for (const item of body.items) {
      expect(item.total as number).toBeGreaterThanOrEqual(
        (item.succeeded as number) + (item.failed as number),
      );
      expect(item.succeeded as number).toBeGreaterThanOrEqual(item.type === "image" ? 1 : 0);
      expect(item.failed as number).toBeGreaterThanOrEqual(item.type === "video" ? 1 : 0);
    }
    const csv = await adminCsv(admin, "/api/admin/generations/types");
    expect(csv.rows.map((r) => [r.type, r.last_updated_at])).toEqual([
      ["image", "2099-01-02T03:04:05.000Z"],
      ["video", "2099-01-01T00:00:00.000Z"],
    ]);
  });

  it("bad ranges are 400; users get 403 and the signed-out 401", async () => {
    const admin = await signUpAdmin();
    const res = await call("/api/admin/generations/daily?from=2023-05-13&to=2023-05-09", {
      headers: { cookie: admin.cookie },
    });
    const error = await expectError(res, 400, "VALIDATION_FAILED");
    expect(issuesOf(error).map((i) => i.path)).toEqual(["to"]);
    await expectError(
      await call("/api/admin/generations/spend?from=2023-02-30", {
        headers: { cookie: admin.cookie },
      }),
      400,
      "VALIDATION_FAILED",
    );
    const user = await signUp();
    for (const path of ["daily", "failures", "error-codes", "types", "spend"]) {
      const url = `/api/admin/generations/${path}`;
      await expectError(await call(url, { headers: { cookie: user.cookie } }), 403, "FORBIDDEN");
      await expectError(await call(url), 401, "UNAUTHENTICATED");
    }
  });
});
