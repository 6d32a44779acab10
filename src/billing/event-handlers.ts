import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { clawbackOrder } from "../credits/service";
import { orders } from "../db/schema";
import type { Transaction } from "../db/transaction";
import type { BillingDeps } from "./deps";
import { ensureInvoiceOrder, lockOrder, payInvoice, payPackOrder } from "./order-payments";
import { invoiceSubscriptionId, stripeIdOf } from "./stripe-fields";
import { syncSubscription } from "./subscription-sync";

/**
 * One handler per event type we act on. `fetch` runs before the transaction and re-reads from
 * Stripe whatever the outcome depends on (the newest subscription, the charge's refunded
 * amount), so the order events arrive in does not matter; `apply` runs inside the transaction
 * that records the event id.
 */
export interface EventHandler<Context> {
  fetch(deps: BillingDeps, event: Stripe.Event): Promise<Context>;
  apply(tx: Transaction, deps: BillingDeps, event: Stripe.Event, context: Context): Promise<void>;
}

/** Thrown when an event needs another one first: Stripe redelivers after our 5xx. */
export class EventNotReady extends Error {
  override name = "EventNotReady";
}

const createdAt = (event: Stripe.Event) => new Date(event.created * 1000);

const retrieveSubscription = (deps: BillingDeps, id: string | null) =>
  id ? deps.stripe.subscriptions.retrieve(id) : Promise.resolve(null);

const checkoutCompleted: EventHandler<{
  subscription: Stripe.Subscription | null;
  invoice: Stripe.Invoice | null;
}> = {
  async fetch(deps, event) {
    const session = event.data.object as Stripe.Checkout.Session;
    const invoiceId = stripeIdOf(session.invoice);
    const [subscription, invoice] = await Promise.all([
      retrieveSubscription(deps, stripeIdOf(session.subscription)),
      invoiceId ? retrieveInvoice(deps, invoiceId) : null,
    ]);
    return { subscription, invoice };
  },
  async apply(tx, deps, event, { subscription, invoice }) {
    const session = event.data.object as Stripe.Checkout.Session;
    const orderNo = session.metadata?.orderNo ?? session.client_reference_id;
    if (!orderNo) return;
    const paid =
      session.payment_status === "paid" || session.payment_status === "no_payment_required";
    if (!paid) return; // delayed payment methods: checkout.session.async_payment_succeeded follows
    if (session.mode === "payment") {
      const order = await lockOrder(tx, { orderNo });
      if (!order) throw new EventNotReady(`order ${orderNo} not found`);
      await payPackOrder(tx, deps, order, {
        paidAt: createdAt(event),
        paymentIntentId: stripeIdOf(session.payment_intent),
        sessionId: session.id,
      });
      return;
    }
    if (!subscription) return;
    const synced = await syncSubscription(tx, deps, subscription, createdAt(event));
    if (synced && invoice?.status === "paid") {
      await payInvoice(tx, deps, invoice, subscription, synced.userId);
    }
  },
};

/** The invoice with its payments: since 2025-03 the only link to its payment intent. */
const retrieveInvoice = (deps: BillingDeps, id: string) =>
  deps.stripe.invoices.retrieve(id, { expand: ["payments"] });

type InvoiceContext = { invoice: Stripe.Invoice; subscription: Stripe.Subscription | null };

const fetchInvoiceContext = async (
  deps: BillingDeps,
  event: Stripe.Event,
): Promise<InvoiceContext> => {
  const snapshot = event.data.object as Stripe.Invoice;
  const [invoice, subscription] = await Promise.all([
    retrieveInvoice(deps, snapshot.id as string),
    retrieveSubscription(deps, invoiceSubscriptionId(snapshot)),
  ]);
  return { invoice, subscription };
};

const invoicePaid: EventHandler<InvoiceContext> = {
  fetch: fetchInvoiceContext,
  async apply(tx, deps, event, { invoice, subscription }) {
    if (!subscription) return; // a one-off invoice, not ours
    const synced = await syncSubscription(tx, deps, subscription, createdAt(event));
    if (synced) await payInvoice(tx, deps, invoice, subscription, synced.userId);
  },
};

const invoicePaymentFailed: EventHandler<InvoiceContext> = {
  fetch: fetchInvoiceContext,
  async apply(tx, deps, event, { invoice, subscription }) {
    if (!subscription) return;
    const synced = await syncSubscription(tx, deps, subscription, createdAt(event));
    // The first payment failing means no checkout completed: there is no order to mark.
    if (synced && invoice.billing_reason !== "subscription_create") {
      await ensureInvoiceOrder(tx, deps, invoice, subscription, synced.userId, "failed");
    }
  },
};

const subscriptionChanged: EventHandler<Stripe.Subscription> = {
  fetch: (deps, event) =>
    deps.stripe.subscriptions.retrieve((event.data.object as Stripe.Subscription).id),
  async apply(tx, deps, event, subscription) {
    await syncSubscription(tx, deps, subscription, createdAt(event));
  },
};

const chargeRefunded: EventHandler<{ charge: Stripe.Charge; orderNo: string | null }> = {
  async fetch(deps, event) {
    const charge = await deps.stripe.charges.retrieve((event.data.object as Stripe.Charge).id);
    const intentId = stripeIdOf(charge.payment_intent);
    const intent = intentId ? await deps.stripe.paymentIntents.retrieve(intentId) : null;
    return { charge, orderNo: intent?.metadata?.orderNo ?? null };
  },
  async apply(tx, _deps, event, { charge, orderNo }) {
    const intentId = stripeIdOf(charge.payment_intent);
    const found = orderNo
      ? await lockOrder(tx, { orderNo })
      : intentId
        ? await lockOrderByPaymentIntent(tx, intentId)
        : undefined;
    if (!found) throw new EventNotReady(`no order for charge ${charge.id} yet`);
    const fully = charge.refunded || charge.amount_refunded >= charge.amount;
    await tx
      .update(orders)
      .set({
        refundedAmount: charge.amount_refunded,
        // The latest refund's time, partial ones too: revenue reports count refunds that day.
        // (greatest: an older event delivered late does not move it back).
        refundedAt: sql`greatest(${orders.refundedAt}, ${createdAt(event).toISOString()}::timestamptz)`,
        ...(fully ? { status: "refunded" } : {}),
      })
      .where(eq(orders.id, found.id));
    // Only a full refund takes the credits back; a partial one is a goodwill gesture.
    if (fully) await clawbackOrder(tx, { orderNo: found.orderNo, now: createdAt(event) });
  },
};

async function lockOrderByPaymentIntent(tx: Transaction, intentId: string) {
  const [row] = await tx
    .select()
    .from(orders)
    .where(eq(orders.stripePaymentIntentId, intentId))
    .for("update");
  return row;
}

// Each handler gets back exactly the context its own fetch produced.
export const EVENT_HANDLERS = {
  "checkout.session.completed": checkoutCompleted,
  "checkout.session.async_payment_succeeded": checkoutCompleted,
  "invoice.paid": invoicePaid,
  "invoice.payment_failed": invoicePaymentFailed,
  "customer.subscription.created": subscriptionChanged,
  "customer.subscription.updated": subscriptionChanged,
  "customer.subscription.deleted": subscriptionChanged,
  "charge.refunded": chargeRefunded,
} as unknown as Record<string, EventHandler<unknown>>;
