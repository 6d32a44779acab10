import { signHmac, verifyHmac } from "../lib/hmac";
import { mediaUrlFor } from "./paths";

// Domain separation: the same secret signs provider callback tokens, which must never pass as
// media links (nor the reverse).
const message = (r2Key: string, expiresAt: number) => `media:${r2Key}:${expiresAt}`;

const EXPIRY = /^\d{1,12}$/;

/**
 * `/media/<rest>?exp=…&sig=…`: lets whoever holds it (KieAI fetching a private reference
 * image) read that one object until `expiresAtSeconds` (unix seconds).
 */
export async function signMediaPath(
  secret: string,
  r2Key: string,
  expiresAtSeconds: number,
): Promise<string> {
  if (!Number.isSafeInteger(expiresAtSeconds) || expiresAtSeconds < 0) {
    throw new Error("expiresAtSeconds must be a unix time in whole seconds");
  }
  const sig = await signHmac(secret, message(r2Key, expiresAtSeconds));
  return `${mediaUrlFor(r2Key)}?exp=${expiresAtSeconds}&sig=${sig}`;
}

/** True for an unexpired link signed for this key; compared in constant time. */
export async function verifyMediaSignature(
  secret: string,
  r2Key: string,
  exp: string | undefined,
  sig: string | undefined,
  nowSeconds: number,
): Promise<boolean> {
  if (!exp || !sig || !EXPIRY.test(exp)) return false;
  const expiresAt = Number(exp);
  if (expiresAt <= nowSeconds) return false;
  return verifyHmac(secret, message(r2Key, expiresAt), sig);
}
