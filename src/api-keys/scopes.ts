/**
 * What an API key may do. Sessions may do everything their role allows; a key only what its
 * scopes list. Managing keys themselves and admin routes need a session: a leaked key must not
 * be able to mint more keys.
 */
export const API_KEY_SCOPES = [
  "profile:read",
  "profile:write",
  "generations:read",
  "generations:write",
  "credits:read",
  "community:write",
  "billing:read",
] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
