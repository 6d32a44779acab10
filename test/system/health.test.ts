import { describe, expect, it } from "vitest";
import { call, callWithEnv } from "../support/http";

type Health = { status: string; checks: { database: { ok: boolean; latencyMs: number } } };

describe("GET /health", () => {
  it("reports the database reachable", async () => {
    const res = await call("/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json<Health>();
    expect(body).toMatchObject({ status: "ok", checks: { database: { ok: true } } });
  });

  it("answers 503 degraded when the database cannot be reached", async () => {
    // Same proxy, but a Postgres address it does not serve: the connection is refused.
    const res = await callWithEnv(
      { DATABASE_URL: "postgres://postgres:postgres@127.0.0.1:1/postgres" },
      "/health",
    );
    expect(res.status).toBe(503);
    const body = await res.json<Health>();
    expect(body.status).toBe("degraded");
    expect(body.checks.database.ok).toBe(false);
  });
});
