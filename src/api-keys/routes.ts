import { createRoute, type z } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { requireUser } from "../auth/guards";
import { currentPrincipal } from "../auth/principal";
import { ApiError } from "../lib/errors";
import { isUuid } from "../lib/ids";
import { AUTH_ERRORS, errorBody, jsonBody, SESSION_ONLY } from "../lib/openapi";
import { decodeCursor, PageQuerySchema } from "../lib/pagination";
import {
  ApiKeyIdParams,
  ApiKeyListSchema,
  ApiKeySchema,
  CreateApiKeyBody,
  CreatedApiKeySchema,
} from "./schemas";
import type { ApiKeyScope } from "./scopes";
import { type ApiKeyRow, createApiKey, listApiKeys, revokeApiKey } from "./service";

const tags = ["API keys"];
// Keys are managed with a session only: a leaked key must not mint or revoke keys.
const middleware = requireUser();

function apiKeyView(row: ApiKeyRow, now: Date): z.infer<typeof ApiKeySchema> {
  const status = row.revokedAt
    ? "revoked"
    : row.expiresAt && row.expiresAt <= now
      ? "expired"
      : "active";
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    status,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

const createKey = createRoute({
  method: "post",
  path: "/api/api-keys",
  tags,
  summary: "Create an API key (the secret is returned once)",
  security: SESSION_ONLY,
  middleware,
  request: {
    body: { required: true, content: { "application/json": { schema: CreateApiKeyBody } } },
  },
  responses: {
    201: jsonBody(CreatedApiKeySchema, "The key and its secret"),
    400: errorBody("Invalid name, scopes or expiry"),
    409: errorBody("An active key with this name exists, or too many active keys"),
    ...AUTH_ERRORS,
  },
});

const listKeys = createRoute({
  method: "get",
  path: "/api/api-keys",
  tags,
  summary: "My API keys, newest first (never the secrets)",
  security: SESSION_ONLY,
  middleware,
  request: { query: PageQuerySchema },
  responses: {
    200: jsonBody(ApiKeyListSchema, "A page of keys"),
    400: errorBody("Invalid cursor or limit"),
    ...AUTH_ERRORS,
  },
});

const revokeKey = createRoute({
  method: "delete",
  path: "/api/api-keys/{id}",
  tags,
  summary: "Revoke one of my API keys (idempotent)",
  security: SESSION_ONLY,
  middleware,
  request: { params: ApiKeyIdParams },
  responses: {
    200: jsonBody(ApiKeySchema, "The revoked key"),
    404: errorBody("No such key of mine"),
    ...AUTH_ERRORS,
  },
});

export const apiKeyRoutes = createRouter()
  .openapi(createKey, async (c) => {
    const services = c.get("services");
    const body = c.req.valid("json");
    const { row, secret } = await createApiKey(services, currentPrincipal(c).userId, {
      name: body.name,
      scopes: body.scopes,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
    });
    c.header("Cache-Control", "no-store");
    return c.json({ apiKey: apiKeyView(row, services.now()), secret }, 201);
  })
  .openapi(listKeys, async (c) => {
    const services = c.get("services");
    const query = c.req.valid("query");
    const page = await listApiKeys(services, currentPrincipal(c).userId, {
      cursor: decodeCursor(query.cursor),
      limit: query.limit,
    });
    const now = services.now();
    return c.json(
      { items: page.items.map((row) => apiKeyView(row, now)), nextCursor: page.nextCursor },
      200,
    );
  })
  .openapi(revokeKey, async (c) => {
    const services = c.get("services");
    const { id } = c.req.valid("param");
    // A malformed id cannot name a key of mine: same answer as someone else's key.
    if (!isUuid(id)) throw new ApiError("NOT_FOUND");
    const row = await revokeApiKey(services, currentPrincipal(c).userId, id);
    return c.json(apiKeyView(row, services.now()), 200);
  });
