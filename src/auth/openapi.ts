import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { errorBody, jsonBody } from "../lib/openapi";
import { AUTH_BASE_PATH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./constants";

const SessionUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    emailVerified: z.boolean(),
    image: z.string().nullable().optional(),
    role: z.enum(["user", "admin"]),
    locale: z.string().nullable().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "SessionUser" });

const SignUpBody = z
  .object({
    name: z.string().min(1),
    email: z.email(),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
    callbackURL: z.string().optional(),
  })
  .meta({ id: "SignUpEmail" });

const SignInBody = z
  .object({
    email: z.email(),
    password: z.string(),
    rememberMe: z.boolean().optional(),
  })
  .meta({ id: "SignInEmail" });

const SignedIn = z
  .object({ token: z.string().nullable(), user: SessionUser })
  .meta({ id: "SignedIn" });

const tags = ["Auth"];
const attributionQuery = z.object({
  ref: z.string().optional().meta({ description: "Referrer tag, stored on the new account" }),
  utm_source: z.string().optional(),
  invite: z.string().optional().meta({ description: "Invite code: the inviter's user id" }),
});

/**
 * better-auth serves these itself (src/auth/routes.ts); they are described here so clients see
 * the whole API in one document. Only the endpoints clients need are listed.
 */
export function registerAuthDocs(registry: OpenAPIHono["openAPIRegistry"]) {
  registry.registerPath({
    method: "post",
    path: `${AUTH_BASE_PATH}/sign-up/email`,
    tags,
    summary: "Create an account with email and password; sets the session cookie",
    request: {
      query: attributionQuery,
      body: { content: { "application/json": { schema: SignUpBody } } },
    },
    responses: {
      200: jsonBody(SignedIn, "Signed up and signed in (Set-Cookie)"),
      400: errorBody("Invalid email, or a password outside the length rule"),
      409: errorBody("EMAIL_ALREADY_REGISTERED"),
      429: errorBody("Too many attempts from this address"),
    },
  });
  registry.registerPath({
    method: "post",
    path: `${AUTH_BASE_PATH}/sign-in/email`,
    tags,
    summary: "Sign in; sets the session cookie",
    request: { body: { content: { "application/json": { schema: SignInBody } } } },
    responses: {
      200: jsonBody(SignedIn, "Signed in (Set-Cookie)"),
      401: errorBody("INVALID_CREDENTIALS"),
      429: errorBody("Too many attempts from this address"),
    },
  });
  registry.registerPath({
    method: "post",
    path: `${AUTH_BASE_PATH}/sign-out`,
    tags,
    summary: "Sign out: ends the session and clears the cookie",
    responses: { 200: jsonBody(z.object({ success: z.boolean() }), "Signed out") },
  });
  registry.registerPath({
    method: "get",
    path: `${AUTH_BASE_PATH}/get-session`,
    tags,
    summary: "The current session and user, or null",
    responses: {
      200: jsonBody(
        z.object({ session: z.object({ expiresAt: z.string() }), user: SessionUser }).nullable(),
        "The session, or null when signed out",
      ),
    },
  });
}
