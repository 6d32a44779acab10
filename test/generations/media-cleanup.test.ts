import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { purgeDeletedGenerationMedia } from "../../src/generations/media-cleanup";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser } from "../support/fixtures";
import { generationRow } from "../support/pipeline";

const db = useTestDatabase();
const DAY = 86_400_000;

async function deletedWithMedia(daysAgo: number) {
  const user = await createUser(db());
  const generation = await createGeneration(db(), user.id, {
    status: "succeeded",
    deletedAt: new Date(Date.now() - daysAgo * DAY),
  });
  const prefix = `media/${user.id}/${generation.uuid}/`;
  for (const i of [0, 1]) await env.MEDIA.put(`${prefix}${i}.png`, new Uint8Array([i]));
  return { generation, prefix };
}

const keysUnder = async (prefix: string) =>
  (await env.MEDIA.list({ prefix })).objects.map((o) => o.key);

describe("purging media of deleted generations", () => {
  it("removes the objects a week after deletion, once, and keeps younger ones", async () => {
    const old = await deletedWithMedia(8);
    const recent = await deletedWithMedia(1);
    const now = new Date();
    const first = await purgeDeletedGenerationMedia(db(), env.MEDIA, now);
    expect(first.objects).toBeGreaterThanOrEqual(2);
    expect(await keysUnder(old.prefix)).toEqual([]);
    expect(await keysUnder(recent.prefix)).toHaveLength(2);
    expect((await generationRow(db(), old.generation.uuid)).metadata.mediaPurgedAt).toBe(
      now.toISOString(),
    );
    // The row stays (the ledger and admin views refer to it) and is not purged again.
    await env.MEDIA.put(`${old.prefix}late.png`, new Uint8Array([9]));
    await purgeDeletedGenerationMedia(db(), env.MEDIA, now);
    expect(await keysUnder(old.prefix)).toEqual([`${old.prefix}late.png`]);
  });
});
