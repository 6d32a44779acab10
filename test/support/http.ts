import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { expect } from "vitest";
import worker from "../../src/index";

export const BASE = "http://aniforge.test";

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; details?: Record<string, unknown> };
}

/** A random client address: each call is its own visitor unless a test pins one. */
export function randomIp(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

/** Adds a cf-connecting-ip (as Cloudflare would) unless the test set one. */
export function withClientIp(init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", randomIp());
  return { ...init, headers };
}

/** A request through the Worker's fetch exactly as deployed (bindings from wrangler.toml). */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, withClientIp(init));
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return call(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The Worker with some env values replaced: misconfiguration and outage tests. */
export async function callWithEnv(
  overrides: Record<string, unknown>,
  path: string,
  init?: RequestInit,
): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${BASE}${path}`, withClientIp(init)),
    { ...env, ...overrides } as never,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

/** Asserts the one error shape (SPEC §4) and returns the body. */
export async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = await res.json<ErrorBody>();
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  return body;
}

export type Issue = { path: string; code: string; message: string };

/** The per-field issues of a VALIDATION_FAILED body. */
export function issuesOf(body: ErrorBody): Issue[] {
  return (body.error.details?.issues as Issue[] | undefined) ?? [];
}
