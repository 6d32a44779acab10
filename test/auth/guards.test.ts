import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { requireAdmin } from "../../src/auth/guards";
import { cookieFrom, signUp, TEST_PASSWORD, uniqueEmail } from "../support/auth";
import { callWithEnv, expectError, postJson, randomIp } from "../support/http";

// A probe route of its own exercises the guard (outside /api/admin, which the app hands to
// its lazily loaded admin router).
const app = createApp();
app.get("/api/probe/admin-only", requireAdmin(), (c) => c.json({ ok: true }));

async function probe(headers: Record<string, string>) {
  const ctx = createExecutionContext();
  const res = await app.request(
    "/api/probe/admin-only",
    { headers: { "cf-connecting-ip": randomIp(), ...headers } },
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe("requireAdmin", () => {
  it("401 anonymous, 403 for users and for any API key, 200 for an admin session", async () => {
    await expectError(await probe({}), 401, "UNAUTHENTICATED");

    const member = await signUp();
    await expectError(await probe({ cookie: member.cookie }), 403, "FORBIDDEN");

    const adminEmail = uniqueEmail("admin");
    const signedUp = await callWithEnv({ ADMIN_EMAILS: adminEmail }, "/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Admin", email: adminEmail, password: TEST_PASSWORD }),
    });
    const adminCookie = cookieFrom(signedUp);
    const ok = await probe({ cookie: adminCookie });
    expect(ok.status).toBe(200);

    const key = await postJson(
      "/api/api-keys",
      { name: "admin-key", scopes: ["profile:read"] },
      { cookie: adminCookie },
    );
    const { secret } = await key.json<{ secret: string }>();
    await expectError(
      await probe({ authorization: `Bearer ${secret}` }),
      403,
      "API_KEY_SCOPE_MISSING",
    );
  });
});
