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
]);

export interface OwnedResourceRoute {
  method: string;
  /** Path with :params; the suite fills them from an object the owner created. */
  path: string;
  /** Creates the owner's object with the owner's session cookie; returns the params. */
  create(ownerCookie: string): Promise<Record<string, string>>;
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
];
