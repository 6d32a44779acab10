import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { user } from "../../src/db/schema";
import { signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser } from "../support/fixtures";
import { seedWorks, testStyle } from "../support/gallery";
import { call, postJson } from "../support/http";
import { at, seedOrders } from "../support/orders";
import { getPage, postForm, visibleText } from "../support/pages";
import {
  imageRequest,
  pipelineAssertions,
  startGeneration,
  testPipelineDeps,
} from "../support/pipeline";

const db = useTestDatabase();
const { creator, balanceOf } = pipelineAssertions(db);
const tag = () => randomUUID().slice(0, 8);

describe("admin generations page", () => {
  it("lists failures with error, age and retryable, escapes messages, and offers a refund", async () => {
    const admin = await signUpAdmin();
    const owner = await createUser(db());
    const code = `X_WEB_${tag().toUpperCase()}`;
    const failed = await createGeneration(db(), owner.id, {
      status: "failed",
      errorCode: code,
      errorMessage: `<img src=x onerror=alert(1)>`,
      createdAt: new Date(Date.now() - 3 * 3600_000),
    });
    const { html } = await getPage(`/admin/generations?errorCode=${code}`, {
      cookie: admin.cookie,
    });
    const rows = html.match(/<tr data-testid="generation-row"[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? "";
    expect(row).toContain(`data-uuid="${failed.uuid}"`);
    expect(row).toContain(code);
    expect(visibleText(row)).toContain("3 hr old");
    expect(row).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(row).not.toContain("<img src=x");
    // Failed by the provider: no late results to fetch, but the credits can go back.
    expect(row).not.toContain('data-testid="retry-button"');
    expect(row).toContain(`data-api="/api/admin/generations/${failed.uuid}/refund"`);
    expect(visibleText(html)).toContain("Top error codes");
  });

  it("refunds a running generation from its form without JS, exactly once", async () => {
    const admin = await signUpAdmin();
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(deps, userId, imageRequest(), { finish: false });
    const list = await getPage("/admin/generations?status=processing&limit=100", {
      cookie: admin.cookie,
    });
    expect(list.html).toContain(`action="/admin/generations/${generation.uuid}/refund"`);

    const refunded = await postForm(
      `/admin/generations/${generation.uuid}/refund`,
      { reason: "web test refund" },
      { cookie: admin.cookie },
    );
    expect(refunded.status).toBe(303);
    expect(refunded.headers.get("location")).toBe("/admin/generations?done=refunded");
    expect(await balanceOf(userId)).toBe(200);
    const after = await getPage("/admin/generations?done=refunded&limit=100", {
      cookie: admin.cookie,
    });
    expect(visibleText(after.html)).toContain("The credits were given back.");
    expect(after.html).toContain(`data-uuid="${generation.uuid}"`);
    expect(after.html).not.toContain(`/admin/generations/${generation.uuid}/refund"`);
    const short = await postForm(
      `/admin/generations/${generation.uuid}/refund`,
      { reason: "x" },
      { cookie: admin.cookie },
    );
    expect(short.status).toBe(400);
  });

  it("offers retry ingest for generations we gave up on, pointing at the admin API", async () => {
    const admin = await signUpAdmin();
    const owner = await createUser(db());
    const late = await createGeneration(db(), owner.id, {
      status: "failed",
      errorCode: "DEADLINE_EXCEEDED",
      remoteTaskId: `task-${tag()}`,
    });
    const { html } = await getPage("/admin/generations?errorCode=DEADLINE_EXCEEDED&limit=100", {
      cookie: admin.cookie,
    });
    const row =
      html.match(
        new RegExp(`<tr data-testid="generation-row" data-uuid="${late.uuid}"[\\s\\S]*?</tr>`),
      )?.[0] ?? "";
    expect(row).toContain("Retryable");
    expect(row).toContain('data-testid="retry-button"');
    expect(row).toContain(`action="/admin/generations/${late.uuid}/retry-ingest"`);
    expect(row).toContain(`data-api="/api/admin/generations/${late.uuid}/retry-ingest"`);
  });
});

describe("admin costs page", () => {
  it("adds, lists and edits a cost, shows a duplicate as a message, and profit follows", async () => {
    const admin = await signUpAdmin();
    const platform = `web-${tag()}`;
    const fields = {
      month: "2012-02",
      platform,
      amount: "1250",
      currency: "usd",
      note: "<b>db</b>",
    };
    const added = await postForm("/admin/costs", fields, { cookie: admin.cookie });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/admin/costs?done=created");
    const range = "from=2012-02&to=2012-02";
    const { html } = await getPage(`/admin/costs?${range}`, { cookie: admin.cookie });
    const row =
      html.match(/<tr data-testid="cost-row"[\s\S]*?<\/tr>/g)?.find((r) => r.includes(platform)) ??
      "";
    expect(visibleText(row)).toContain(`2012-02 ${platform} $12.50`);
    expect(row).toContain("&lt;b&gt;db&lt;/b&gt;");
    expect(html).toContain('data-testid="cost-add-form"');
    expect(html).toContain('data-api="/api/admin/costs"');
    expect(
      visibleText(html.match(/data-testid="profit-table"[\s\S]*?<\/table>/)?.[0] ?? ""),
    ).toContain("2012-02 USD $0.00");

    const duplicate = await postForm("/admin/costs", fields, { cookie: admin.cookie });
    expect(duplicate.headers.get("location")).toBe("/admin/costs?done=COST_ALREADY_EXISTS");
    const conflict = await getPage(`/admin/costs?${range}&done=COST_ALREADY_EXISTS`, {
      cookie: admin.cookie,
    });
    expect(conflict.html).toMatch(/<p class="notice error">[^<]+<\/p>/);

    const id = row.match(/data-id="([0-9a-f-]{36})"/)?.[1] ?? "";
    const edited = await postForm(
      `/admin/costs/${id}`,
      { ...fields, amount: "2000" },
      { cookie: admin.cookie },
    );
    expect(edited.headers.get("location")).toBe("/admin/costs?done=updated");
    const after = await getPage(`/admin/costs?${range}`, { cookie: admin.cookie });
    expect(visibleText(after.html)).toContain(`2012-02 ${platform} $20.00`);
    const profit = after.html.match(/data-testid="profit-table"[\s\S]*?<\/table>/)?.[0] ?? "";
    expect(visibleText(profit)).toContain("2012-02 USD $0.00 $20.00 -$20.00");
  });
});

describe("admin users and orders pages", () => {
  it("finds a user with sign-up attribution and balance, escaping their name", async () => {
    const admin = await signUpAdmin();
    const person = await signUp();
    await db()
      .update(user)
      .set({
        displayName: "<i>Mallory</i>",
        signupCountry: "JP",
        signupRef: "web-ref",
        signupUtmSource: "newsletter",
      })
      .where(eq(user.id, person.id));
    const { html } = await getPage(`/admin/users?q=${encodeURIComponent(person.email)}`, {
      cookie: admin.cookie,
    });
    const rows = html.match(/<tr data-testid="user-row"[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("&lt;i&gt;Mallory&lt;/i&gt;");
    expect(visibleText(rows[0] ?? "")).toMatch(/JP web-ref newsletter .* \d+$/);
  });

  it("filters orders, badges their status and pages with a more link", async () => {
    const admin = await signUpAdmin();
    const buyer = await signUp();
    await seedOrders(db(), buyer.id, [
      { amount: 990, currency: "eur", createdAt: at("2012-03-01T00:00:00Z") },
      {
        amount: 990,
        currency: "eur",
        createdAt: at("2012-03-02T00:00:00Z"),
        status: "refunded",
        refundedAmount: 990,
      },
      { amount: 990, currency: "eur", createdAt: at("2012-03-03T00:00:00Z"), status: "failed" },
    ]);
    const first = await getPage(`/admin/orders?q=${encodeURIComponent(buyer.email)}&limit=2`, {
      cookie: admin.cookie,
    });
    const rows = first.html.match(/<tr data-testid="order-row"[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('class="badge danger" data-status="failed"');
    expect(rows[1]).toContain('class="badge warn" data-status="refunded"');
    expect(visibleText(rows[1] ?? "")).toContain("€9.90 −€9.90 Refunded");
    const more = first.html
      .match(/href="(\/admin\/orders\?[^"]*cursor=[^"]+)"/)?.[1]
      ?.replace(/&amp;/g, "&");
    expect(more).toContain(`q=${encodeURIComponent(buyer.email)}`);
    const next = await getPage(more ?? "", { cookie: admin.cookie });
    const rest = next.html.match(/<tr data-testid="order-row"[\s\S]*?<\/tr>/g) ?? [];
    expect(rest).toHaveLength(1);
    expect(rest[0]).toContain('data-status="paid"');

    const paid = await getPage(`/admin/orders?q=${encodeURIComponent(buyer.email)}&status=paid`, {
      cookie: admin.cookie,
    });
    expect(paid.html.match(/data-testid="order-row"/g)).toHaveLength(1);
  });
});

describe("admin moderation page", () => {
  it("lists works with previews and bans one through the page route and the API route", async () => {
    const admin = await signUpAdmin();
    const owner = await signUp();
    const [image, featured] = await seedWorks(db(), {
      userId: owner.id,
      style: testStyle(),
      works: [
        { type: "image", prompt: `<script>alert(1)</script> ${"p".repeat(200)}` },
        { type: "image", moderation: "featured", ageSeconds: 5 },
      ],
    });
    if (!image || !featured) throw new Error("seed");
    const path = `/admin/moderation?userId=${owner.id}&visibility=all`;
    const { html } = await getPage(path, { cookie: admin.cookie });
    const items = html.match(/<li class="card moderation-item"[\s\S]*?<\/li>/g) ?? [];
    expect(items).toHaveLength(2);
    const first = items[0] ?? "";
    expect(first).toContain('data-testid="moderation-item"');
    expect(first).toMatch(
      /<img src="\/media\/[^"]+" alt="&lt;script&gt;alert\(1\)&lt;\/script&gt; p+…" width="320" height="320"/,
    );
    expect(first).not.toContain("<script>alert");
    expect(first).toContain(`data-api="/api/admin/artworks/image/${image.uuid}/moderation"`);
    expect(first).toMatch(/data-testid="ban-button"/);
    expect(items[1]).toMatch(/aria-pressed="true" data-testid="feature-button"/);

    const banned = await postForm(
      `/admin/moderation/image/${image.uuid}`,
      { status: "banned", next: path },
      { cookie: admin.cookie },
    );
    expect(banned.status).toBe(303);
    expect(banned.headers.get("location")).toBe(path);
    const after = await getPage(path, { cookie: admin.cookie });
    const item = after.html.match(/<li class="card moderation-item"[\s\S]*?<\/li>/)?.[0] ?? "";
    expect(item).toContain('data-status="banned"');
    expect(item).toMatch(/aria-pressed="true" data-testid="ban-button"/);

    // The JS path: the ban button's form names the admin API route, which answers the new state.
    const api = await postJson(
      `/api/admin/artworks/image/${image.uuid}/moderation`,
      { status: "normal" },
      { cookie: admin.cookie },
    );
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({
      moderationStatus: "normal",
      previousStatus: "banned",
    });
    const visitor = await call(`/api/community/artworks/image/${image.uuid}`);
    expect(visitor.status).toBe(200);
  });

  it("speaks Japanese on the moderation and costs pages", async () => {
    const admin = await signUpAdmin();
    const moderation = await getPage("/admin/moderation?locale=ja", { cookie: admin.cookie });
    expect(visibleText(moderation.html)).toContain("モデレーション");
    const costs = await getPage("/admin/costs?locale=ja", { cookie: admin.cookie });
    expect(visibleText(costs.html)).toContain("運用コスト");
    expect(visibleText(costs.html)).toContain("コストを追加");
  });
});
