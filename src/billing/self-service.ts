import { and, desc, eq } from "drizzle-orm";
import { orders, subscriptions, user } from "../db/schema";
import { ApiError } from "../lib/errors";
import { beforeCursor, type Cursor, cursorTimeOf, pageOf } from "../lib/pagination";
import { isMember } from "../users/membership";
import { ensureStripeCustomer } from "./customers";
import type { BillingDeps } from "./deps";
import { callStripe } from "./stripe-errors";
import { findLiveSubscription, syncSubscription } from "./subscription-sync";

export type OrderRow = typeof orders.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;

/** My orders, newest first (checkouts never completed included: they show as `created`). */
export async function listMyOrders(
  deps: BillingDeps,
  userId: string,
  page: { cursor: Cursor | null; limit: number },
) {
  const rows = await deps.db
    .select({ order: orders, at: cursorTimeOf(orders.createdAt) })
    .from(orders)
    .where(and(eq(orders.userId, userId), beforeCursor(orders.createdAt, orders.id, page.cursor)))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(page.limit + 1);
  const result = pageOf(rows, page.limit, (r) => ({ at: r.at, id: r.order.id }));
  return { items: result.items.map((r) => r.order), nextCursor: result.nextCursor };
}

/** My newest subscription (live ones first) and whether I am a member right now. */
export async function mySubscription(deps: BillingDeps, userId: string) {
  const [sub] = await deps.db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.currentPeriodEnd), desc(subscriptions.createdAt))
    .limit(1);
  const [me] = await deps.db
    .select({ isSub: user.isSub, subExpiredAt: user.subExpiredAt, subPlanType: user.subPlanType })
    .from(user)
    .where(eq(user.id, userId));
  return {
    subscription: sub ?? null,
    member: me ? isMember(me, deps.now()) : false,
    memberUntil: me?.isSub ? (me.subExpiredAt ?? null) : null,
  };
}

/** A Billing Portal session for my customer (created if I never checked out). */
export async function openPortal(
  deps: BillingDeps,
  me: { id: string; email: string; name: string | null },
) {
  const customer = await ensureStripeCustomer(deps, me);
  const session = await callStripe(() =>
    deps.stripe.billingPortal.sessions.create({
      customer,
      return_url: deps.config.BILLING_PORTAL_RETURN_URL ?? `${deps.config.PUBLIC_URL}/account`,
    }),
  );
  return { url: session.url };
}

/**
 * Cancels my live subscription at the end of the paid period. The answer reflects Stripe's
 * reply at once; the webhook that follows changes nothing more.
 */
export async function cancelMySubscription(deps: BillingDeps, userId: string) {
  const live = await findLiveSubscription(deps.db, userId);
  if (!live) throw new ApiError("NOT_FOUND", { details: { reason: "no live subscription" } });
  const updated = await callStripe(() =>
    deps.stripe.subscriptions.update(live.stripeSubscriptionId, { cancel_at_period_end: true }),
  );
  await deps.db.transaction((tx) => syncSubscription(tx, deps, updated, deps.now()));
  return mySubscription(deps, userId);
}
