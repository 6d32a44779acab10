import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { call, callWithEnv, postJson } from "./http";

export const TEST_PASSWORD = "correct horse battery staple";

export interface SignedUpUser {
  id: string;
  email: string;
  /** `Cookie` header value carrying the session. */
  cookie: string;
}

/** Every Set-Cookie line of a response (workerd has getSetCookie; its types lag behind). */
export function setCookies(res: Response): string[] {
  return (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
}

/** The session cookie(s) a response set, as a Cookie request header. */
export function cookieFrom(res: Response): string {
  return setCookies(res)
    .map((line) => line.split(";")[0])
    .filter((pair) => pair && !pair.endsWith("="))
    .join("; ");
}

export function uniqueEmail(tag = "user"): string {
  return `${tag}-${randomUUID().slice(0, 8)}@aniforge.test`;
}

/** Signs up through better-auth's real endpoint and returns the session cookie. */
export async function signUp(
  options: {
    email?: string;
    password?: string;
    name?: string;
    query?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<SignedUpUser> {
  const email = options.email ?? uniqueEmail();
  const res = await postJson(
    `/api/auth/sign-up/email${options.query ?? ""}`,
    { name: options.name ?? "Test Creator", email, password: options.password ?? TEST_PASSWORD },
    options.headers,
  );
  expect(res.status, await res.clone().text()).toBe(200);
  const body = await res.json<{ user: { id: string } }>();
  const cookie = cookieFrom(res);
  expect(cookie).toContain("session_token=");
  return { id: body.user.id, email, cookie };
}

export function withCookie(cookie: string, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("cookie", cookie);
  return { ...init, headers };
}

export function patchJson(path: string, body: unknown, headers: Record<string, string>) {
  return call(path, {
    method: "PATCH",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** An admin: signs up through the real endpoint with their email in ADMIN_EMAILS. */
export async function signUpAdmin(): Promise<SignedUpUser> {
  const email = uniqueEmail("admin");
  const res = await callWithEnv({ ADMIN_EMAILS: email }, "/api/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Admin", email, password: TEST_PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = await res.json<{ user: { id: string } }>();
  return { id: body.user.id, email, cookie: cookieFrom(res) };
}
