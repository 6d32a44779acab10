import { describe, expect, it } from "vitest";
import type { CommunityPage } from "../../src/community/schemas";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { seedWorks, testStyle } from "../support/gallery";
import { BASE, call } from "../support/http";
import { expectPageHeaders, getPage, postForm, visibleText } from "../support/pages";
import { cardsOf, moreLinkOf } from "./gallery-html";

const db = useTestDatabase();

/** A card's like/favorite form as a browser posts it: our origin, the page it was on. */
const react = (
  action: string,
  fields: Record<string, string>,
  options: { cookie?: string; referer: string },
) => postForm(action, fields, options);

describe("community gallery page", () => {
  it("server-renders the works of the filters, with a filter form that works without JS", async () => {
    const author = await createUser(db());
    const style = testStyle();
    const works = await seedWorks(db(), {
      userId: author.id,
      style,
      works: [
        { type: "image", ageSeconds: 40 },
        { type: "video", ageSeconds: 30 },
        { type: "image", ageSeconds: 20 },
        { type: "video", ageSeconds: 10 },
      ],
    });
    const { res, html } = await getPage(`/?style=${style}`);
    expect(res.status).toBe(200);
    expectPageHeaders(res);
    expect(html).toContain(`data-testid="gallery-filters"`);
    expect(cardsOf(html).map((c) => c.uuid)).toEqual(works.map((w) => w.uuid).reverse());
    // Images carry their pixel size; videos show the poster with a play badge.
    expect(html).toMatch(
      /<img src="\/media\/[^"]+0\.png" alt="seeded image [^"]*" width="64" height="64"/,
    );
    expect(html).toMatch(/<img src="\/media\/[^"]+0-poster\.png"[^>]* width="480" height="600"/);
    expect(html).toContain(`class="play"`);
    expect(html).toContain(`href="/u/${author.id}"`);

    const videos = await getPage(`/?style=${style}&type=video`);
    const shown = cardsOf(videos.html);
    expect(shown.map((c) => c.type)).toEqual(["video", "video"]);
    expect(shown.map((c) => c.uuid)).toEqual([works[3]?.uuid, works[1]?.uuid]);
    expect(videos.html).toMatch(/<option value="video" selected="">/);

    // The form sends "any model" as an empty field: that is no filter, not a bad request.
    const form = await getPage(`/?type=image&sort=top&model=&style=${style}`);
    expect(form.res.status).toBe(200);
    expect(cardsOf(form.html).map((c) => c.type)).toEqual(["image", "image"]);
    expect((await getPage("/?sort=sideways")).res.status).toBe(400);
  });

  it("shows an empty state when nothing matches", async () => {
    const { res, html } = await getPage(`/?style=${testStyle()}`);
    expect(res.status).toBe(200);
    expect(cardsOf(html)).toHaveLength(0);
    expect(visibleText(html)).toContain("No works match these filters yet.");
    expect(html).not.toContain(`data-testid="more-link"`);
  });

  it("pages with a plain more link (and its API twin) without repeating a work", async () => {
    const author = await createUser(db());
    const style = testStyle();
    const works = await seedWorks(db(), {
      userId: author.id,
      style,
      works: [5, 4, 3, 2, 1].map((age) => ({ type: "image" as const, ageSeconds: age })),
    });
    const seen: string[] = [];
    let path: string | null = `/?style=${style}&limit=2`;
    let pages = 0;
    while (path) {
      const { res, html } = await getPage(path);
      expect(res.status).toBe(200);
      seen.push(...cardsOf(html).map((c) => c.uuid));
      const more = moreLinkOf(html);
      if (more) {
        expect(more.href).toMatch(new RegExp(`^/\\?style=${style}&limit=2&cursor=`));
        // The API link gives the same next page the link does (what infinite scroll appends).
        const api = await call(more.api);
        expect(api.status).toBe(200);
        const next = await api.json<CommunityPage>();
        const following = cardsOf((await getPage(more.href)).html).map((c) => c.uuid);
        expect(next.items.map((i) => i.uuid)).toEqual(following);
      }
      path = more?.href ?? null;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(works.map((w) => w.uuid).reverse());
  });

  it("shows a signed-in user's like as pressed with its count after a reload", async () => {
    const author = await createUser(db());
    const style = testStyle();
    const [work] = await seedWorks(db(), {
      userId: author.id,
      style,
      works: [{ type: "image", likes: 2 }],
    });
    const fan = await signUp();
    const before = cardsOf((await getPage(`/?style=${style}`, { cookie: fan.cookie })).html);
    expect(before[0]).toMatchObject({ liked: "false", likeCount: 2, favorited: "false" });

    const liked = await call(
      `/api/community/artworks/image/${work?.uuid}/like`,
      withCookie(fan.cookie, { method: "POST" }),
    );
    expect(liked.status).toBe(200);
    const after = cardsOf((await getPage(`/?style=${style}`, { cookie: fan.cookie })).html);
    expect(after[0]).toMatchObject({ liked: "true", likeCount: 3, favorited: "false" });
    // Another viewer sees the count but not someone else's like.
    const visitor = cardsOf((await getPage(`/?style=${style}`)).html);
    expect(visitor[0]).toMatchObject({ liked: "false", likeCount: 3 });
  });

  it("likes and favorites without JS through the card form; visitors sign in first", async () => {
    const author = await createUser(db());
    const style = testStyle();
    const [work] = await seedWorks(db(), { userId: author.id, style, works: [{ type: "video" }] });
    const action = `/a/video/${work?.uuid}/react`;
    const from = `/?style=${style}`;

    const visitor = await react(action, { like: "on" }, { referer: `${BASE}${from}` });
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(from)}`);

    const fan = await signUp();
    const favorited = await react(
      action,
      { favorite: "on" },
      { cookie: fan.cookie, referer: `${BASE}${from}` },
    );
    expect(favorited.status).toBe(303);
    expect(favorited.headers.get("location")).toBe(from);
    const [card] = cardsOf((await getPage(from, { cookie: fan.cookie })).html);
    expect(card).toMatchObject({ favorited: "true", favoriteCount: 1, liked: "false" });

    // Another site's page (or none) is never where the form sends the reader back to.
    const undone = await react(
      action,
      { favorite: "off" },
      { cookie: fan.cookie, referer: "https://evil.example/" },
    );
    expect(undone.headers.get("location")).toBe(`/a/video/${work?.uuid}`);
    const [after] = cardsOf((await getPage(from, { cookie: fan.cookie })).html);
    expect(after).toMatchObject({ favorited: "false", favoriteCount: 0 });
    const forged = await postForm(
      action,
      { like: "on" },
      { cookie: fan.cookie, origin: "https://evil.example" },
    );
    expect(forged.status).toBe(403);
  });

  it("renders a prompt with markup as text", async () => {
    const author = await createUser(db());
    const style = testStyle();
    const prompt = `<script>alert(1)</script> "quoted" <img src=x onerror=alert(2)>`;
    const [work] = await seedWorks(db(), {
      userId: author.id,
      style,
      works: [{ type: "image", prompt }],
    });
    for (const path of [`/?style=${style}`, `/a/image/${work?.uuid}`]) {
      const { html } = await getPage(path);
      expect(html).not.toContain("<script>alert(1)");
      expect(html).not.toContain("<img src=x");
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  });

  it("speaks Japanese to a Japanese reader", async () => {
    const author = await createUser(db());
    const style = testStyle();
    await seedWorks(db(), {
      userId: author.id,
      style,
      works: [{ type: "video" }, { type: "image" }],
    });
    const { html } = await getPage(`/?style=${style}&limit=1`, {
      cookie: "aniforge_locale=ja",
    });
    const text = visibleText(html);
    expect(html).toContain(`<html lang="ja"`);
    for (const words of [
      "コミュニティギャラリー",
      "並び順",
      "すべてのモデル",
      "さらに表示",
      "いいね",
    ])
      expect(text).toContain(words);
  });
});
