import { describe, expect, it } from "vitest";
import { adminCsv, adminJson } from "../support/admin";
import { signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser } from "../support/fixtures";
import { call, expectError } from "../support/http";

const db = useTestDatabase();

interface Item {
  uuid: string;
  user: { id: string; email: string | null };
  type: string;
  model: string;
  status: string;
  errorCode: string | null;
  providerCost: number | null;
  remoteTaskId: string | null;
  ageSeconds: number;
  retryable: boolean;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

// Fresh rows of this file's own user (running ones are young: the sweeper leaves them alone).
async function seed() {
  const user = await createUser(db());
  const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
  const task = () => `task-${crypto.randomUUID()}`;
  const row = (values: Parameters<typeof createGeneration>[2]) =>
    createGeneration(db(), user.id, values);
  const ingest = await row({
    status: "failed",
    errorCode: "INGEST_FAILED",
    remoteTaskId: task(),
    providerCost: 3,
    createdAt: ago(50),
  });
  const provider = await row({
    type: "video",
    modelId: "sora-2",
    status: "failed",
    errorCode: "PROVIDER_FAILED",
    remoteTaskId: task(),
    createdAt: ago(40),
  });
  const lost = await row({ status: "failed", errorCode: "DEADLINE_EXCEEDED", createdAt: ago(30) });
  const processing = await row({ status: "processing", remoteTaskId: task(), createdAt: ago(20) });
  const pending = await row({ type: "video", modelId: "sora-2", createdAt: ago(10) });
  await row({ status: "succeeded", createdAt: ago(5) });
  return { user, ingest, provider, lost, processing, pending };
}

describe("GET /api/admin/generations", () => {
  it("lists failed ones newest first with age and retryability; filters; pages; CSV", async () => {
    const admin = await signUpAdmin();
    const s = await seed();
    const base = `/api/admin/generations?userId=${s.user.id}`;
    const all = await adminJson<Page>(admin, base);
    expect(all.items.map((i) => i.uuid)).toEqual([s.lost.uuid, s.provider.uuid, s.ingest.uuid]);
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((i) => i.retryable)).toEqual([false, false, true]);
    const ingest = all.items[2] as Item;
    expect(ingest).toMatchObject({
      user: { id: s.user.id, email: s.user.email },
      type: "image",
      model: "z-image",
      status: "failed",
      errorCode: "INGEST_FAILED",
      creditsCost: 4,
      refundedCredits: 0,
      providerCost: 3,
      remoteTaskId: s.ingest.remoteTaskId,
      createdAt: s.ingest.createdAt.toISOString(),
    });
    expect(ingest.ageSeconds).toBeGreaterThanOrEqual(50);
    expect(ingest.ageSeconds).toBeLessThan(50 + 120);

    const first = await adminJson<Page>(admin, `${base}&limit=2`);
    expect(first.items.map((i) => i.uuid)).toEqual([s.lost.uuid, s.provider.uuid]);
    const second = await adminJson<Page>(admin, `${base}&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.uuid)).toEqual([s.ingest.uuid]);
    expect(second.nextCursor).toBeNull();

    const only = async (query: string) =>
      (await adminJson<Page>(admin, `${base}&${query}`)).items.map((i) => i.uuid);
    expect(await only("type=video")).toEqual([s.provider.uuid]);
    expect(await only("model=sora-2")).toEqual([s.provider.uuid]);
    expect(await only("errorCode=INGEST_FAILED")).toEqual([s.ingest.uuid]);
    expect(await only("status=processing")).toEqual([s.pending.uuid, s.processing.uuid]);
    expect(await only("status=processing&type=image")).toEqual([s.processing.uuid]);

    const csv = await adminCsv(admin, base);
    expect(csv.rows.map((r) => [r.uuid, r.user_email, r.error_code, r.retryable])).toEqual(
      all.items.map((i) => [i.uuid, i.user.email, i.errorCode, String(i.retryable)]),
    );
    expect(csv.rows.map((r) => r.provider_cost)).toEqual(["", "", "3"]);
  });

  it("bad filters are 400; users get 403 and the signed-out 401", async () => {
    const admin = await signUpAdmin();
    for (const query of ["status=succeeded", "type=audio", "userId=nope", "cursor=zzz"]) {
      const res = await call(`/api/admin/generations?${query}`, {
        headers: { cookie: admin.cookie },
      });
      expect(res.status, query).toBe(400);
    }
    const user = await signUp();
    await expectError(
      await call("/api/admin/generations", { headers: { cookie: user.cookie } }),
      403,
      "FORBIDDEN",
    );
    await expectError(await call("/api/admin/generations"), 401, "UNAUTHENTICATED");
  });
});
