import { describe, expect, it } from "vitest";
import { grantCredits } from "../../src/credits/service";
import { signUp } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call } from "../support/http";
import { seedOrders, seedSubscription } from "../support/orders";
import { expectPageHeaders, getPage, postForm, visibleText } from "../support/pages";

const db = useTestDatabase();

const balanceOf = (html: string) =>
  Number(html.match(/data-testid="credit-balance" data-balance="(\d+)"/)?.[1]);

describe("account page", () => {
  it("sends visitors to sign in and back", async () => {
    const { res } = await getPage("/account");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/sign-in?next=%2Faccount");
    const post = await postForm("/account/check-in", {});
    expect(post.status).toBe(302);
    expect(post.headers.get("location")).toBe("/sign-in?next=%2Faccount%2Fcheck-in");
    // After signing in, that address leads back to the page rather than to a 404.
    const user = await signUp();
    const back = await getPage("/account/check-in", { cookie: user.cookie });
    expect(back.res.status).toBe(302);
    expect(back.res.headers.get("location")).toBe("/account");
  });

  it("shows the balance, the signup bonus in the localised history and its expiry", async () => {
    const user = await signUp();
    const { res, html } = await getPage("/account?locale=ja", { cookie: user.cookie });
    expect(res.status).toBe(200);
    expectPageHeaders(res);
    expect(balanceOf(html)).toBe(50);
    const history = html.match(/<table data-testid="credit-history">[\s\S]*?<\/table>/)?.[0] ?? "";
    expect(visibleText(history)).toContain("新規登録ボーナス");
    expect(visibleText(history)).toContain("+50");
    expect(visibleText(html)).toContain("50 クレジット");
    expect(html).toContain(`data-testid="check-in"`);
  });

  it("checks in once a day; a second check-in says so", async () => {
    const user = await signUp();
    const first = await postForm("/account/check-in", {}, { cookie: user.cookie });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/account?checkIn=done#check-in");
    const done = await getPage("/account?checkIn=done&locale=en", { cookie: user.cookie });
    expect(balanceOf(done.html)).toBe(55);
    expect(visibleText(done.html)).toContain("Checked in! You received 5 credits.");
    expect(done.html).toContain(`data-state="done"`);
    expect(visibleText(done.html)).toContain("Daily check-in");

    const second = await postForm("/account/check-in", {}, { cookie: user.cookie });
    expect(second.headers.get("location")).toBe("/account?checkIn=already#check-in");
    const again = await getPage("/account?checkIn=already&locale=zh", { cookie: user.cookie });
    expect(visibleText(again.html)).toContain("你今天已经签到过了");
    expect(balanceOf(again.html)).toBe(55);
  });

  it("shows a new API key's secret once, then only its prefix; revokes it", async () => {
    const user = await signUp();
    const created = await postForm(
      "/account/api-keys",
      { name: "CI <script>", scopes: "profile:read" },
      { cookie: user.cookie },
    );
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const html = await created.text();
    const secret = html.match(/data-testid="api-key-secret">([^<]+)</)?.[1] ?? "";
    expect(secret.length).toBeGreaterThan(20);
    expect(html).not.toContain("CI <script>");
    const me = await call("/api/me", { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);

    const later = await getPage("/account", { cookie: user.cookie });
    expect(later.html).not.toContain(secret);
    expect(later.html).not.toContain(`data-testid="api-key-secret"`);
    const prefix = later.html.match(/data-testid="api-key-prefix">([^<]+)</)?.[1] ?? "";
    expect(secret.startsWith(prefix.replace("…", ""))).toBe(true);
    expect(visibleText(later.html)).toContain("profile:read");

    const id = later.html.match(/data-testid="api-key-row" data-key-id="([^"]+)"/)?.[1] ?? "";
    const stranger = await signUp();
    const foreign = await postForm(
      `/account/api-keys/${id}/revoke`,
      {},
      { cookie: stranger.cookie },
    );
    expect(foreign.status).toBe(404);
    const revoked = await postForm(`/account/api-keys/${id}/revoke`, {}, { cookie: user.cookie });
    expect(revoked.status).toBe(303);
    const after = await getPage("/account?revoked=1&locale=en", { cookie: user.cookie });
    expect(visibleText(after.html)).toContain("The API key was revoked.");
    expect(after.html).not.toContain(`data-testid="api-key-revoke"`);
    const refused = await call("/api/me", { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status).toBe(401);

    const invalid = await postForm(
      "/account/api-keys",
      { name: "no scopes" },
      { cookie: user.cookie },
    );
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain(`data-testid="api-key-error"`);
  });

  it("pages through a long credit history with a cursor link", async () => {
    const user = await signUp();
    for (let i = 0; i < 21; i++) {
      await grantCredits(db(), {
        userId: user.id,
        amount: 1,
        type: "admin_grant",
        sourceId: `web-history-${user.id}-${i}`,
        note: `gift ${i}`,
      });
    }
    const first = await getPage("/account?locale=en", { cookie: user.cookie });
    const rows = (html: string) => html.match(/<tr data-type=/g)?.length ?? 0;
    expect(rows(first.html)).toBe(20);
    expect(visibleText(first.html)).toContain("Granted by Aniforge");
    const more = first.html.match(/href="([^"]+)" data-testid="history-more"/)?.[1] ?? "";
    expect(more).toMatch(/^\/account\?history=/);
    const second = await getPage(more.replace(/&amp;/g, "&"), { cookie: user.cookie });
    expect(second.res.status).toBe(200);
    // 21 gifts and the signup bonus: two rows are left for the second page.
    expect(rows(second.html)).toBe(2);
    expect(visibleText(second.html)).toContain("Welcome bonus");
    expect(second.html).not.toContain(`data-testid="history-more"`);
    const broken = await getPage("/account?history=nonsense", { cookie: user.cookie });
    expect(broken.res.status).toBe(400);
  });

  it("saves the profile with a form post and shows it escaped", async () => {
    const user = await signUp();
    const saved = await postForm(
      "/account/profile",
      { displayName: "<b>Neo</b>", bio: "Draws cats", locale: "ja" },
      { cookie: user.cookie },
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/account?saved=profile#profile");
    expect(saved.headers.get("set-cookie")).toMatch(/^aniforge_locale=ja; Path=\//);
    const page = await getPage("/account?saved=profile", { cookie: user.cookie });
    expect(page.html).toContain(`value="&lt;b&gt;Neo&lt;/b&gt;"`);
    expect(page.html).not.toContain("<b>Neo</b>");
    // The saved locale now picks the page's language.
    expect(page.html).toContain(`<html lang="ja"`);
    expect(visibleText(page.html)).toContain("プロフィールを保存しました。");

    const tooLong = await postForm(
      "/account/profile",
      { displayName: "x".repeat(60), bio: "", locale: "" },
      { cookie: user.cookie },
    );
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain(`data-testid="profile-error"`);
  });

  it("shows the subscription, orders and checkout success; opens the billing portal", async () => {
    const user = await signUp();
    await seedSubscription(db(), user.id, {
      planType: "pro",
      interval: "month",
      currentPeriodEnd: new Date("2031-05-04T00:00:00Z"),
    });
    await seedOrders(db(), user.id, [
      { amount: 800, currency: "jpy", productId: "pack-starter", credits: 300 },
    ]);
    const { html } = await getPage("/account?checkout=cs_test_1&locale=en", {
      cookie: user.cookie,
    });
    const text = visibleText(html);
    expect(html).toContain(`data-testid="account-notice"`);
    expect(text).toContain("Thank you!");
    expect(text).toContain("Pro (monthly)");
    expect(text).toContain("May 4, 2031");
    const orders = visibleText(
      html.match(/<table data-testid="order-list">[\s\S]*?<\/table>/)?.[0] ?? "",
    );
    expect(orders).toContain("Starter pack");
    expect(orders).toContain("¥800");
    expect(orders).toContain("Paid");

    const portal = await postForm("/account/portal", {}, { cookie: user.cookie });
    expect(portal.status).toBe(303);
    expect(portal.headers.get("location")).toMatch(/^https?:\/\//);
  });
});
