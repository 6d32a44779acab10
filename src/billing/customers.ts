import { eq } from "drizzle-orm";
import { stripeCustomers } from "../db/schema";
import type { BillingDeps } from "./deps";
import { callStripe } from "./stripe-errors";

/**
 * The user's Stripe customer, created on the first checkout and reused ever after. Two first
 * checkouts at once may both create one; the first row written wins and the other customer is
 * simply never used.
 */
export async function ensureStripeCustomer(
  deps: BillingDeps,
  user: { id: string; email: string; name: string | null },
): Promise<string> {
  const existing = await findStripeCustomer(deps, user.id);
  if (existing) return existing;
  const customer = await callStripe(() =>
    deps.stripe.customers.create(
      { email: user.email, name: user.name ?? undefined, metadata: { userId: user.id } },
      { idempotencyKey: `customer:${user.id}` },
    ),
  );
  await deps.db
    .insert(stripeCustomers)
    .values({ userId: user.id, stripeCustomerId: customer.id })
    .onConflictDoNothing({ target: stripeCustomers.userId });
  return (await findStripeCustomer(deps, user.id)) ?? customer.id;
}

export async function findStripeCustomer(deps: BillingDeps, userId: string) {
  const [row] = await deps.db
    .select({ id: stripeCustomers.stripeCustomerId })
    .from(stripeCustomers)
    .where(eq(stripeCustomers.userId, userId));
  return row?.id ?? null;
}
