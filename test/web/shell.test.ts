import { describe, expect, it } from "vitest";
import { signUp, signUpAdmin } from "../support/auth";
import { call } from "../support/http";
import { expectPageHeaders, getPage, postForm, visibleText } from "../support/pages";

describe("page shell", () => {
  it("serves pages with a strict CSP, fingerprinted assets and no inline script", async () => {
    const { res, html } = await getPage("/pricing");
    expect(res.status).toBe(200);
    expectPageHeaders(res);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    // Every script is an external file: the CSP allows nothing else to run.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? "");
    for (const attrs of scripts)
      expect(attrs).toMatch(/src="\/static\/[0-9a-f]{8}\/|type="application\/json"/);
    const css = html.match(/href="(\/static\/[0-9a-f]{8}\/app\.css)"/)?.[1];
    expect(css).toBeDefined();
    const asset = await call(css!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/text\/css/);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    const stale = await call("/static/00000000/app.css");
    expect(stale.status).toBe(200);
    expect(stale.headers.get("cache-control")).not.toContain("immutable");
    expect((await call("/static/00000000/nope.js")).status).toBe(404);
  });

  it("answers unknown pages with a localised 404 page, not JSON", async () => {
    const { res, html } = await getPage("/admin/no-such-page?locale=ja", {
      cookie: (await signUpAdmin()).cookie,
    });
    expect(res.status).toBe(404);
    expectPageHeaders(res);
    expect(visibleText(html)).toContain("ページが見つかりません");
    expect(html).toContain(`data-error-code="NOT_FOUND"`);
  });

  it("sends visitors of signed-in pages to sign in, and non-admins of /admin get 403", async () => {
    const visitor = await getPage("/admin");
    expect(visitor.res.status).toBe(302);
    expect(visitor.res.headers.get("location")).toBe("/sign-in?next=%2Fadmin");
    const user = await signUp();
    const forbidden = await getPage("/admin", { cookie: user.cookie });
    expect(forbidden.res.status).toBe(403);
    expect(forbidden.html).toContain(`data-error-code="FORBIDDEN"`);
    const admin = await signUpAdmin();
    expect((await getPage("/admin", { cookie: admin.cookie })).res.status).toBe(200);
  });

  it("remembers the chosen locale in a cookie and in a signed-in user's profile", async () => {
    const user = await signUp();
    const switched = await postForm(
      "/locale",
      { locale: "zh", next: "/pricing" },
      { cookie: user.cookie },
    );
    expect(switched.status).toBe(303);
    expect(switched.headers.get("location")).toBe("/pricing");
    const cookie = switched.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^aniforge_locale=zh; Path=\/; Max-Age=31536000; SameSite=Lax/);
    const page = await getPage("/pricing", {
      cookie: "aniforge_locale=zh",
      headers: { "accept-language": "ja" },
    });
    expect(page.html).toContain(`<html lang="zh"`);
    expect(visibleText(page.html)).toContain("画廊");
    const me = await call("/api/me", { headers: { cookie: user.cookie } });
    expect((await me.json<{ locale: string }>()).locale).toBe("zh");
  });

  it("refuses form posts from another origin and redirects only to our own paths", async () => {
    const forged = await postForm(
      "/locale",
      { locale: "ja", next: "/" },
      { origin: "https://evil.example" },
    );
    expect(forged.status).toBe(403);
    expect(forged.headers.get("set-cookie")).toBeNull();
    for (const next of ["https://evil.example/", "//evil.example", "/\\evil.example"]) {
      const res = await postForm("/locale", { locale: "ja", next });
      expect(res.headers.get("location"), next).toBe("/");
    }
  });

  it("signs out through a form post and clears the session", async () => {
    const user = await signUp();
    const res = await postForm("/sign-out", {}, { cookie: user.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/session_token=;/);
    const me = await call("/api/me", { headers: { cookie: user.cookie } });
    expect(me.status).toBe(401);
  });
});
