import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiKeys } from "../../src/db/schema";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call, expectError, postJson } from "../support/http";

const db = useTestDatabase();

interface Created {
  apiKey: { id: string; prefix: string; scopes: string[]; status: string };
  secret: string;
}

async function createKey(cookie: string, body: Record<string, unknown>): Promise<Created> {
  const res = await postJson("/api/api-keys", body, { cookie });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json<Created>();
}

const bearer = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });

describe("API keys", () => {
  it("returns the secret once, stores only its hash, and never lists it", async () => {
    const owner = await signUp();
    const created = await createKey(owner.cookie, { name: "ci", scopes: ["profile:read"] });
    expect(created.secret).toMatch(/^ak_test_[0-9A-Za-z]{32}$/);
    expect(created.apiKey).toMatchObject({ prefix: created.secret.slice(0, 12), status: "active" });

    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, created.apiKey.id));
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(12));
    expect(row?.secretHash).toMatch(/^[0-9a-f]{64}$/);

    const list = await call("/api/api-keys", withCookie(owner.cookie));
    const text = await list.text();
    expect(list.status).toBe(200);
    expect(text).toContain(created.apiKey.id);
    expect(text).not.toContain(created.secret.slice(12));
  });

  it("authenticates within its scopes and records last use after the response", async () => {
    const owner = await signUp();
    const reader = await createKey(owner.cookie, { name: "reader", scopes: ["profile:read"] });
    const me = await call("/api/me", bearer(reader.secret));
    expect(me.status).toBe(200);
    expect((await me.json<{ id: string }>()).id).toBe(owner.id);

    let lastUsedAt: Date | null = null;
    for (let i = 0; i < 40 && !lastUsedAt; i++) {
      const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, reader.apiKey.id));
      lastUsedAt = row?.lastUsedAt ?? null;
      if (!lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(lastUsedAt).not.toBeNull();

    const denied = await call("/api/me", {
      method: "PATCH",
      headers: { authorization: `Bearer ${reader.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ bio: "written by a read-only key" }),
    });
    const body = await expectError(denied, 403, "API_KEY_SCOPE_MISSING");
    expect(body.error.details).toMatchObject({ required: "profile:write" });
  });

  it("cannot manage keys: key management needs a session", async () => {
    const owner = await signUp();
    const key = await createKey(owner.cookie, {
      name: "all",
      scopes: ["profile:read", "profile:write", "generations:write"],
    });
    const res = await postJson(
      "/api/api-keys",
      { name: "minted", scopes: ["profile:read"] },
      {
        authorization: `Bearer ${key.secret}`,
      },
    );
    await expectError(res, 403, "API_KEY_SCOPE_MISSING");
    await expectError(
      await call("/api/api-keys", bearer(key.secret)),
      403,
      "API_KEY_SCOPE_MISSING",
    );
  });

  it("revoked, expired, unknown and malformed keys answer 401", async () => {
    const owner = await signUp();
    const revoked = await createKey(owner.cookie, { name: "old", scopes: ["profile:read"] });
    const del = await call(
      `/api/api-keys/${revoked.apiKey.id}`,
      withCookie(owner.cookie, { method: "DELETE" }),
    );
    expect((await del.json<{ status: string }>()).status).toBe("revoked");
    const again = await call(
      `/api/api-keys/${revoked.apiKey.id}`,
      withCookie(owner.cookie, { method: "DELETE" }),
    );
    expect(again.status).toBe(200);
    await expectError(await call("/api/me", bearer(revoked.secret)), 401, "UNAUTHENTICATED");

    const expiring = await createKey(owner.cookie, {
      name: "soon",
      scopes: ["profile:read"],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect((await call("/api/me", bearer(expiring.secret))).status).toBe(200);
    await db()
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, expiring.apiKey.id));
    await expectError(await call("/api/me", bearer(expiring.secret)), 401, "UNAUTHENTICATED");

    const unknown = `ak_test_${"A".repeat(32)}`;
    await expectError(await call("/api/me", bearer(unknown)), 401, "UNAUTHENTICATED");
    await expectError(
      await call("/api/me", { headers: { authorization: "Basic dXNlcjpwYXNz" } }),
      401,
      "UNAUTHENTICATED",
    );
    // A bad key is refused even when a valid session cookie is also sent.
    await expectError(
      await call("/api/me", withCookie(owner.cookie, bearer(unknown))),
      401,
      "UNAUTHENTICATED",
    );
  });

  it("another user's key id is 404 and the key keeps working", async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const key = await createKey(owner.cookie, { name: "mine", scopes: ["profile:read"] });
    const res = await call(
      `/api/api-keys/${key.apiKey.id}`,
      withCookie(stranger.cookie, { method: "DELETE" }),
    );
    await expectError(res, 404, "NOT_FOUND");
    await expectError(
      await call("/api/api-keys/not-a-uuid", withCookie(stranger.cookie, { method: "DELETE" })),
      404,
      "NOT_FOUND",
    );
    expect((await call("/api/me", bearer(key.secret))).status).toBe(200);
    const list = await call("/api/api-keys", withCookie(stranger.cookie));
    expect((await list.json<{ items: unknown[] }>()).items).toEqual([]);
  });

  it("validates input: unknown scope, past expiry, duplicate active name (reusable after revoke)", async () => {
    const owner = await signUp();
    const post = (body: unknown) => postJson("/api/api-keys", body, { cookie: owner.cookie });
    await expectError(
      await post({ name: "x", scopes: ["admin:everything"] }),
      400,
      "VALIDATION_FAILED",
    );
    await expectError(await post({ name: "x", scopes: [] }), 400, "VALIDATION_FAILED");
    await expectError(
      await post({ name: "x", scopes: ["profile:read"], expiresAt: "2001-01-01T00:00:00Z" }),
      400,
      "VALIDATION_FAILED",
    );
    await expectError(
      await post({ name: "x", scopes: ["profile:read"], userId: owner.id }),
      400,
      "VALIDATION_FAILED",
    );

    const first = await createKey(owner.cookie, { name: "deploy", scopes: ["profile:read"] });
    await expectError(await post({ name: "deploy", scopes: ["profile:read"] }), 409, "CONFLICT");
    await call(`/api/api-keys/${first.apiKey.id}`, withCookie(owner.cookie, { method: "DELETE" }));
    expect((await post({ name: "deploy", scopes: ["profile:read"] })).status).toBe(201);
  });

  it("pages the list with a cursor, newest first", async () => {
    const owner = await signUp();
    for (const name of ["a", "b", "c"])
      await createKey(owner.cookie, { name, scopes: ["credits:read"] });
    const first = await (await call("/api/api-keys?limit=2", withCookie(owner.cookie))).json<{
      items: { name: string }[];
      nextCursor: string | null;
    }>();
    expect(first.items.map((k) => k.name)).toEqual(["c", "b"]);
    expect(first.nextCursor).toBeTruthy();
    const second = await (
      await call(`/api/api-keys?limit=2&cursor=${first.nextCursor}`, withCookie(owner.cookie))
    ).json<{ items: { name: string }[]; nextCursor: string | null }>();
    expect(second.items.map((k) => k.name)).toEqual(["a"]);
    expect(second.nextCursor).toBeNull();
    await expectError(
      await call("/api/api-keys?cursor=garbage", withCookie(owner.cookie)),
      400,
      "INVALID_CURSOR",
    );
  });
});

describe("API key races", () => {
  it("30 concurrent creations stop exactly at the active-key cap of 25", async () => {
    const owner = await signUp();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        postJson(
          "/api/api-keys",
          { name: `k${i}`, scopes: ["credits:read"] },
          { cookie: owner.cookie },
        ),
      ),
    );
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(25);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    const rows = await db().select().from(apiKeys).where(eq(apiKeys.userId, owner.id));
    expect(rows).toHaveLength(25);
  });
});
