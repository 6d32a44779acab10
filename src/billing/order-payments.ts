import { and, count, eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { clawbackOrder, grantCredits } from "../credits/service";
import { orders } from "../db/schema";
import type { Transaction } from "../db/transaction";
import type { BillingDeps } from "./deps";
import { newOrderNo } from "./order-number";
import { grantExpiry, planById, planOfPrice, planOfSubscription } from "./plans";
import {
  invoicePaymentIntentId,
  invoicePriceId,
  invoiceSubscriptionId,
  stripeIdOf,
} from "./stripe-fields";

export type OrderRow = typeof orders.$inferSelect;

/**
 * Every change to an order and its credits happens under this row lock, so a grant and a
 * clawback of the same order can never interleave (lock order: order row → ledger).
 */
export async function lockOrder(
  tx: Transaction,
  where: { orderNo: string } | { invoiceId: string },
): Promise<OrderRow | undefined> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(
      "orderNo" in where
        ? eq(orders.orderNo, where.orderNo)
        : eq(orders.stripeInvoiceId, where.invoiceId),
    )
    .for("update");
  return row;
}

/** A pack paid through Checkout: the order is paid and its credits granted, once. */
export async function payPackOrder(
  tx: Transaction,
  deps: BillingDeps,
  order: OrderRow,
  payment: { paidAt: Date; paymentIntentId: string | null; sessionId: string },
): Promise<void> {
  if (order.status !== "paid" || !order.paidAt) {
    await tx
      .update(orders)
      .set({
        status: order.status === "refunded" ? "refunded" : "paid",
        paidAt: order.paidAt ?? payment.paidAt,
        stripePaymentIntentId: payment.paymentIntentId,
        stripeSessionId: payment.sessionId,
      })
      .where(eq(orders.id, order.id));
  }
  // The terms sold at checkout (on the order), not whatever the config says today.
  const validMonths =
    order.validMonths ?? planById(deps.configs, order.productId)?.validMonths ?? 12;
  await grantOrderCredits(tx, order, {
    type: "purchase",
    sourceId: order.orderNo,
    amount: order.credits,
    expiresAt: grantExpiry({ validMonths }, order.paidAt ?? payment.paidAt),
  });
}

/**
 * Grants an order's credits (once per source) — and if the order was refunded before we heard
 * it was paid, takes them straight back. So the ledger ends the same whichever of "paid" and
 * "refunded" arrives first.
 */
async function grantOrderCredits(
  tx: Transaction,
  order: OrderRow,
  grant: { type: "purchase" | "subscription"; sourceId: string; amount: number; expiresAt: Date },
) {
  await grantCredits(tx, { userId: order.userId, orderNo: order.orderNo, ...grant });
  if (order.status === "refunded") {
    await clawbackOrder(tx, { orderNo: order.orderNo, now: order.refundedAt ?? new Date() });
  }
}

/**
 * A paid subscription invoice: its order is paid (the checkout's order for the first invoice,
 * a renewal order otherwise) and the period's credits are granted — keyed by the invoice, so
 * checkout.session.completed and invoice.paid for the same first invoice grant once.
 */
export async function payInvoice(
  tx: Transaction,
  deps: BillingDeps,
  invoice: Stripe.Invoice,
  subscription: Stripe.Subscription,
  userId: string,
): Promise<void> {
  const meta = subscription.metadata ?? {};
  const plan = invoicePlan(deps, invoice, subscription);
  if (!plan) {
    deps.logger.error("billing: paid invoice for a plan we do not know", { invoiceId: invoice.id });
    return;
  }
  const paidAt = new Date((invoice.status_transitions?.paid_at ?? invoice.created) * 1000);
  const first = invoice.billing_reason === "subscription_create" && !!meta.orderNo;
  if (!first) await ensureInvoiceOrder(tx, deps, invoice, subscription, userId, "paid");
  const order = first
    ? await lockOrder(tx, { orderNo: meta.orderNo as string })
    : await lockOrder(tx, { invoiceId: invoice.id as string });
  if (!order) return;
  if (order.status !== "paid" || order.stripeInvoiceId !== invoice.id) {
    await tx
      .update(orders)
      .set({
        status: order.status === "refunded" ? "refunded" : "paid",
        paidAt: order.paidAt ?? paidAt,
        stripeInvoiceId: invoice.id,
        stripeSubscriptionId: subscription.id,
        stripePaymentIntentId: invoicePaymentIntentId(invoice) ?? order.stripePaymentIntentId,
      })
      .where(eq(orders.id, order.id));
  }
  await grantOrderCredits(tx, order, {
    type: "subscription",
    sourceId: invoice.id as string,
    amount: plan.credits,
    expiresAt: grantExpiry(plan, paidAt),
  });
  await numberSubscriptionOrders(tx, subscription.id);
}

/** What the invoice billed for, else the plan the subscription is on. */
function invoicePlan(
  deps: BillingDeps,
  invoice: Stripe.Invoice,
  subscription: Stripe.Subscription,
) {
  const { configs, config } = deps;
  return (
    planOfPrice(configs, config.stripePrices, invoicePriceId(invoice)) ??
    planOfSubscription(configs, config.stripePrices, subscription)
  );
}

/** The renewal order of an invoice, created once (unique stripe_invoice_id). */
export async function ensureInvoiceOrder(
  tx: Transaction,
  deps: BillingDeps,
  invoice: Stripe.Invoice,
  subscription: Stripe.Subscription,
  userId: string,
  status: "paid" | "failed",
): Promise<void> {
  const plan = invoicePlan(deps, invoice, subscription);
  const at = new Date(invoice.created * 1000);
  await tx
    .insert(orders)
    .values({
      orderNo: newOrderNo(at),
      userId,
      productId: plan?.id ?? subscription.metadata?.planId ?? "unknown",
      productName: plan?.id ?? "subscription",
      amount: status === "paid" ? invoice.amount_paid : invoice.amount_due,
      currency: invoice.currency,
      credits: plan?.credits ?? 0,
      interval: plan?.interval ?? "month",
      validMonths: plan?.validMonths ?? null,
      status,
      stripeCustomerId: stripeIdOf(invoice.customer),
      stripeSubscriptionId: invoiceSubscriptionId(invoice) ?? subscription.id,
      stripeInvoiceId: invoice.id,
      stripePaymentIntentId: invoicePaymentIntentId(invoice),
      metadata: { billingReason: invoice.billing_reason },
      createdAt: at,
    })
    .onConflictDoNothing({ target: orders.stripeInvoiceId });
}

/** sub_times: the n-th paid period, in order of payment; the subscription's count of them. */
async function numberSubscriptionOrders(tx: Transaction, subscriptionId: string) {
  await tx.execute(sql`
    update ${orders} o set sub_times = n.rank
    from (select id, row_number() over (order by paid_at, created_at) as rank
          from ${orders} where stripe_subscription_id = ${subscriptionId} and status in ('paid', 'refunded')) n
    where o.id = n.id and o.sub_times is distinct from n.rank`);
  const [paid] = await tx
    .select({ n: count() })
    .from(orders)
    .where(
      and(
        eq(orders.stripeSubscriptionId, subscriptionId),
        sql`${orders.status} in ('paid', 'refunded')`,
      ),
    );
  await tx.execute(
    sql`update subscriptions set sub_times = ${paid?.n ?? 0} where stripe_subscription_id = ${subscriptionId}`,
  );
}
