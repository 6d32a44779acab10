import { describe, expect, it } from "vitest";
import { ConfigsResponse } from "../../src/configs/routes";
import { signUp } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { seedWorks, testStyle } from "../support/gallery";
import { call, postJson } from "../support/http";
import { expectPageHeaders, getPage, visibleText } from "../support/pages";

const db = useTestDatabase();

/** The generator's data block, checked against the /api/configs schema (less plans). */
const CreateConfig = ConfigsResponse.pick({
  models: true,
  styles: true,
  scenes: true,
  outfits: true,
  actions: true,
  cameraMotions: true,
}).strict();

function dataBlock(html: string, id: string): unknown {
  const match = html.match(
    new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`),
  );
  expect(match, `data block #${id}`).not.toBeNull();
  return JSON.parse(match?.[1] ?? "null");
}

const textareaOf = (html: string) => html.match(/<textarea[^>]*>([^<]*)<\/textarea>/)?.[1];
const checkedModel = (html: string) =>
  html.match(/<input type="radio" name="model" id="[^"]*" value="([^"]+)"[^>]*checked/)?.[1];

describe("the generator page", () => {
  it("sends visitors to sign in and back", async () => {
    const { res } = await getPage("/create?reuse=image:x");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/sign-in?next=%2Fcreate%3Freuse%3Dimage%3Ax");
  });

  it("offers every model with localised names, prices and the same data as /api/configs", async () => {
    const user = await signUp();
    const { res, html } = await getPage("/create?locale=ja", { cookie: user.cookie });
    expect(res.status).toBe(200);
    expectPageHeaders(res);
    const text = visibleText(html);
    expect(text).toContain("プロンプト");
    expect(text).toContain("Nano Banana Pro");
    // Localised description and badges of a model, and the per-image price.
    expect(text).toContain("最高精細・最大 4K");
    expect(text).toContain("プロ");
    expect(text).toContain("1 枚あたり 10 クレジット");
    const config = CreateConfig.parse(dataBlock(html, "create-config"));
    const api = await (await call("/api/configs?locale=ja")).json<{ models: unknown[] }>();
    expect(config.models).toEqual(api.models);
    for (const model of config.models) expect(html).toContain(`value="${model.id}"`);

    for (const testid of [
      "model-select",
      "prompt-input",
      "credit-quote",
      "create-submit",
      "generation-status",
    ]) {
      expect(html).toContain(`data-testid="${testid}"`);
    }
    // The first image model is chosen; its price is quoted by the API's own rule.
    const first = config.models.find((m) => m.type === "image");
    expect(checkedModel(html)).toBe(first?.id);
    const quote = await postJson("/api/generations/quote", {
      type: "image",
      model: first?.id,
      prompt: "x",
    });
    const { credits } = await quote.json<{ credits: number }>();
    expect(html).toMatch(new RegExp(`data-testid="credit-quote">${credits} クレジット<`));
    expect(html).toContain(`maxlength="${first?.prompt.maxLength}"`);
    // The scripts and the texts they need are on the page.
    expect(html).toMatch(/<script defer="" src="\/static\/[0-9a-f]{8}\/library\.js">/);
    expect(html).toMatch(/<script defer="" src="\/static\/[0-9a-f]{8}\/create\.js">/);
    const texts = dataBlock(html, "i18n") as Record<string, string>;
    expect(texts["web.create.status.processing"]).toBe("生成中");
    expect(texts["web.layout.credits"]).toBe("{count} クレジット");
  });

  it("prefills the form from a public work's settings (?reuse=), escaped", async () => {
    const owner = await signUp();
    const prompt = `</textarea><script>alert("x")</script> & more`;
    const [work] = await seedWorks(db(), {
      userId: owner.id,
      style: testStyle(),
      works: [{ type: "image", prompt, model: "seedream" }],
    });
    const viewer = await signUp();
    const { res, html } = await getPage(`/create?reuse=image:${work?.uuid}`, {
      cookie: viewer.cookie,
    });
    expect(res.status).toBe(200);
    expect(html).not.toContain("<script>alert");
    expect(textareaOf(html)).toBe(
      "&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more",
    );
    expect(checkedModel(html)).toBe("seedream");
    expect(html).not.toContain(`data-testid="reuse-unavailable"`);
  });

  it("prefills a video's duration and quality and shows the video options", async () => {
    const owner = await signUp();
    const [work] = await seedWorks(db(), {
      userId: owner.id,
      style: testStyle(),
      works: [{ type: "video", prompt: "a slow pan over a city", model: "kling" }],
    });
    const viewer = await signUp();
    const { html } = await getPage(`/create?reuse=video:${work?.uuid}`, { cookie: viewer.cookie });
    expect(checkedModel(html)).toBe("kling");
    expect(html).toMatch(/id="create-type-video" name="type" value="video" checked/);
    expect(html).toMatch(/<div class="field" data-field="duration">/);
    expect(html).toMatch(/<option value="5" selected="">/);
  });

  it("says so when the work to reuse is private, and starts from the defaults", async () => {
    const owner = await signUp();
    const [work] = await seedWorks(db(), {
      userId: owner.id,
      style: testStyle(),
      works: [{ type: "image", prompt: "secret private prompt", visibility: "private" }],
    });
    const viewer = await signUp();
    for (const reuse of [`image:${work?.uuid}`, "image:not-a-uuid", "gif:x"]) {
      const { res, html } = await getPage(`/create?reuse=${reuse}`, { cookie: viewer.cookie });
      expect(res.status).toBe(200);
      expect(html).toContain(`data-testid="reuse-unavailable"`);
      expect(html).not.toContain("secret private prompt");
      expect(textareaOf(html)).toBe("");
    }
    // The owner may reuse their own private work.
    const own = await getPage(`/create?reuse=image:${work?.uuid}`, { cookie: owner.cookie });
    expect(textareaOf(own.html)).toBe("secret private prompt");
  });
});
