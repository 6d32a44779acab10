import { afterEach, describe, expect, it, vi } from "vitest";
import { cookieFrom, TEST_PASSWORD, uniqueEmail } from "../support/auth";
import { callWithEnv } from "../support/http";

describe("secrets never reach the logs", () => {
  afterEach(() => vi.restoreAllMocks());

  it("passwords, session tokens and API key secrets stay out of every log line (debug level)", async () => {
    const lines: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      });
    }
    const debug = { LOG_LEVEL: "debug" };
    const json = (body: unknown, headers: Record<string, string> = {}) => ({
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    const email = uniqueEmail("quiet");
    const signedUp = await callWithEnv(
      debug,
      "/api/auth/sign-up/email",
      json({ name: "Q", email, password: TEST_PASSWORD }),
    );
    expect(signedUp.status).toBe(200);
    const cookie = cookieFrom(signedUp);
    await callWithEnv(
      debug,
      "/api/auth/sign-in/email",
      json({ email, password: "wrong password here" }),
    );
    const created = await callWithEnv(
      debug,
      "/api/api-keys",
      json({ name: "k", scopes: ["profile:read"] }, { cookie }),
    );
    const { secret } = await created.json<{ secret: string }>();
    const used = await callWithEnv(debug, "/api/me", {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(used.status).toBe(200);

    expect(lines.length).toBeGreaterThan(3);
    const sessionToken = decodeURIComponent(
      cookie.split("session_token=")[1]!.split(";")[0]!,
    ).split(".")[0]!;
    const all = lines.join("\n");
    for (const secretValue of [TEST_PASSWORD, "wrong password here", secret, sessionToken]) {
      expect(all).not.toContain(secretValue);
    }
  });
});
