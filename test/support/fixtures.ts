import { randomUUID } from "node:crypto";
import { grantCredits } from "../../src/credits/service";
import type { Database } from "../../src/db/client";
import { type generationImages, generations, session, user } from "../../src/db/schema";

/** A user of its own for each test: unique email, no shared leftovers between tests. */
export async function createUser(
  db: Database,
  overrides: Partial<typeof user.$inferInsert> = {},
): Promise<typeof user.$inferSelect> {
  const tag = randomUUID().slice(0, 8);
  const [row] = await db
    .insert(user)
    .values({ name: `Tester ${tag}`, email: `tester-${tag}@aniforge.test`, ...overrides })
    .returning();
  if (!row) throw new Error("createUser: insert returned nothing");
  return row;
}

/** A session row for the user; returns its token. */
export async function createSession(
  db: Database,
  userId: string,
  options: { expiresAt?: Date } = {},
): Promise<typeof session.$inferSelect> {
  const [row] = await db
    .insert(session)
    .values({
      userId,
      token: randomUUID(),
      expiresAt: options.expiresAt ?? new Date(Date.now() + 7 * 24 * 3600 * 1000),
    })
    .returning();
  if (!row) throw new Error("createSession: insert returned nothing");
  return row;
}

/** A grant through the credits service (the only writer of the ledger). */
export async function insertGrant(
  db: Database,
  userId: string,
  amount: number,
  options: {
    expiresAt?: Date | null;
    transType?: "admin_grant" | "purchase";
    sourceId?: string;
  } = {},
) {
  const { entry } = await grantCredits(db, {
    userId,
    amount,
    type: options.transType ?? "admin_grant",
    sourceId: options.sourceId ?? `test:${randomUUID()}`,
    expiresAt: options.expiresAt ?? null,
  });
  return entry;
}

/** A generation row owned by the user (status pending unless overridden). */
export async function createGeneration(
  db: Database,
  userId: string,
  overrides: Partial<typeof generations.$inferInsert> = {},
): Promise<typeof generations.$inferSelect> {
  const [row] = await db
    .insert(generations)
    .values({
      userId,
      type: "image",
      prompt: "a test prompt",
      modelId: "z-image",
      creditsCost: 4,
      provider: "kie",
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("createGeneration: insert returned nothing");
  return row;
}

/** The values of an image row of a generation (index 0 unless overridden), not yet inserted. */
export function imageValues(
  generation: { uuid: string; userId: string },
  overrides: Partial<typeof generationImages.$inferInsert> = {},
): typeof generationImages.$inferInsert {
  const key = `media/${generation.userId}/${generation.uuid}/${overrides.imageIndex ?? 0}.png`;
  return {
    generationUuid: generation.uuid,
    userId: generation.userId,
    imageIndex: 0,
    r2Key: key,
    imageUrl: `/${key}`,
    modelId: "z-image",
    ...overrides,
  };
}
