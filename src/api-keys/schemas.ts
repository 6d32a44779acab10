import { z } from "@hono/zod-openapi";
import { API_KEY_SCOPES } from "./scopes";

export const CreateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(64),
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
    /** Absolute expiry; omit (or null) for a key that lasts until revoked. */
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict()
  .meta({ id: "CreateApiKey" });

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().meta({ description: "The first characters of the key, to recognise it" }),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
    status: z.enum(["active", "revoked", "expired"]),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiKey" });

export const CreatedApiKeySchema = z
  .object({
    apiKey: ApiKeySchema,
    secret: z.string().meta({ description: "Shown once: store it now; only its hash is kept" }),
  })
  .meta({ id: "CreatedApiKey" });

export const ApiKeyListSchema = z
  .object({ items: z.array(ApiKeySchema), nextCursor: z.string().nullable() })
  .meta({ id: "ApiKeyList" });

export const ApiKeyIdParams = z.object({
  id: z.string().meta({ param: { name: "id", in: "path" } }),
});
