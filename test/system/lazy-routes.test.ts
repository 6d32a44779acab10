import { describe, expect, it } from "vitest";
import { signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call, expectError } from "../support/http";

useTestDatabase();

// The admin API is loaded on its first request (src/app/lazy-routes.ts): it must behave as if
// it were mounted like any other group.
describe("lazily loaded admin routes", () => {
  it("answer with the app's request id, locale and error shape, and are documented", async () => {
    const admin = await signUpAdmin();
    const res = await call("/api/admin/no-such-report?locale=ja", {
      headers: { cookie: admin.cookie, "x-request-id": "lazy-check-1" },
    });
    const body = await expectError(res, 404, "NOT_FOUND");
    expect(body.error.requestId).toBe("lazy-check-1");
    expect(res.headers.get("x-request-id")).toBe("lazy-check-1");
    expect(res.headers.get("content-language")).toBe("ja");

    const signedOut = await call("/api/admin/users");
    await expectError(signedOut, 401, "UNAUTHENTICATED");

    const doc = await (await call("/openapi.json")).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toContain("/api/admin/users");
    expect(Object.keys(doc.paths)).toContain("/api/community/artworks");
  });
});
