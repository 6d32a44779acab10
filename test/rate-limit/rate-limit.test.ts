import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { Redis } from "@upstash/redis/cloudflare";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { signUp, TEST_PASSWORD } from "../support/auth";
import { callWithEnv, expectError, randomIp } from "../support/http";

const limits = (json: Record<string, unknown>) => ({ RATE_LIMITS: JSON.stringify(json) });

// Day-long windows: the sliding window forgets a request of the previous window right after a
// boundary (it weighs it down and rounds), so a test spanning a minute boundary would flake.
const DAY = 86_400;

function expectHeaders(res: Response, limit: number, remaining: number) {
  expect(res.headers.get("ratelimit-limit")).toBe(String(limit));
  expect(res.headers.get("ratelimit-remaining")).toBe(String(remaining));
  expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
}

describe("shared rate limits", () => {
  it("limits anonymous reads per IP with RateLimit-* headers, then 429 with Retry-After", async () => {
    const ip = randomIp();
    const overrides = limits({ publicRead: { limit: 3, windowSeconds: DAY } });
    const get = () =>
      callWithEnv(overrides, "/api/configs", { headers: { "cf-connecting-ip": ip } });
    for (const remaining of [2, 1, 0]) {
      const res = await get();
      expect(res.status).toBe(200);
      expectHeaders(res, 3, remaining);
    }
    const blocked = await get();
    const body = await expectError(blocked, 429, "RATE_LIMITED");
    expect(body.error.details).toMatchObject({ bucket: "publicRead", limit: 3 });
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(DAY);
    expectHeaders(blocked, 3, 0);

    // Another client is not affected.
    const other = await callWithEnv(overrides, "/api/configs", {
      headers: { "cf-connecting-ip": randomIp() },
    });
    expect(other.status).toBe(200);
  });

  it("is shared between separately constructed app instances (state lives in Redis)", async () => {
    const ip = randomIp();
    const testEnv = { ...env, ...limits({ publicRead: { limit: 4, windowSeconds: DAY } }) };
    const apps = [createApp(), createApp()];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const ctx = createExecutionContext();
      const res = await apps[i % 2]!.request(
        "/api/configs",
        { headers: { "cf-connecting-ip": ip } },
        testEnv,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const redis = new Redis({
      url: env.UPSTASH_REDIS_REST_URL,
      token: env.UPSTASH_REDIS_REST_TOKEN,
    });
    expect(await redis.keys(`${env.RATE_LIMIT_PREFIX}:rl:publicRead*${ip}*`)).not.toEqual([]);
  });

  it("limits writes per user, not per IP", async () => {
    const busy = await signUp();
    const calm = await signUp();
    const overrides = limits({ userWrite: { limit: 2, windowSeconds: DAY } });
    const patch = (cookie: string) =>
      callWithEnv(overrides, "/api/me", {
        method: "PATCH",
        headers: { cookie, "content-type": "application/json", "cf-connecting-ip": randomIp() },
        body: JSON.stringify({ bio: "again" }),
      });
    expect((await patch(busy.cookie)).status).toBe(200);
    const second = await patch(busy.cookie);
    expect(second.status).toBe(200);
    expectHeaders(second, 2, 0);
    await expectError(await patch(busy.cookie), 429, "RATE_LIMITED");
    expect((await patch(calm.cookie)).status).toBe(200);
    // Reads do not count as writes.
    const read = await callWithEnv(overrides, "/api/me", { headers: { cookie: busy.cookie } });
    expect(read.status).toBe(200);
  });

  it("limits auth attempts per IP", async () => {
    const ip = randomIp();
    const overrides = limits({ auth: { limit: 2, windowSeconds: DAY } });
    const attempt = () =>
      callWithEnv(overrides, "/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": ip },
        body: JSON.stringify({ email: "nobody@aniforge.test", password: TEST_PASSWORD }),
      });
    await expectError(await attempt(), 401, "INVALID_CREDENTIALS");
    await expectError(await attempt(), 401, "INVALID_CREDENTIALS");
    const blocked = await expectError(await attempt(), 429, "RATE_LIMITED");
    expect(blocked.error.details).toMatchObject({ bucket: "auth" });
  });

  it("keeps better-auth's own stricter sign-in rule, stored in Redis", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await callWithEnv({}, "/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": ip },
        body: JSON.stringify({ email: "nobody@aniforge.test", password: TEST_PASSWORD }),
      });
      statuses.push(res.status);
      if (res.status === 429) {
        const body = await expectError(res, 429, "RATE_LIMITED");
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(body.error.details?.bucket).toBeUndefined();
      }
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);

    const redis = new Redis({
      url: env.UPSTASH_REDIS_REST_URL,
      token: env.UPSTASH_REDIS_REST_TOKEN,
    });
    const keys = await redis.keys(`${env.RATE_LIMIT_PREFIX}:rl:better-auth*`);
    expect(keys.some((key) => key.includes(ip))).toBe(true);
  });
});
