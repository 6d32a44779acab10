import { chargeObject, type PaymentInput, paymentIntentObject } from "./stripe-standin-charges";
import { AUTOMATIC, type RecordedEvent } from "./stripe-standin-events";
import { customerObject, TEST_CARD_ADDRESS } from "./stripe-standin-objects";
import { type Json, StripeApiError, unixNow } from "./stripe-standin-params";
import type { StandInStore } from "./stripe-standin-store";
import {
  addInterval,
  invoiceObject,
  invoicePaymentObject,
  subscriptionObject,
} from "./stripe-standin-subscriptions";

// What happens at Stripe when a customer pays in Checkout: the objects change and the events
// Stripe would send are emitted, in Stripe's order. Renewals, cancellations and refunds are in
// stripe-standin-renewals.ts.

export interface FlowResult {
  ids: Record<string, string>;
  events: RecordedEvent[];
}

/** previous_attributes: the fields that changed, with their old values. */
export function changed(before: Json, after: Json): Json {
  const out: Json = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = before[key];
  }
  return out;
}

export function refuse(message: string): StripeApiError {
  return new StripeApiError(400, message);
}

/** One charge attempt on the invoice, reusing the PaymentIntent of an earlier failed one. */
export function chargeInvoice(
  store: StandInStore,
  invoice: Json,
  customer: Json,
  declined: boolean,
) {
  const invoiceId = String(invoice.id);
  const payments = store.invoicePayments.get(invoiceId) ?? [];
  store.invoicePayments.set(invoiceId, payments);
  const open = payments.find((p) => p.status === "open");
  const input: PaymentInput = {
    amount: invoice.amount_due as number,
    currency: invoice.currency as string,
    customer,
    metadata: {},
    description:
      invoice.billing_reason === "subscription_create"
        ? "Subscription creation"
        : "Subscription update",
    declined,
  };
  const openIntent = open && String((open.payment as Json).payment_intent);
  const paymentIntent = openIntent
    ? store.get(openIntent, "payment_intent")
    : store.put(paymentIntentObject(input));
  const charge = store.put(chargeObject(paymentIntent, input));
  if (!open) payments.push(store.put(invoicePaymentObject(invoice, paymentIntent)));
  invoice.attempt_count = (invoice.attempt_count as number) + 1;
  invoice.attempted = true;
  if (declined) {
    invoice.next_payment_attempt = unixNow() + 3 * 24 * 3600;
    return { paymentIntent, charge };
  }
  const paidAt = unixNow();
  Object.assign(invoice, {
    status: "paid",
    amount_paid: invoice.amount_due,
    amount_remaining: 0,
    auto_advance: false,
    next_payment_attempt: null,
  });
  (invoice.status_transitions as Json).paid_at = paidAt;
  for (const payment of payments) {
    Object.assign(payment, { status: "paid", amount_paid: invoice.amount_due });
    (payment.status_transitions as Json).paid_at = paidAt;
  }
  return { paymentIntent, charge };
}

export function completeCheckout(store: StandInStore, sessionId: string): FlowResult {
  const session = store.get(sessionId, "checkout.session");
  const extras = store.sessions.get(sessionId);
  if (session.status !== "open" || !extras) {
    throw refuse(`Checkout Session ${sessionId} is ${session.status}, not open.`);
  }
  const emit = (type: string, object: Json) => store.events.emit(type, object, AUTOMATIC);
  let customer = session.customer ? store.get(String(session.customer), "customer") : null;
  const email = (customer?.email ?? session.customer_email ?? "buyer@example.test") as string;
  // Subscriptions need a customer; Checkout makes one from what the buyer typed.
  if (!customer && session.mode === "subscription") {
    customer = store.put(
      customerObject({ email, name: null, description: null, phone: null, metadata: {} }),
    );
  }
  const amount = session.amount_total as number;
  const currency = session.currency as string;
  const ids: Record<string, string> = { checkoutSession: sessionId };
  const events: RecordedEvent[] = [];
  if (session.mode === "payment") {
    const input: PaymentInput = {
      amount,
      currency,
      customer,
      metadata: extras.paymentIntentMetadata,
      description: null,
    };
    const paymentIntent = store.put(paymentIntentObject(input));
    const charge = store.put(chargeObject(paymentIntent, input));
    session.payment_intent = ids.paymentIntent = String(paymentIntent.id);
    ids.charge = String(charge.id);
  } else if (customer) {
    const start = unixNow();
    const period = { start, end: addInterval(start, extras.price.recurring?.interval ?? "month") };
    const subscription = store.put(
      subscriptionObject({
        customer: String(customer.id),
        price: extras.price,
        currency,
        quantity: extras.quantity,
        metadata: extras.subscriptionMetadata,
        period,
      }),
    );
    const invoice = store.put(
      invoiceObject({
        customer,
        subscription,
        price: extras.price,
        billingReason: "subscription_create",
        invoicePeriod: { start, end: start },
        linePeriod: period,
      }),
    );
    const { paymentIntent, charge } = chargeInvoice(store, invoice, customer, false);
    subscription.latest_invoice = invoice.id;
    subscription.default_payment_method = charge.payment_method;
    session.subscription = ids.subscription = String(subscription.id);
    session.invoice = ids.invoice = String(invoice.id);
    ids.paymentIntent = String(paymentIntent.id);
    ids.charge = String(charge.id);
    events.push(emit("customer.subscription.created", subscription), emit("invoice.paid", invoice));
  }
  Object.assign(session, {
    customer: customer?.id ?? null,
    customer_details: {
      address: TEST_CARD_ADDRESS,
      business_name: null,
      email,
      individual_name: null,
      name: customer?.name ?? null,
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    },
    status: "complete",
    payment_status: "paid",
    url: null,
  });
  events.push(emit("checkout.session.completed", session));
  return { ids, events };
}
