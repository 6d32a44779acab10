import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("GET /health", () => {
  it("reports the database reachable", async () => {
    const res = await SELF.fetch("http://aniforge.test/health");
    expect(res.status).toBe(200);
    const body = await res.json<{ status: string; checks: { database: { ok: boolean } } }>();
    expect(body.status).toBe("ok");
    expect(body.checks.database.ok).toBe(true);
  });
});
