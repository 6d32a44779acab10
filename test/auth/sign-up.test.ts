import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/auth/password";
import { getConfigs } from "../../src/configs";
import { account, session, user } from "../../src/db/schema";
import {
  cookieFrom,
  setCookies,
  signUp,
  TEST_PASSWORD,
  uniqueEmail,
  withCookie,
} from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call, callWithEnv, expectError, issuesOf, postJson } from "../support/http";

const db = useTestDatabase();

async function usersWithEmail(email: string): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(user)
    .where(sql`lower(${user.email}) = lower(${email})`);
  return row?.n ?? 0;
}

describe("sign-up, sessions and sign-in", () => {
  it("signs up, sets a session cookie that /api/me accepts, and stores our password hash", async () => {
    const created = await signUp({ name: "Sakura" });
    const res = await call("/api/me", withCookie(created.cookie));
    expect(res.status).toBe(200);
    const me = await res.json<Record<string, unknown>>();
    expect(me).toMatchObject({
      id: created.id,
      email: created.email,
      name: "Sakura",
      role: "user",
      membership: { isMember: false },
      credits: { balance: getConfigs().incentives.signupBonus.credits },
    });
    const [credential] = await db()
      .select({ password: account.password })
      .from(account)
      .where(eq(account.userId, created.id));
    expect(credential?.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await verifyPassword(credential!.password!, TEST_PASSWORD)).toBe(true);
  });

  it("answers 409 EMAIL_ALREADY_REGISTERED for a taken email in any case, writing nothing", async () => {
    const first = await signUp();
    const res = await postJson("/api/auth/sign-up/email", {
      name: "Copy",
      email: first.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    await expectError(res, 409, "EMAIL_ALREADY_REGISTERED");
    expect(await usersWithEmail(first.email)).toBe(1);
  });

  it("rejects a short password with 400 and the rule, creating no account", async () => {
    const email = uniqueEmail("weak");
    const res = await postJson("/api/auth/sign-up/email", {
      name: "Weak",
      email,
      password: "short",
    });
    const body = await expectError(res, 400, "VALIDATION_FAILED");
    expect(issuesOf(body)[0]).toMatchObject({ path: "password", code: "too_small" });
    expect(issuesOf(body)[0]?.message).toContain("8");
    expect(body.error.details?.rule).toEqual({ minLength: 8, maxLength: 128 });
    expect(await usersWithEmail(email)).toBe(0);
  });

  it("rejects an invalid email with 400 in the error shape", async () => {
    const res = await postJson("/api/auth/sign-up/email", {
      name: "X",
      email: "not-an-email",
      password: TEST_PASSWORD,
    });
    await expectError(res, 400, "VALIDATION_FAILED");
  });

  it("answers a wrong password with 401 INVALID_CREDENTIALS and the right one with a session", async () => {
    const created = await signUp();
    const wrong = await postJson("/api/auth/sign-in/email", {
      email: created.email,
      password: "not the password",
    });
    await expectError(wrong, 401, "INVALID_CREDENTIALS");
    expect(setCookies(wrong).join()).not.toContain("session_token=");

    const right = await postJson("/api/auth/sign-in/email", {
      email: created.email,
      password: TEST_PASSWORD,
    });
    expect(right.status).toBe(200);
    const me = await call("/api/me", withCookie(cookieFrom(right)));
    expect((await me.json<{ id: string }>()).id).toBe(created.id);
  });

  it("signs out: the old cookie stops working", async () => {
    const created = await signUp();
    const out = await call(
      "/api/auth/sign-out",
      withCookie(created.cookie, { method: "POST", headers: { origin: "http://127.0.0.1:8787" } }),
    );
    expect(out.status).toBe(200);
    await expectError(await call("/api/me", withCookie(created.cookie)), 401, "UNAUTHENTICATED");
  });

  it("extends a session past its update age and sends the refreshed cookie", async () => {
    const created = await signUp();
    const inFiveDays = new Date(Date.now() + 5 * 86_400_000);
    await db().update(session).set({ expiresAt: inFiveDays }).where(eq(session.userId, created.id));
    const res = await call("/api/me", withCookie(created.cookie));
    expect(res.status).toBe(200);
    expect(setCookies(res).join()).toMatch(/session_token=.*Max-Age=604800/i);
    const [row] = await db().select().from(session).where(eq(session.userId, created.id));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });

  it("a forged or expired session cookie is 401", async () => {
    const forged = "better-auth.session_token=forged.token";
    await expectError(await call("/api/me", withCookie(forged)), 401, "UNAUTHENTICATED");
  });

  it("promotes sign-ups listed in ADMIN_EMAILS (case-insensitive) to admin, nobody else", async () => {
    const adminEmail = uniqueEmail("boss");
    const env = { ADMIN_EMAILS: `someone@else.test, ${adminEmail.toUpperCase()}` };
    const signUpAs = (email: string) =>
      callWithEnv(env, "/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "Boss", email, password: TEST_PASSWORD }),
      });
    const admin = await signUpAs(adminEmail);
    expect(admin.status).toBe(200);
    const me = await call("/api/me", withCookie(cookieFrom(admin)));
    expect((await me.json<{ role: string }>()).role).toBe("admin");

    const regular = await signUpAs(uniqueEmail("staff"));
    const regularMe = await call("/api/me", withCookie(cookieFrom(regular)));
    expect((await regularMe.json<{ role: string }>()).role).toBe("user");
  });
});

describe("sign-up races", () => {
  it("12 concurrent sign-ups with one email create exactly one account; the rest get 409", async () => {
    const email = uniqueEmail("race");
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        postJson("/api/auth/sign-up/email", {
          name: `Racer ${i}`,
          email: i % 2 ? email : email.toUpperCase(),
          password: TEST_PASSWORD,
        }),
      ),
    );
    const statuses = attempts.map((res) => res.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    for (const res of attempts.filter((r) => r.status === 409)) {
      await expectError(res, 409, "EMAIL_ALREADY_REGISTERED");
    }
    expect(await usersWithEmail(email)).toBe(1);
  });
});
