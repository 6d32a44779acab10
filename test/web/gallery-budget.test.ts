import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { seedWorks, testStyle } from "../support/gallery";
import { call } from "../support/http";
import { getPage } from "../support/pages";
import { cardsOf } from "./gallery-html";

const db = useTestDatabase();
const WORKS = 50;
const BUDGET_BYTES = 100_000;

describe("gallery page weight", () => {
  it(`serves ${WORKS} works in under ${BUDGET_BYTES} bytes of HTML, CSS and JS`, async () => {
    const author = await createUser(db(), { displayName: "A creator with a fairly long name" });
    const style = testStyle();
    await seedWorks(db(), {
      userId: author.id,
      style,
      works: Array.from({ length: WORKS }, (_, i) => ({
        type: i % 5 === 0 ? ("video" as const) : ("image" as const),
        ageSeconds: i,
        likes: i * 3,
        prompt:
          `masterpiece, 1girl, silver hair, night city, neon lights, rain, detailed ${i} `.repeat(
            4,
          ),
      })),
    });
    const { res, html } = await getPage(`/?style=${style}&limit=${WORKS}`);
    expect(res.status).toBe(200);
    expect(cardsOf(html)).toHaveLength(WORKS);

    // Everything the first screen needs is in the HTML; scripts never block rendering.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? "");
    for (const attrs of scripts.filter((a) => a.includes("src="))) expect(attrs).toContain("defer");
    const assets = [
      ...html.matchAll(/<link rel="stylesheet" href="(\/static\/[^"]+)"/g),
      ...html.matchAll(/<script defer="" src="(\/static\/[^"]+)"/g),
    ].map((m) => m[1] as string);
    expect(assets.some((a) => a.endsWith("/gallery.js"))).toBe(true);
    const htmlBytes = new TextEncoder().encode(html).length;
    let bytes = htmlBytes;
    const sizes: Record<string, number> = {};
    for (const asset of assets) {
      const file = await call(asset);
      expect(file.status).toBe(200);
      const size = (await file.arrayBuffer()).byteLength;
      sizes[asset.split("/").pop() ?? asset] = size;
      bytes += size;
    }
    // Vitest hands out CSS files as empty strings unless its config processes them: then the
    // budget would be measured without the stylesheet and pass for the wrong reason.
    expect(
      sizes["app.css"],
      "app.css is empty: vitest.config.ts needs test.css.include for src/web/static/*.css",
    ).toBeGreaterThan(1000);
    console.info(`gallery page: ${bytes} bytes (HTML ${htmlBytes}, ${JSON.stringify(sizes)})`);
    expect(bytes).toBeLessThan(BUDGET_BYTES);
  });
});
