import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

// better-auth's own parameters and `salt:key` hex format, so hashes from either side verify
// on the other. node:crypto's scrypt is native in workerd; better-auth's default pure-JS
// scrypt can exceed the Workers CPU limit (PLATFORM-NOTES).
const N = 16384;
const r = 16;
const p = 1;
const KEY_LENGTH = 64;
const MAXMEM = 128 * N * r * 2;

function deriveKey(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { N, r, p, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16).toString("hex");
  const key = await deriveKey(password, salt);
  return `${salt}:${key.toString("hex")}`;
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const [salt, keyHex] = hash.split(":");
  if (!salt || !keyHex || !/^[0-9a-f]+$/i.test(keyHex)) return false;
  const expected = Buffer.from(keyHex, "hex");
  const actual = await deriveKey(password, salt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
