import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { hashPassword } from "../../src/auth/password";
import { account, credits, operationCosts, user } from "../../src/db/schema";

export const DEV_PASSWORD = "aniforge-dev-password";

export const SEED_ACCOUNTS = [
  { email: "admin@aniforge.local", name: "Aniforge Admin", role: "admin" as const, credits: 0 },
  { email: "creator@aniforge.local", name: "Demo Creator", role: "user" as const, credits: 5000 },
];

/**
 * Local-only demo data (SPEC §8): an admin and a creator with credits. Idempotent: existing
 * rows are left as they are, so re-running never duplicates or resets anything.
 */
export async function seedLocalData(databaseUrl: string): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const db = drizzle({ client: pool });
  const done: string[] = [];
  try {
    for (const seed of SEED_ACCOUNTS) {
      const [created] = await db
        .insert(user)
        .values({
          name: seed.name,
          displayName: seed.name,
          email: seed.email,
          emailVerified: true,
          role: seed.role,
          locale: "en",
        })
        .onConflictDoNothing()
        .returning({ id: user.id });
      if (!created) continue;
      await db.insert(account).values({
        userId: created.id,
        accountId: created.id,
        providerId: "credential",
        password: await hashPassword(DEV_PASSWORD),
      });
      if (seed.credits > 0) {
        await db
          .insert(credits)
          .values({
            userId: created.id,
            transType: "admin_grant",
            amount: seed.credits,
            remaining: seed.credits,
            sourceId: `seed:${seed.email}`,
            note: "local demo credits",
          })
          .onConflictDoNothing();
      }
      done.push(seed.email);
    }
    await seedDemoCosts(db, new Date());
  } finally {
    await pool.end();
  }
  return done;
}

/**
 * A month of demo platform costs, so the admin's profit view has both sides locally. Keyed by
 * the unique (month, platform): a re-run, or costs the admin edited, are left alone.
 */
async function seedDemoCosts(db: ReturnType<typeof drizzle>, now: Date) {
  const month = now.toISOString().slice(0, 7);
  await db
    .insert(operationCosts)
    .values([
      {
        month,
        platform: "cloudflare",
        amount: 500,
        currency: "usd",
        note: "local demo: Workers paid plan",
      },
      {
        month,
        platform: "neon",
        amount: 1900,
        currency: "usd",
        note: "local demo: Neon launch plan",
      },
      {
        month,
        platform: "kieai",
        amount: 5000,
        currency: "usd",
        note: "local demo: provider credits",
      },
    ])
    .onConflictDoNothing();
}
