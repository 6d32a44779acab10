/** Where better-auth's endpoints live, and its password rules (shared with the OpenAPI docs). */
export const AUTH_BASE_PATH = "/api/auth";
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
