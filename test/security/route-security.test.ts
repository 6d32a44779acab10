import { describe, expect, it } from "vitest";
import { call, expectError } from "../support/http";
import { PUBLIC_OPERATIONS } from "./route-registry";

type Operation = { security?: unknown[] };
type OpenApiDoc = { paths: Record<string, Record<string, Operation>> };

const METHODS = ["get", "post", "put", "patch", "delete"];

async function operations() {
  const doc = await (await call("/openapi.json")).json<OpenApiDoc>();
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`,
        method: method.toUpperCase(),
        // Parameters filled with a well-formed id nobody owns.
        url: path.replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000"),
        protected: Array.isArray(op.security) && op.security.length > 0,
        admin: path.startsWith("/api/admin"),
      })),
  );
}

describe("route security suite", () => {
  it("every documented operation is either listed public or declares security", async () => {
    const undecided = (await operations()).filter(
      (op) => !op.protected && !PUBLIC_OPERATIONS.has(op.key),
    );
    expect(undecided.map((op) => op.key)).toEqual([]);
  });

  it("the public list names only operations that exist and are not protected", async () => {
    const ops = await operations();
    for (const key of PUBLIC_OPERATIONS) {
      const op = ops.find((o) => o.key === key);
      expect(op, key).toBeDefined();
      expect(op?.protected, key).toBe(false);
    }
  });

  it("admin operations are never public", async () => {
    const exposed = (await operations()).filter((op) => op.admin && !op.protected);
    expect(exposed.map((op) => op.key)).toEqual([]);
  });

  it("every protected operation answers 401 UNAUTHENTICATED without credentials", async () => {
    for (const op of (await operations()).filter((o) => o.protected)) {
      const res = await call(op.url, {
        method: op.method,
        ...(op.method === "GET"
          ? {}
          : { headers: { "content-type": "application/json" }, body: "{}" }),
      });
      await expectError(res, 401, "UNAUTHENTICATED");
    }
  });
});
