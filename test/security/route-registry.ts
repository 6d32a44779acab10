/**
 * The route-security registry. Every operation in /openapi.json is either listed here as
 * public, or declares `security` and is then called by the suite without credentials, with an
 * unknown API key, and (session-only routes) with a valid key. Routes on a user's own object
 * are listed in OWNED_RESOURCE_ROUTES and called by a stranger; admin routes are found by
 * their /api/admin prefix.
 */
export const PUBLIC_OPERATIONS = new Set([
  "GET /health",
  "GET /api/configs",
  "POST /api/generations/quote",
  "POST /api/auth/sign-up/email",
  "POST /api/auth/sign-in/email",
  "POST /api/auth/sign-out",
  "GET /api/auth/get-session",
  "GET /api/users/:id/profile",
  // Authenticated by the HMAC token in its URL (test/generations/callback.test.ts).
  "POST /api/callbacks/kie/:generationUuid",
  // Public works are reusable by anyone; private ones answer 404 (test/generations/manage.test.ts).
  "GET /api/artworks/:type/:uuid/reuse",
  "GET /api/billing/plans",
  // The gallery is browsable signed out (test/community/); private works answer 404.
  "GET /api/community/artworks",
  "GET /api/community/artworks/:type/:uuid",
  "GET /api/users/:id/artworks",
  // Authenticated by the Stripe-Signature header (test/billing/).
  "POST /api/webhooks/stripe",
  // Public works to anyone, private ones to their owner (test/media/).
  "GET /media/:key",
]);

export interface OwnedResourceRoute {
  method: string;
  /** Path with :params; the suite fills them from an object the owner created. */
  path: string;
  /** Creates the owner's object with the owner's session cookie; returns the params. */
  create(ownerCookie: string): Promise<Record<string, string>>;
  /** A valid body, so the route gets past validation to the ownership check. */
  body?: unknown;
}

/** A finished generation with one image, owned by the signed-in owner. */
async function ownedGeneration(ownerCookie: string) {
  const { env } = await import("cloudflare:test");
  const { call, withClientIp } = await import("../support/http");
  const { openDatabase } = await import("../../src/db/client");
  const { generationImages } = await import("../../src/db/schema");
  const { createGeneration, imageValues } = await import("../support/fixtures");
  const me = await (
    await call("/api/me", withClientIp({ headers: { cookie: ownerCookie } }))
  ).json<{ id: string }>();
  const handle = openDatabase({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    const generation = await createGeneration(handle.db, me.id, { status: "succeeded" });
    const [image] = await handle.db
      .insert(generationImages)
      .values(imageValues(generation))
      .returning();
    return { generationUuid: generation.uuid, imageUuid: image?.uuid ?? "" };
  } finally {
    await handle.close();
  }
}

export const OWNED_RESOURCE_ROUTES: OwnedResourceRoute[] = [
  {
    method: "DELETE",
    path: "/api/api-keys/:id",
    async create(ownerCookie) {
      const { postJson } = await import("../support/http");
      const res = await postJson(
        "/api/api-keys",
        { name: "owned", scopes: ["profile:read"] },
        { cookie: ownerCookie },
      );
      const body = await res.json<{ apiKey: { id: string } }>();
      return { id: body.apiKey.id };
    },
  },
  {
    method: "GET",
    path: "/api/generations/:uuid",
    create: async (cookie) => ({ uuid: (await ownedGeneration(cookie)).generationUuid }),
  },
  {
    method: "DELETE",
    path: "/api/generations/:uuid",
    create: async (cookie) => ({ uuid: (await ownedGeneration(cookie)).generationUuid }),
  },
  {
    method: "PATCH",
    path: "/api/artworks/:type/:uuid",
    create: async (cookie) => ({ type: "image", uuid: (await ownedGeneration(cookie)).imageUuid }),
    body: { visibility: "public" },
  },
];
