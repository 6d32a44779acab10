import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { stripeCustomers, subscriptions, user } from "../db/schema";
import type { Executor, Transaction } from "../db/transaction";
import type { BillingDeps } from "./deps";
import { planOfSubscription } from "./plans";
import { stripeIdOf, subscriptionPeriod } from "./stripe-fields";

/** Subscriptions in these states still bill or serve the buyer. */
export const LIVE_SUBSCRIPTION_STATUSES = ["active", "trialing", "past_due", "unpaid"] as const;

/** The user's subscription that is still live, if any (at most one: checkout refuses a second). */
export async function findLiveSubscription(db: Executor, userId: string) {
  const [live] = await db
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, userId),
        inArray(subscriptions.status, [...LIVE_SUBSCRIPTION_STATUSES]),
      ),
    )
    .limit(1);
  return live;
}

/** States in which the buyer keeps membership until the paid period ends. */
const MEMBER_STATUSES = ["active", "trialing", "past_due", "unpaid", "canceled"];

/** The user a Stripe object belongs to: our metadata first, else the customer we created. */
export async function userIdFor(
  tx: Transaction,
  metadata: Stripe.Metadata | null | undefined,
  customer: unknown,
): Promise<string | null> {
  if (metadata?.userId) return metadata.userId;
  const customerId = stripeIdOf(customer);
  if (!customerId) return null;
  const [row] = await tx
    .select({ userId: stripeCustomers.userId })
    .from(stripeCustomers)
    .where(eq(stripeCustomers.stripeCustomerId, customerId));
  return row?.userId ?? null;
}

/**
 * Writes Stripe's current view of a subscription (always freshly retrieved by the caller, so
 * events arriving out of order cannot roll it back) and recomputes the owner's membership.
 */
export async function syncSubscription(
  tx: Transaction,
  deps: BillingDeps,
  subscription: Stripe.Subscription,
  eventCreated: Date,
): Promise<{ userId: string } | null> {
  const userId = await userIdFor(tx, subscription.metadata, subscription.customer);
  if (!userId) {
    deps.logger.warn("billing: subscription of an unknown customer ignored", {
      subscriptionId: subscription.id,
    });
    return null;
  }
  const plan = planOfSubscription(deps.configs, deps.config.stripePrices, subscription);
  const period = subscriptionPeriod(subscription);
  const values = {
    stripeSubscriptionId: subscription.id,
    stripeCustomerId: stripeIdOf(subscription.customer),
    userId,
    planType: plan?.planType ?? subscription.metadata?.planId ?? "unknown",
    interval: plan?.interval ?? "month",
    status: subscription.status,
    currentPeriodStart: period.start,
    currentPeriodEnd: period.end,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    canceledAt: subscription.canceled_at ? new Date(subscription.canceled_at * 1000) : null,
    creditsPerPeriod: plan?.credits ?? 0,
    lastEventAt: eventCreated,
  };
  await tx
    .insert(subscriptions)
    .values(values)
    .onConflictDoUpdate({
      target: subscriptions.stripeSubscriptionId,
      set: {
        status: values.status,
        currentPeriodStart: values.currentPeriodStart,
        currentPeriodEnd: values.currentPeriodEnd,
        cancelAtPeriodEnd: values.cancelAtPeriodEnd,
        canceledAt: values.canceledAt,
        planType: values.planType,
        creditsPerPeriod: values.creditsPerPeriod,
        lastEventAt: sql`greatest(${subscriptions.lastEventAt}, ${eventCreated})`,
      },
    });
  await refreshMembership(tx, userId);
  return { userId };
}

/**
 * SPEC §2: member = is_sub and sub_expired_at >= now. The subscription that reaches furthest
 * decides; a cancelled one still counts until the end of the period that was paid for.
 */
export async function refreshMembership(tx: Transaction, userId: string): Promise<void> {
  const [best] = await tx
    .select({ end: subscriptions.currentPeriodEnd, planType: subscriptions.planType })
    .from(subscriptions)
    .where(
      sql`${subscriptions.userId} = ${userId} and ${inArray(subscriptions.status, MEMBER_STATUSES)}`,
    )
    .orderBy(desc(subscriptions.currentPeriodEnd))
    .limit(1);
  await tx
    .update(user)
    .set(
      best?.end
        ? { isSub: true, subExpiredAt: best.end, subPlanType: best.planType }
        : { isSub: false },
    )
    .where(eq(user.id, userId));
}
