import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { user } from "../../src/db/schema";
import { TEST_PASSWORD, uniqueEmail } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call, callWithEnv, expectError } from "../support/http";

const db = useTestDatabase();
const post = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("Google sign-in", () => {
  it("is offered only when its client id and secret are configured", async () => {
    const social = { provider: "google", callbackURL: "/" };
    const off = await callWithEnv({}, "/api/auth/sign-in/social", post(social));
    const body = await expectError(off, 404, "NOT_FOUND");
    expect(body.error.details).toMatchObject({ authCode: "PROVIDER_NOT_FOUND" });

    const on = await callWithEnv(
      { GOOGLE_CLIENT_ID: "test-client-id", GOOGLE_CLIENT_SECRET: "test-client-secret" },
      "/api/auth/sign-in/social",
      post(social),
    );
    expect(on.status).toBe(200);
    const { url } = await on.json<{ url: string }>();
    const target = new URL(url);
    expect(target.hostname).toBe("accounts.google.com");
    expect(target.searchParams.get("client_id")).toBe("test-client-id");
    expect(target.searchParams.get("redirect_uri")).toBe(
      "http://127.0.0.1:8787/api/auth/callback/google",
    );
  });
});

describe("email verification", () => {
  afterEach(() => vi.restoreAllMocks());

  it("sends (locally: logs) a verification link on sign-up that verifies the address", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    const email = uniqueEmail("verify");
    const res = await callWithEnv(
      { LOG_LEVEL: "info", ENVIRONMENT: "development" },
      "/api/auth/sign-up/email",
      post({ name: "V", email, password: TEST_PASSWORD }),
    );
    expect(res.status).toBe(200);
    const entry = lines
      .map((line) => JSON.parse(line) as { msg?: string; url?: string })
      .find((line) => line.msg === "verification email");
    expect(entry?.url).toMatch(/\/api\/auth\/verify-email\?token=/);
    vi.restoreAllMocks();

    const link = new URL(entry!.url!);
    const verified = await call(`${link.pathname}${link.search}`, { redirect: "manual" });
    expect(verified.status).toBeLessThan(400);
    const [row] = await db().select().from(user).where(eq(user.email, email));
    expect(row?.emailVerified).toBe(true);
  });

  it("never logs the link in production", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    const res = await callWithEnv(
      { LOG_LEVEL: "info", ENVIRONMENT: "production", MEDIA_FETCH_EXTRA_ORIGINS: "" },
      "/api/auth/sign-up/email",
      post({ name: "P", email: uniqueEmail("prod"), password: TEST_PASSWORD }),
    );
    expect(res.status).toBe(200);
    const entry = lines.find((line) => line.includes("verification email"));
    expect(entry).toBeDefined();
    expect(entry).not.toContain("token=");
  });
});
