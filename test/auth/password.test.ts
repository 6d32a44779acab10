import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../src/auth/password";

describe("password hashing (node:crypto scrypt in workerd, better-auth's format)", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("aniforge-dev-password");
    expect(hash).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await verifyPassword(hash, "aniforge-dev-password")).toBe(true);
    expect(await verifyPassword(hash, "aniforge-dev-passwore")).toBe(false);
  });

  it("salts each hash and treats NFKC-equivalent passwords as equal", async () => {
    const a = await hashPassword("ｐａｓｓ");
    expect(a).not.toBe(await hashPassword("ｐａｓｓ"));
    expect(await verifyPassword(a, "pass")).toBe(true);
  });

  it("rejects malformed hashes instead of throwing", async () => {
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
    expect(await verifyPassword("abcd:zz", "x")).toBe(false);
  });
});
