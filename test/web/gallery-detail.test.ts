import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signUp } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { seedWorks, testStyle } from "../support/gallery";
import { expectPageHeaders, getPage, visibleText } from "../support/pages";
import { cardsOf, moreLinkOf } from "./gallery-html";

const db = useTestDatabase();

describe("artwork detail page", () => {
  it("shows a video with seekable media, the full prompt, names, reactions and the reuse link", async () => {
    const owner = await signUp({ name: "Mika" });
    const prompt = `a long prompt ${"word ".repeat(80)}end`;
    const [work] = await seedWorks(db(), {
      userId: owner.id,
      style: testStyle(),
      works: [{ type: "video", prompt, likes: 4, favorites: 1, model: "kling" }],
    });
    const { res, html } = await getPage(`/a/video/${work?.uuid}`);
    expect(res.status).toBe(200);
    expectPageHeaders(res);
    expect(html).toContain(`data-testid="work-detail"`);
    expect(html).toMatch(
      /<video controls="" preload="metadata" poster="\/media\/[^"]+0-poster\.png" src="\/media\/[^"]+0\.mp4" width="\d+" height="\d+"/,
    );
    const text = visibleText(html);
    expect(text).toContain(prompt.replace(/\s+/g, " "));
    expect(text).toContain("Kling 2.6");
    expect(html).toContain(`href="/u/${owner.id}"`);
    expect(html).toMatch(/data-testid="like-count">4</);
    expect(html).toMatch(/data-testid="favorite-count">1</);
    expect(html).toContain(`href="/create?reuse=video:${work?.uuid}" data-testid="reuse-link"`);
  });

  it("is 404 for private and banned works, except to their owner", async () => {
    const owner = await signUp();
    const [priv, banned] = await seedWorks(db(), {
      userId: owner.id,
      style: testStyle(),
      works: [
        { type: "image", visibility: "private" },
        { type: "image", moderation: "banned" },
      ],
    });
    const stranger = await signUp();
    for (const work of [priv, banned]) {
      const path = `/a/image/${work?.uuid}`;
      const visitor = await getPage(path);
      expect(visitor.res.status).toBe(404);
      expect(visitor.html).toContain(`data-error-code="NOT_FOUND"`);
      expect((await getPage(path, { cookie: stranger.cookie })).res.status).toBe(404);
      const mine = await getPage(path, { cookie: owner.cookie });
      expect(mine.res.status).toBe(200);
      // The owner cannot like a hidden work, so no reaction buttons are offered.
      expect(mine.html).not.toContain(`data-testid="like-button"`);
    }
    const mine = await getPage(`/a/image/${banned?.uuid}`, { cookie: owner.cookie });
    expect(visibleText(mine.html)).toContain("hidden by moderation");
    expect((await getPage(`/a/image/${randomUUID()}`)).res.status).toBe(404);
    expect((await getPage("/a/image/not-a-uuid")).res.status).toBe(404);
    expect((await getPage(`/a/sculpture/${priv?.uuid}`)).res.status).toBe(404);
  });
});

describe("public profile page", () => {
  it("shows the creator and only their public works, with a more link", async () => {
    const creator = await createUser(db(), { displayName: "Aoi <b>Sora</b>", bio: "I draw skies" });
    const other = await createUser(db());
    const style = testStyle();
    const mine = await seedWorks(db(), {
      userId: creator.id,
      style,
      works: [
        { type: "image", ageSeconds: 30 },
        { type: "video", ageSeconds: 20 },
        { type: "image", ageSeconds: 10, visibility: "private" },
        { type: "image", ageSeconds: 5, moderation: "banned" },
      ],
    });
    await seedWorks(db(), { userId: other.id, style, works: [{ type: "image" }] });

    const { res, html } = await getPage(`/u/${creator.id}?limit=1`);
    expect(res.status).toBe(200);
    expect(html).toContain(`data-testid="profile-header"`);
    expect(html).toContain("Aoi &lt;b&gt;Sora&lt;/b&gt;");
    expect(visibleText(html)).toContain("I draw skies");
    const first = cardsOf(html);
    const more = moreLinkOf(html);
    expect(more?.href).toMatch(new RegExp(`^/u/${creator.id}\\?limit=1&cursor=`));
    expect(more?.api).toMatch(new RegExp(`^/api/users/${creator.id}/artworks\\?limit=1&cursor=`));
    const second = cardsOf((await getPage(more?.href ?? "")).html);
    expect([...first, ...second].map((c) => c.uuid)).toEqual([mine[1]?.uuid, mine[0]?.uuid]);

    const empty = await getPage(`/u/${other.id}?type=video`);
    expect(cardsOf(empty.html)).toHaveLength(0);
    expect(visibleText(empty.html)).toContain("No public works yet.");
    expect((await getPage(`/u/${randomUUID()}`)).res.status).toBe(404);
    expect((await getPage("/u/nobody")).res.status).toBe(404);
  });
});
