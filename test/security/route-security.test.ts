import { describe, expect, it } from "vitest";
import { API_KEY_SCOPES } from "../../src/api-keys/scopes";
import { signUp, withCookie } from "../support/auth";
import { call, expectError, postJson } from "../support/http";
import { OWNED_RESOURCE_ROUTES, PUBLIC_OPERATIONS } from "./route-registry";

type Operation = { security?: Record<string, unknown>[] };
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
        acceptsApiKey: (op.security ?? []).some((requirement) => "apiKey" in requirement),
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

  const requestFor = (op: { method: string }, headers: Record<string, string>) => ({
    method: op.method,
    headers: { ...headers, ...(op.method === "GET" ? {} : { "content-type": "application/json" }) },
    ...(op.method === "GET" ? {} : { body: "{}" }),
  });

  it("every protected operation answers 401 to an unknown API key", async () => {
    const unknown = { authorization: `Bearer ak_test_${"Z".repeat(32)}` };
    for (const op of (await operations()).filter((o) => o.protected)) {
      await expectError(await call(op.url, requestFor(op, unknown)), 401, "UNAUTHENTICATED");
    }
  });

  it("session-only operations refuse even an API key holding every scope", async () => {
    const owner = await signUp();
    const created = await postJson(
      "/api/api-keys",
      { name: "everything", scopes: [...API_KEY_SCOPES] },
      { cookie: owner.cookie },
    );
    const { secret } = await created.json<{ secret: string }>();
    const sessionOnly = (await operations()).filter((o) => o.protected && !o.acceptsApiKey);
    expect(sessionOnly.length).toBeGreaterThan(0);
    for (const op of sessionOnly) {
      const res = await call(op.url, requestFor(op, { authorization: `Bearer ${secret}` }));
      await expectError(res, 403, "API_KEY_SCOPE_MISSING");
    }
  });

  it("every admin operation answers 403 FORBIDDEN to a signed-in user", async () => {
    const member = await signUp();
    const adminOps = (await operations()).filter((o) => o.admin);
    expect(adminOps.length).toBeGreaterThan(0);
    for (const op of adminOps) {
      const res = await call(op.url, withCookie(member.cookie, requestFor(op, {})));
      await expectError(res, 403, "FORBIDDEN");
    }
  });

  it("another user's object answers 404 on every owned-resource route", async () => {
    const owner = await signUp();
    const stranger = await signUp();
    for (const route of OWNED_RESOURCE_ROUTES) {
      const params = await route.create(owner.cookie);
      const url = route.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "");
      const init = requestFor(route, {});
      if (route.body !== undefined) init.body = JSON.stringify(route.body);
      const res = await call(url, withCookie(stranger.cookie, init));
      await expectError(res, 404, "NOT_FOUND");
    }
  });
});
