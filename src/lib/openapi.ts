import { ErrorResponseSchema } from "./errors";

/** An error response entry for createRoute's `responses`. */
export const errorBody = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorResponseSchema } },
});

export const jsonBody = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** Signed-in via the session cookie or an API key (names match SECURITY_SCHEMES). */
export const SESSION_OR_API_KEY: Record<string, string[]>[] = [{ session: [] }, { apiKey: [] }];
export const SESSION_ONLY: Record<string, string[]>[] = [{ session: [] }];

export const AUTH_ERRORS = {
  401: errorBody("Not signed in, or the API key is unknown, revoked or expired"),
  403: errorBody("The API key lacks the scope this route needs"),
  429: errorBody("Too many requests; see Retry-After and RateLimit-* headers"),
};
