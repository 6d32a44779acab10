import { describe, expect, it } from "vitest";
import { generationImages } from "../../src/db/schema";
import { patchJson, signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createGeneration, imageValues } from "../support/fixtures";
import { call, expectError } from "../support/http";

const db = useTestDatabase();

type Generation = {
  uuid: string;
  status: string;
  images: { uuid: string; url: string; visibility: string }[];
};
type Page = { items: Generation[]; nextCursor: string | null };

async function succeededWithImage(
  userId: string,
  overrides: Parameters<typeof createGeneration>[2] = {},
) {
  const generation = await createGeneration(db(), userId, {
    status: "succeeded",
    successCount: 1,
    modelId: "z-image",
    style: "classic-anime",
    aspectRatio: "2:3",
    ...overrides,
  });
  const [image] = await db().insert(generationImages).values(imageValues(generation)).returning();
  return { generation, image: image as typeof generationImages.$inferSelect };
}

describe("reading and managing my generations", () => {
  it("lists mine newest first with filters and a cursor, never anyone else's", async () => {
    const me = await signUp();
    const stranger = await signUp();
    const a = await createGeneration(db(), me.id, {
      status: "failed",
      createdAt: new Date(Date.now() - 3000),
    });
    const b = await succeededWithImage(me.id, { createdAt: new Date(Date.now() - 2000) });
    const c = await createGeneration(db(), me.id, { status: "processing", type: "image" });
    await createGeneration(db(), stranger.id);

    const first = await (
      await call("/api/generations?limit=2", withCookie(me.cookie))
    ).json<Page>();
    expect(first.items.map((g) => g.uuid)).toEqual([c.uuid, b.generation.uuid]);
    expect(first.items[1]?.images[0]?.url).toBe(b.image.imageUrl);
    const second = await (
      await call(`/api/generations?limit=2&cursor=${first.nextCursor}`, withCookie(me.cookie))
    ).json<Page>();
    expect(second).toEqual({
      items: [expect.objectContaining({ uuid: a.uuid })],
      nextCursor: null,
    });
    const failed = await (
      await call("/api/generations?status=failed", withCookie(me.cookie))
    ).json<Page>();
    expect(failed.items.map((g) => g.uuid)).toEqual([a.uuid]);
    await expectError(
      await call("/api/generations?status=done", withCookie(me.cookie)),
      400,
      "VALIDATION_FAILED",
    );
    await expectError(
      await call("/api/generations?cursor=forged", withCookie(me.cookie)),
      400,
      "INVALID_CURSOR",
    );
  });

  it("shows one generation to its owner only", async () => {
    const me = await signUp();
    const stranger = await signUp();
    const { generation } = await succeededWithImage(me.id);
    const mine = await call(`/api/generations/${generation.uuid}`, withCookie(me.cookie));
    expect(await mine.json<Generation>()).toMatchObject({
      uuid: generation.uuid,
      status: "succeeded",
    });
    await expectError(
      await call(`/api/generations/${generation.uuid}`, withCookie(stranger.cookie)),
      404,
      "NOT_FOUND",
    );
  });

  it("publishes, unpublishes and deletes; deleted works vanish from lists and media", async () => {
    const me = await signUp();
    const stranger = await signUp();
    const { generation, image } = await succeededWithImage(me.id);
    const path = `/api/artworks/image/${image.uuid}`;

    await expectError(
      await patchJson(path, { visibility: "public" }, { cookie: stranger.cookie }),
      404,
      "NOT_FOUND",
    );
    const published = await patchJson(path, { visibility: "public" }, { cookie: me.cookie });
    expect(await published.json()).toEqual({
      type: "image",
      uuid: image.uuid,
      visibility: "public",
    });
    await expectError(
      await patchJson(path, { visibility: "everyone" }, { cookie: me.cookie }),
      400,
      "VALIDATION_FAILED",
    );

    const del = await call(
      `/api/generations/${generation.uuid}`,
      withCookie(stranger.cookie, { method: "DELETE" }),
    );
    await expectError(del, 404, "NOT_FOUND");
    const gone = await call(
      `/api/generations/${generation.uuid}`,
      withCookie(me.cookie, { method: "DELETE" }),
    );
    expect(gone.status).toBe(204);
    await expectError(
      await call(`/api/generations/${generation.uuid}`, withCookie(me.cookie)),
      404,
      "NOT_FOUND",
    );
    const list = await (await call("/api/generations", withCookie(me.cookie))).json<Page>();
    expect(list.items.map((g) => g.uuid)).not.toContain(generation.uuid);
    await expectError(
      await patchJson(path, { visibility: "public" }, { cookie: me.cookie }),
      404,
      "NOT_FOUND",
    );
    await expectError(await call(`/api/artworks/image/${image.uuid}/reuse`), 404, "NOT_FOUND");
  });

  it("reuse gives the request back: to the owner always, to others only for public works", async () => {
    const me = await signUp();
    const { image } = await succeededWithImage(me.id, {
      prompt: "a fox at dusk",
      referenceImages: ["https://example.com/ref.png", crypto.randomUUID()],
    });
    const path = `/api/artworks/image/${image.uuid}/reuse`;
    const own = await (await call(path, withCookie(me.cookie))).json<Record<string, unknown>>();
    expect(own).toMatchObject({
      type: "image",
      model: "z-image",
      prompt: "a fox at dusk",
      aspectRatio: "2:3",
      style: "classic-anime",
    });
    expect(own.referenceImages).toHaveLength(2);
    await expectError(await call(path), 404, "NOT_FOUND");
    await patchJson(
      `/api/artworks/image/${image.uuid}`,
      { visibility: "public" },
      { cookie: me.cookie },
    );
    const theirs = await (await call(path)).json<Record<string, unknown>>();
    expect(theirs.referenceImages).toEqual(["https://example.com/ref.png"]);
  });
});
