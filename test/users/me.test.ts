import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConfigs } from "../../src/configs";
import { generationImages, user } from "../../src/db/schema";
import { patchJson, signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createGeneration, imageValues, insertGrant } from "../support/fixtures";
import { call, expectError, issuesOf } from "../support/http";

const db = useTestDatabase();

async function imageOf(userId: string) {
  const generation = await createGeneration(db(), userId, { status: "succeeded" });
  const [image] = await db().insert(generationImages).values(imageValues(generation)).returning();
  return image!;
}

async function me(cookie: string) {
  const res = await call("/api/me", withCookie(cookie));
  expect(res.status).toBe(200);
  return res.json<Record<string, any>>();
}

describe("GET/PATCH /api/me", () => {
  it("updates the allowed profile fields and shows them back; null clears", async () => {
    const { cookie } = await signUp();
    const patch = {
      displayName: "  Hikari  ",
      bio: "I draw foxes.",
      gender: "female",
      backgroundUrl: "https://cdn.example.com/bg.png",
      locale: "ja",
      avatarUrl: "https://cdn.example.com/a.png",
    };
    const res = await patchJson("/api/me", patch, { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ...patch,
      displayName: "Hikari",
      avatarSrc: patch.avatarUrl,
    });
    expect(await me(cookie)).toMatchObject({ displayName: "Hikari", locale: "ja" });

    const cleared = await patchJson("/api/me", { bio: null }, { cookie });
    expect((await cleared.json<{ bio: unknown }>()).bio).toBeNull();
  });

  it("rejects fields users may not set (role, isSub, credits) and changes nothing", async () => {
    const created = await signUp();
    for (const body of [{ role: "admin" }, { isSub: true }, { credits: 100 }, { email: "x@y.z" }]) {
      const res = await patchJson(
        "/api/me",
        { displayName: "Sneaky", ...body },
        { cookie: created.cookie },
      );
      await expectError(res, 400, "VALIDATION_FAILED");
    }
    const [row] = await db().select().from(user).where(eq(user.id, created.id));
    expect(row).toMatchObject({ role: "user", isSub: false, displayName: null });
  });

  it.each([
    [{ gender: "robot" }, "gender"],
    [{ locale: "fr" }, "locale"],
    [{ displayName: "x".repeat(51) }, "displayName"],
    [{ backgroundUrl: "http://insecure.example.com/a.png" }, "backgroundUrl"],
    [{ avatarUrl: "javascript:alert(1)" }, "avatarUrl"],
    [{ avatarUrl: "http://insecure.example.com/a.png" }, "avatarUrl"],
  ])("rejects %j with 400 naming the field", async (body, field) => {
    const { cookie } = await signUp();
    const res = await patchJson("/api/me", body, { cookie });
    const error = await expectError(res, 400, "VALIDATION_FAILED");
    expect(issuesOf(error).map((issue) => issue.path.split(".")[0])).toContain(field);
  });

  it("accepts my own image as avatar, but not someone else's or a made-up id", async () => {
    const mine = await signUp();
    const other = await signUp();
    const myImage = await imageOf(mine.id);
    const theirImage = await imageOf(other.id);

    for (const avatarUrl of [theirImage.uuid, crypto.randomUUID()]) {
      const res = await patchJson("/api/me", { avatarUrl }, { cookie: mine.cookie });
      const error = await expectError(res, 400, "VALIDATION_FAILED");
      expect(issuesOf(error)[0]?.path).toBe("avatarUrl");
    }
    expect((await me(mine.cookie)).avatarUrl).toBeNull();

    const ok = await patchJson(
      "/api/me",
      { avatarUrl: myImage.uuid.toUpperCase() },
      { cookie: mine.cookie },
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ avatarUrl: myImage.uuid, avatarSrc: myImage.imageUrl });
  });

  it("answers in the saved locale when the request names none", async () => {
    const { cookie } = await signUp();
    await patchJson("/api/me", { locale: "ja" }, { cookie });
    const res = await patchJson(
      "/api/me",
      { gender: "robot" },
      { cookie, "accept-language": "en" },
    );
    const error = await expectError(res, 400, "VALIDATION_FAILED");
    expect(res.headers.get("content-language")).toBe("ja");
    expect(error.error.message).not.toMatch(/[a-z]{4,}/i);
    const explicit = await patchJson("/api/me?locale=en", { gender: "robot" }, { cookie });
    expect(explicit.headers.get("content-language")).toBe("en");
  });

  it("computes membership from is_sub and sub_expired_at, and shows the credit balance", async () => {
    const created = await signUp();
    await insertGrant(db(), created.id, 120);
    const yesterday = new Date(Date.now() - 86_400_000);
    await db()
      .update(user)
      .set({ isSub: true, subExpiredAt: yesterday, subPlanType: "pro" })
      .where(eq(user.id, created.id));
    expect(await me(created.cookie)).toMatchObject({
      membership: { isMember: false, planType: "pro" },
      credits: { balance: 120 + getConfigs().incentives.signupBonus.credits },
    });
    const nextMonth = new Date(Date.now() + 30 * 86_400_000);
    await db().update(user).set({ subExpiredAt: nextMonth }).where(eq(user.id, created.id));
    expect((await me(created.cookie)).membership).toEqual({
      isMember: true,
      planType: "pro",
      expiresAt: nextMonth.toISOString(),
    });
  });
});

describe("GET /api/users/:id/profile", () => {
  it("shows the public view to anyone: no email, no private fields", async () => {
    const created = await signUp({ name: "Ren" });
    await patchJson(
      "/api/me",
      { bio: "hello", gender: "male", locale: "zh" },
      { cookie: created.cookie },
    );
    await db().update(user).set({ signupRef: "secret-campaign" }).where(eq(user.id, created.id));
    const res = await call(`/api/users/${created.id}/profile`);
    expect(res.status).toBe(200);
    const profile = await res.json<Record<string, unknown>>();
    expect(profile).toMatchObject({
      id: created.id,
      displayName: "Ren",
      bio: "hello",
      isMember: false,
    });
    const text = JSON.stringify(profile);
    for (const secret of [created.email, "secret-campaign", "male", "zh", "role"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("answers 404 for an unknown or malformed id", async () => {
    await expectError(await call(`/api/users/${crypto.randomUUID()}/profile`), 404, "NOT_FOUND");
    await expectError(await call("/api/users/not-a-uuid/profile"), 404, "NOT_FOUND");
  });
});
