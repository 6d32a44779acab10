import { randomUUID } from "node:crypto";
import type { Database } from "../../src/db/client";
import { orders, subscriptions } from "../../src/db/schema";

export type OrderSeed = Partial<typeof orders.$inferInsert> & {
  amount: number;
  currency: string;
};

/** Orders written straight to the table, as the billing flow would have left them. */
export async function seedOrders(db: Database, userId: string, seeds: OrderSeed[]) {
  return db
    .insert(orders)
    .values(
      seeds.map((seed) => ({
        orderNo: `T${randomUUID().replace(/-/g, "").slice(0, 20)}`,
        userId,
        productId: "pack-starter",
        productName: "Starter pack",
        credits: 100,
        interval: "one_time",
        status: "paid",
        ...seed,
      })),
    )
    .returning();
}

export async function seedSubscription(
  db: Database,
  userId: string,
  seed: Partial<typeof subscriptions.$inferInsert> = {},
) {
  const [row] = await db
    .insert(subscriptions)
    .values({
      stripeSubscriptionId: `sub_test_${randomUUID().slice(0, 12)}`,
      userId,
      planType: "pro",
      interval: "month",
      status: "active",
      creditsPerPeriod: 1000,
      ...seed,
    })
    .returning();
  if (!row) throw new Error("seedSubscription: insert returned nothing");
  return row;
}

export const at = (iso: string) => new Date(iso);
