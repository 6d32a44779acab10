/**
 * The route-security registry. Every operation in /openapi.json is either listed here as
 * public, or declares `security` and is then called by the suite without credentials.
 * Issues that add protected routes extend OWNED_RESOURCE_ROUTES (another user's object → 404)
 * once sessions exist (issue #3); admin routes are found by their /api/admin prefix.
 */
export const PUBLIC_OPERATIONS = new Set([
  "GET /health",
  "GET /api/configs",
  "POST /api/generations/quote",
]);

export interface OwnedResourceRoute {
  method: string;
  /** Path with :params; the suite fills them from an object the owner created. */
  path: string;
}

export const OWNED_RESOURCE_ROUTES: OwnedResourceRoute[] = [];
