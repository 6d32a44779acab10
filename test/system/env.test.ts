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
