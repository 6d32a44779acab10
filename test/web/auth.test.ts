import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { user } from "../../src/db/schema";
import { cookieFrom, signUp, TEST_PASSWORD, uniqueEmail } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { BASE, call, callWithEnv } from "../support/http";
import { expectPageHeaders, getPage, postForm, visibleText } from "../support/pages";

const db = useTestDatabase();

describe("sign-in and sign-up pages", () => {
  it("render labelled forms that keep ?next= and link to each other", async () => {
    const { res, html } = await getPage("/sign-up?next=%2Fpricing");
    expect(res.status).toBe(200);
    expectPageHeaders(res);
    expect(html).toContain(`data-testid="sign-up-form"`);
    for (const name of ["name", "email", "password"]) {
      const id = html.match(new RegExp(`id="([^"]+)" name="${name}"`))?.[1];
      expect(id, name).toBeDefined();
      expect(html).toContain(`<label for="${id}">`);
    }
    expect(html).toContain(`autocomplete="new-password"`);
    expect(html).toContain(`name="next" value="/pricing"`);
    expect(html).toContain(`href="/sign-in?next=%2Fpricing"`);
    // Google sign-in only appears when the deployment configures it.
    expect(html).not.toContain("google-sign-in");

    const signIn = await getPage("/sign-in");
    expect(signIn.html).toContain(`data-testid="sign-in-form"`);
    expect(signIn.html).toContain(`autocomplete="current-password"`);
    expect(signIn.html).toContain(`href="/sign-up"`);
  });

  it("signs up without JS: creates the user, sets the session and goes to next", async () => {
    const email = uniqueEmail("form");
    const res = await postForm("/sign-up", {
      name: "Form Creator",
      email,
      password: TEST_PASSWORD,
      next: "/pricing",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/pricing");
    const cookie = cookieFrom(res);
    expect(cookie).toContain("session_token=");
    const me = await call("/api/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email, name: "Form Creator" });
    const [row] = await db().select().from(user).where(eq(user.email, email));
    expect(row?.name).toBe("Form Creator");

    // A signed-in visitor of the forms is sent on to where they were going.
    const again = await getPage("/sign-in?next=%2Faccount", { cookie });
    expect(again.res.status).toBe(302);
    expect(again.res.headers.get("location")).toBe("/account");
  });

  it("signs in with the form and re-renders it, localised, on a wrong password", async () => {
    const account = await signUp();
    const ok = await postForm("/sign-in", { email: account.email, password: TEST_PASSWORD });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/");
    expect(cookieFrom(ok)).toContain("session_token=");

    const wrong = await postForm("/sign-in?locale=ja", {
      email: account.email,
      password: "not the password",
      next: "/account",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie") ?? "").not.toContain("session_token=");
    const html = await wrong.text();
    expect(visibleText(html)).toContain("メールアドレスまたはパスワードが正しくありません。");
    expect(html).toContain(`value="${account.email}"`);
    expect(html).toContain(`name="next" value="/account"`);
  });

  it("escapes what the visitor typed when showing the form again", async () => {
    const res = await postForm("/sign-in", {
      email: `"><script>alert(1)</script>@x.test`,
      password: "whatever-long",
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const html = await res.text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&quot;&gt;&lt;script&gt;");
  });

  it("answers a taken email with 409 and a short password with 400 and the rule", async () => {
    const existing = await signUp();
    const taken = await postForm("/sign-up?locale=zh", {
      name: "Second",
      email: existing.email,
      password: TEST_PASSWORD,
    });
    expect(taken.status).toBe(409);
    expect(visibleText(await taken.text())).toContain("该邮箱已注册账号，请直接登录。");

    const email = uniqueEmail("short");
    const short = await postForm("/sign-up", { name: "Short", email, password: "abc" });
    expect(short.status).toBe(400);
    const html = await short.text();
    expect(html).toContain(`data-testid="auth-error"`);
    expect(visibleText(html)).toContain("Use between 8 and 128 characters.");
    expect(html).toContain(`value="Short"`);
    expect(await db().select().from(user).where(eq(user.email, email))).toEqual([]);

    const nameless = await postForm("/sign-up", { name: " ", email, password: TEST_PASSWORD });
    expect(nameless.status).toBe(400);
  });

  it("refuses a form posted from another origin, creating nothing", async () => {
    const email = uniqueEmail("forged");
    const res = await postForm(
      "/sign-up",
      { name: "Forged", email, password: TEST_PASSWORD },
      { origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await db().select().from(user).where(eq(user.email, email))).toEqual([]);
  });

  it("never redirects to another site after signing in", async () => {
    const account = await signUp();
    for (const next of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      const res = await postForm("/sign-in", {
        email: account.email,
        password: TEST_PASSWORD,
        next,
      });
      expect(res.status, next).toBe(303);
      expect(res.headers.get("location"), next).toBe("/");
    }
    const page = await getPage(`/sign-in?next=${encodeURIComponent("//evil.example")}`);
    expect(page.html).toContain(`name="next" value="/"`);
  });

  it("offers Google when configured and hands the browser to Google's consent page", async () => {
    const google = { GOOGLE_CLIENT_ID: "test-client", GOOGLE_CLIENT_SECRET: "test-secret" };
    const page = await callWithEnv(google, "/sign-in?next=%2Faccount", {
      headers: { accept: "text/html" },
    });
    expect(await page.text()).toContain(`data-testid="google-sign-in"`);
    const res = await callWithEnv(google, "/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
      body: new URLSearchParams({ provider: "google", next: "/account" }).toString(),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^https:\/\/accounts\.google\.com\//);
    expect((await postForm("/sign-in", { provider: "google", next: "/" })).status).toBe(404);
  });
});
