import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ATTRIBUTION_COOKIE } from "../../src/auth/attribution";
import { user } from "../../src/db/schema";
import { setCookies, signUp } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call } from "../support/http";

const db = useTestDatabase();

async function attributionOf(id: string) {
  const [row] = await db()
    .select({
      country: user.signupCountry,
      ref: user.signupRef,
      utmSource: user.signupUtmSource,
      invitedBy: user.invitedBy,
    })
    .from(user)
    .where(eq(user.id, id));
  return row;
}

/** The attribution cookie a response set, as a Cookie header. */
function attributionCookie(res: Response): string {
  const line = setCookies(res).find((c) => c.startsWith(`${ATTRIBUTION_COOKIE}=`));
  expect(line, "attribution cookie").toBeDefined();
  return line!.split(";")[0]!;
}

describe("sign-up attribution", () => {
  it("stores country, ref, utm_source and inviter from the sign-up request", async () => {
    const inviter = await signUp();
    const created = await signUp({
      query: `?ref=twitter&utm_source=newsletter&invite=${inviter.id}`,
      headers: { "cf-ipcountry": "jp" },
    });
    expect(await attributionOf(created.id)).toEqual({
      country: "JP",
      ref: "twitter",
      utmSource: "newsletter",
      invitedBy: inviter.id,
    });
  });

  it("remembers the first visit's campaign in a cookie that a later sign-up reads", async () => {
    const landing = await call("/api/configs?ref=blog&utm_source=google");
    expect(landing.status).toBe(200);
    const cookie = attributionCookie(landing);
    expect(landing.headers.get("set-cookie")).toMatch(/HttpOnly/i);

    // A later visit with another campaign keeps the first one (the browser sends the cookie).
    const later = await call("/health?ref=other", { headers: { cookie } });
    expect(setCookies(later).join()).not.toContain(ATTRIBUTION_COOKIE);

    // Browsers send Origin with cookie-carrying POSTs; better-auth's CSRF check requires it.
    const created = await signUp({ headers: { cookie, origin: "http://127.0.0.1:8787" } });
    expect(await attributionOf(created.id)).toMatchObject({ ref: "blog", utmSource: "google" });
  });

  it("ignores unknown invite codes, junk tags and unknown countries instead of failing", async () => {
    const created = await signUp({
      query: `?invite=${crypto.randomUUID()}&ref=${encodeURIComponent("<script>")}&utm_source=ok`,
      headers: { "cf-ipcountry": "XX" },
    });
    expect(await attributionOf(created.id)).toEqual({
      country: null,
      ref: null,
      utmSource: "ok",
      invitedBy: null,
    });
  });
});
