import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { call, callWithEnv } from "../support/http";

useTestDatabase();

describe("GET /__scheduled (npm run dev's cron trigger)", () => {
  it("runs the cron's jobs in development and is an ordinary 404 anywhere else", async () => {
    const dev = await callWithEnv({ ENVIRONMENT: "development" }, "/__scheduled?cron=17+3+*+*+*");
    expect(dev.status).toBe(200);
    expect(await dev.text()).toBe("Ran scheduled event for 17 3 * * *\n");
    expect((await call("/__scheduled?cron=17+3+*+*+*")).status).toBe(404);
  });
});
