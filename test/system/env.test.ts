import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { EnvConfigError, loadAppConfig } from "../../src/env";
import { callWithEnv, expectError } from "../support/http";

const valid = () => ({ ...env }) as Record<string, unknown>;

function problemsOf(overrides: Record<string, unknown>): string[] {
  try {
    loadAppConfig({ ...valid(), ...overrides } as never);
  } catch (error) {
    if (error instanceof EnvConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("env validation", () => {
  it("accepts the test env and normalises values", () => {
    const config = loadAppConfig({ ...valid(), PUBLIC_URL: "https://api.example.com/" } as never);
    expect(config.PUBLIC_URL).toBe("https://api.example.com");
    expect(config.CORS_ORIGINS).toEqual(["http://localhost:5173", "https://app.aniforge.test"]);
  });

  it("names every bad or missing variable, never its value", () => {
    const problems = problemsOf({
      DATABASE_URL: undefined,
      PUBLIC_URL: "not a url",
      CORS_ORIGINS: "https://ok.example.com,https://bad.example.com/path",
      LOG_LEVEL: "loud",
    });
    const text = problems.join("\n");
    for (const name of ["DATABASE_URL", "PUBLIC_URL", "CORS_ORIGINS", "LOG_LEVEL"])
      expect(text).toContain(name);
    expect(problemsOf({ DATABASE_URL: "mysql://secret-password@x/db" }).join()).not.toContain(
      "secret-password",
    );
  });

  it("names a missing binding", () => {
    expect(problemsOf({ MEDIA: undefined }).join()).toContain("MEDIA");
  });

  it("answers requests with SERVICE_MISCONFIGURED naming the variable when the env is bad", async () => {
    const res = await callWithEnv({ PUBLIC_URL: undefined }, "/api/configs");
    const body = await expectError(res, 500, "SERVICE_MISCONFIGURED");
    expect(JSON.stringify(body.error.details)).toContain("PUBLIC_URL");
  });
});

describe("auth and rate-limit settings", () => {
  it("requires a long BETTER_AUTH_SECRET and the Upstash REST settings", () => {
    const text = problemsOf({
      BETTER_AUTH_SECRET: "short",
      UPSTASH_REDIS_REST_URL: undefined,
      UPSTASH_REDIS_REST_TOKEN: undefined,
    }).join("\n");
    for (const name of ["BETTER_AUTH_SECRET", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"])
      expect(text).toContain(name);
    expect(text).not.toContain("short");
  });

  it("needs both Google OAuth values or neither", () => {
    expect(problemsOf({ GOOGLE_CLIENT_ID: "id-only" }).join()).toContain("GOOGLE_CLIENT_SECRET");
    expect(problemsOf({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret" })).toEqual([]);
  });

  it("validates ADMIN_EMAILS and RATE_LIMITS overrides", () => {
    expect(problemsOf({ ADMIN_EMAILS: "ok@example.com, not-an-email" }).join()).toContain(
      "ADMIN_EMAILS",
    );
    expect(problemsOf({ RATE_LIMITS: "{not json" }).join()).toContain("RATE_LIMITS");
    expect(problemsOf({ RATE_LIMITS: '{"auth":{"limit":0,"windowSeconds":60}}' }).join()).toContain(
      "RATE_LIMITS",
    );
    expect(
      problemsOf({ RATE_LIMITS: '{"unknownBucket":{"limit":1,"windowSeconds":1}}' }).join(),
    ).toContain("RATE_LIMITS");
    const config = loadAppConfig({
      ...valid(),
      ADMIN_EMAILS: " Boss@Example.com ",
      RATE_LIMITS: '{"auth":{"limit":5,"windowSeconds":30}}',
    } as never);
    expect(config.ADMIN_EMAILS).toEqual(["boss@example.com"]);
    expect(config.RATE_LIMITS).toEqual({ auth: { limit: 5, windowSeconds: 30 } });
  });
});
