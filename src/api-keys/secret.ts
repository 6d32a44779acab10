/**
 * Key format: `ak_live_` (production) or `ak_test_` (elsewhere) + 32 base62 characters
 * (~190 bits). Only the SHA-256 of the whole key is stored: the secret is high-entropy, so a
 * fast hash is enough and lookups stay one indexed equality.
 */
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SECRET_LENGTH = 32;
export const API_KEY_FORMAT = /^ak_(live|test)_[0-9A-Za-z]{32}$/;
/** Characters shown back to the user to recognise a key: `ak_live_AbCd`. */
const DISPLAY_PREFIX_LENGTH = 12;

export function generateApiKeySecret(environment: string): string {
  const mode = environment === "production" ? "live" : "test";
  const bytes = crypto.getRandomValues(new Uint8Array(SECRET_LENGTH * 2));
  let body = "";
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
  for (const byte of bytes) {
    if (byte < 248) body += ALPHABET[byte % 62];
    if (body.length === SECRET_LENGTH) break;
  }
  return body.length === SECRET_LENGTH ? `ak_${mode}_${body}` : generateApiKeySecret(environment);
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, DISPLAY_PREFIX_LENGTH);
}

export async function hashApiKeySecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
