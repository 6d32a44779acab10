import { describe, expect, it } from "vitest";
import { generationImages } from "../../src/db/schema";
import { signUp } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createGeneration, imageValues } from "../support/fixtures";
import { expectPageHeaders, getPage, visibleText } from "../support/pages";

const db = useTestDatabase();

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);

/** The library items of a page, in order, as `uuid:status`. */
function itemsOf(html: string): string[] {
  return [
    ...html.matchAll(/data-testid="library-item" data-uuid="([^"]+)" data-status="([^"]+)"/g),
  ].map((m) => `${m[1]}:${m[2]}`);
}

/** The HTML of one item, from its opening tag to the next item's (or the list's end). */
function itemHtml(html: string, uuid: string): string {
  const start = html.indexOf(`data-uuid="${uuid}"`);
  const next = html.indexOf(`data-testid="library-item"`, start);
  return html.slice(start, next === -1 ? undefined : next);
}

describe("my library page", () => {
  it("sends visitors to sign in", async () => {
    const { res } = await getPage("/library?status=failed");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/sign-in?next=%2Flibrary%3Fstatus%3Dfailed");
  });

  it("shows an empty library with a way to start", async () => {
    const user = await signUp();
    const { res, html } = await getPage("/library?locale=zh", { cookie: user.cookie });
    expect(res.status).toBe(200);
    expectPageHeaders(res);
    expect(html).toContain(`data-testid="library-empty"`);
    expect(visibleText(html)).toContain("你还没有生成任何内容。");
    expect(itemsOf(html)).toEqual([]);
  });

  it("lists only my generations, newest first, with status, model, cost and results", async () => {
    const me = await signUp();
    const stranger = await signUp();
    const failed = await createGeneration(db(), me.id, {
      status: "failed",
      createdAt: ago(30),
    });
    const done = await createGeneration(db(), me.id, {
      status: "succeeded",
      successCount: 1,
      modelId: "seedream",
      aspectRatio: "2:3",
      creditsCost: 8,
      createdAt: ago(20),
    });
    const [image] = await db()
      .insert(generationImages)
      .values(imageValues(done, { modelId: "seedream", visibilityLevel: "public" }))
      .returning();
    const running = await createGeneration(db(), me.id, {
      status: "processing",
      prompt: `<script>alert("owned")</script>`,
      createdAt: ago(10),
    });
    const theirs = await createGeneration(db(), stranger.id, { prompt: "the stranger's prompt" });

    const { html } = await getPage("/library?locale=ja", { cookie: me.cookie });
    expect(itemsOf(html)).toEqual([
      `${running.uuid}:processing`,
      `${done.uuid}:succeeded`,
      `${failed.uuid}:failed`,
    ]);
    expect(html).not.toContain(theirs.uuid);
    expect(html).not.toContain("the stranger's prompt");
    // A prompt is text, never markup.
    expect(html).not.toContain(`<script>alert`);
    expect(html).toContain("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;");

    const finished = itemHtml(html, done.uuid);
    expect(visibleText(finished)).toContain("完了");
    expect(visibleText(finished)).toContain("Seedream 4");
    expect(visibleText(finished)).toContain("8 クレジット");
    expect(finished).toContain(`data-testid="result-item"`);
    expect(finished).toMatch(
      new RegExp(`<img src="${image?.imageUrl}" alt="a test prompt" width="320" height="480"`),
    );
    expect(finished).toMatch(
      new RegExp(`data-testid="visibility-toggle" data-type="image" data-uuid="${image?.uuid}"`),
    );
    expect(finished).toContain(`aria-pressed="true"`);
    expect(finished).toContain(`data-testid="delete-generation"`);
    expect(finished).not.toContain(`data-testid="refresh-generation"`);

    const inProgress = itemHtml(html, running.uuid);
    expect(visibleText(inProgress)).toContain("生成中");
    expect(inProgress).toContain(`data-testid="refresh-generation"`);
    expect(visibleText(itemHtml(html, failed.uuid))).toContain("クレジットは返却済みです");
  });

  it("filters by type and status and pages with a 'more' link", async () => {
    const me = await signUp();
    const oldest = await createGeneration(db(), me.id, { status: "failed", createdAt: ago(30) });
    const middle = await createGeneration(db(), me.id, { status: "failed", createdAt: ago(20) });
    await createGeneration(db(), me.id, { status: "pending", createdAt: ago(10) });
    const video = await createGeneration(db(), me.id, {
      type: "video",
      modelId: "kling",
      status: "failed",
      createdAt: ago(5),
    });

    const failedImages = await getPage("/library?type=image&status=failed", { cookie: me.cookie });
    expect(itemsOf(failedImages.html)).toEqual([`${middle.uuid}:failed`, `${oldest.uuid}:failed`]);
    expect(failedImages.html).toMatch(/<option value="failed" selected="">/);

    const videos = await getPage("/library?type=video&status=", { cookie: me.cookie });
    expect(itemsOf(videos.html)).toEqual([`${video.uuid}:failed`]);

    const first = await getPage("/library?status=failed&limit=2", { cookie: me.cookie });
    expect(itemsOf(first.html)).toEqual([`${video.uuid}:failed`, `${middle.uuid}:failed`]);
    const more = first.html.match(/href="([^"]+)" data-testid="library-more"/)?.[1];
    expect(more).toMatch(/^\/library\?status=failed&amp;cursor=/);
    const second = await getPage(more?.replace(/&amp;/g, "&") ?? "", { cookie: me.cookie });
    expect(itemsOf(second.html)).toEqual([`${oldest.uuid}:failed`]);
    expect(second.html).not.toContain(`data-testid="library-more"`);

    const none = await getPage("/library?type=video&status=pending", { cookie: me.cookie });
    expect(none.html).toContain(`data-testid="library-empty"`);
  });

  it("answers a bad filter or cursor with a 400 page, not a crash", async () => {
    const me = await signUp();
    for (const query of ["status=done", "cursor=not-ours", "limit=0"]) {
      const { res, html } = await getPage(`/library?${query}`, { cookie: me.cookie });
      expect(res.status, query).toBe(400);
      expect(html).toContain("data-error-code=");
    }
  });
});
