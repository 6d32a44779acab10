import { describe, expect, it } from "vitest";
import { createLogger, logLevelFrom } from "../../src/lib/logger";

describe("structured logger", () => {
  it("writes one JSON object per line with the base fields and drops lines under the level", () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "info",
      base: { requestId: "r-1" },
      sink: (l) => lines.push(l),
    });
    logger.debug("too chatty");
    logger.child({ queue: "q" }).warn("slow", { durationMs: 12 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: "warn",
      msg: "slow",
      requestId: "r-1",
      queue: "q",
      durationMs: 12,
    });
  });

  it("never writes secrets, whatever the caller passes", () => {
    const lines: string[] = [];
    const logger = createLogger({ sink: (l) => lines.push(l) });
    logger.info("login", {
      password: "hunter2",
      apiKey: "ak_live_x",
      authorization: "Bearer t",
      webhookSecret: "whsec",
    });
    expect(lines[0]).not.toMatch(/hunter2|ak_live_x|Bearer t|whsec/);
  });

  it("serialises errors with their stack", () => {
    const lines: string[] = [];
    createLogger({ sink: (l) => lines.push(l) }).error("failed", { err: new Error("boom") });
    expect(JSON.parse(lines[0]!).err).toMatchObject({ name: "Error", message: "boom" });
    expect(JSON.parse(lines[0]!).err.stack).toContain("boom");
  });

  it("reads the level leniently from a raw env value", () => {
    expect(logLevelFrom("warn")).toBe("warn");
    expect(logLevelFrom("loud")).toBe("info");
    expect(logLevelFrom(undefined)).toBe("info");
  });
});
