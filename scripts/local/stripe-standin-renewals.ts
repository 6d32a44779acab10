import { refundObject } from "./stripe-standin-charges";
import { changed, chargeInvoice, type FlowResult, refuse } from "./stripe-standin-checkout";
import { AUTOMATIC, type EventRequest, type RecordedEvent } from "./stripe-standin-events";
import { type Json, StripeApiError, unixNow } from "./stripe-standin-params";
import type { StandInStore } from "./stripe-standin-store";
import {
  addInterval,
  invoiceObject,
  setPeriod,
  subscriptionItem,
} from "./stripe-standin-subscriptions";

// What happens at Stripe after Checkout: a subscription renews or fails to, is canceled or runs
// out, a charge is refunded. The objects change and the events Stripe would send are emitted,
// in Stripe's order.

export function activeSubscription(store: StandInStore, id: string): Json {
  const subscription = store.get(id, "subscription");
  if (subscription.status === "canceled") throw refuse(`Subscription ${id} is canceled.`);
  return subscription;
}

/** The billing period rolls over and its invoice is created (not yet charged). */
function startNextPeriod(store: StandInStore, subscription: Json, customer: Json) {
  // The item's price as it is now: after a plan change, the new plan's amount and interval.
  const price = store.priceOf(subscription);
  const item = subscriptionItem(subscription);
  const ended = {
    start: item.current_period_start as number,
    end: item.current_period_end as number,
  };
  const next = {
    start: ended.end,
    end: addInterval(ended.end, price.recurring?.interval ?? "month"),
  };
  setPeriod(subscription, next);
  const invoice = store.put(
    invoiceObject({
      customer,
      subscription,
      price,
      billingReason: "subscription_cycle",
      invoicePeriod: ended,
      linePeriod: next,
    }),
  );
  subscription.latest_invoice = invoice.id;
  return invoice;
}

/** A renewal payment: the next period's invoice paid, or (when past due) the open one. */
export function renewSubscription(store: StandInStore, id: string): FlowResult {
  return chargeRenewal(store, id, false);
}

/** A renewal payment declined: invoice left open, subscription past_due. */
export function failRenewal(store: StandInStore, id: string): FlowResult {
  return chargeRenewal(store, id, true);
}

function chargeRenewal(store: StandInStore, id: string, declined: boolean): FlowResult {
  const subscription = activeSubscription(store, id);
  if (subscription.cancel_at_period_end) {
    throw refuse(
      `Subscription ${id} cancels at period end; /_control/subscriptions/${id}/end ends it.`,
    );
  }
  const customer = store.get(String(subscription.customer), "customer");
  const latest = store.find(String(subscription.latest_invoice), "invoice");
  const events: RecordedEvent[] = [];
  const emit = (type: string, object: Json, previous?: Json) =>
    events.push(store.events.emit(type, object, AUTOMATIC, previous));
  let before = structuredClone(subscription);
  // Past due: Stripe retries the open invoice rather than starting another period.
  const retrying = subscription.status === "past_due" && latest?.status === "open";
  const invoice = retrying && latest ? latest : startNextPeriod(store, subscription, customer);
  if (!retrying) {
    emit("customer.subscription.updated", subscription, changed(before, subscription));
    before = structuredClone(subscription);
  }
  const { paymentIntent, charge } = chargeInvoice(store, invoice, customer, declined);
  emit(declined ? "invoice.payment_failed" : "invoice.paid", invoice);
  subscription.status = declined ? "past_due" : "active";
  const previous = changed(before, subscription);
  if (Object.keys(previous).length > 0)
    emit("customer.subscription.updated", subscription, previous);
  const ids = {
    subscription: id,
    invoice: String(invoice.id),
    paymentIntent: String(paymentIntent.id),
    charge: String(charge.id),
  };
  return { ids, events };
}

/** cancel_at_period_end on (true) or off again (false), with the fields Stripe sets along. */
export function scheduleCancellation(subscription: Json, atPeriodEnd: boolean): void {
  Object.assign(subscription, {
    cancel_at_period_end: atPeriodEnd,
    cancel_at: atPeriodEnd ? subscriptionItem(subscription).current_period_end : null,
    canceled_at: atPeriodEnd ? unixNow() : null,
    cancellation_details: {
      comment: null,
      feedback: null,
      reason: atPeriodEnd ? "cancellation_requested" : null,
    },
  });
}

/** Cancels at period end (customer.subscription.updated) or now (….deleted). */
export function cancelSubscription(
  store: StandInStore,
  id: string,
  atPeriodEnd: boolean,
  request: EventRequest = AUTOMATIC,
): FlowResult {
  const subscription = activeSubscription(store, id);
  const before = structuredClone(subscription);
  if (atPeriodEnd) {
    scheduleCancellation(subscription, true);
  } else {
    const now = unixNow();
    Object.assign(subscription, {
      status: "canceled",
      ended_at: now,
      canceled_at: now,
      cancel_at_period_end: false,
      cancellation_details: { comment: null, feedback: null, reason: "cancellation_requested" },
    });
  }
  const type = atPeriodEnd ? "customer.subscription.updated" : "customer.subscription.deleted";
  const event = store.events.emit(type, subscription, request, changed(before, subscription));
  return { ids: { subscription: id }, events: [event] };
}

/** The period ran out on a subscription set to cancel at its end. */
export function endSubscription(store: StandInStore, id: string): FlowResult {
  const subscription = activeSubscription(store, id);
  if (!subscription.cancel_at_period_end) {
    throw refuse(`Subscription ${id} does not cancel at period end; cancel it first.`);
  }
  const before = structuredClone(subscription);
  subscription.status = "canceled";
  subscription.ended_at = subscriptionItem(subscription).current_period_end;
  const previous = changed(before, subscription);
  const event = store.events.emit(
    "customer.subscription.deleted",
    subscription,
    AUTOMATIC,
    previous,
  );
  return { ids: { subscription: id }, events: [event] };
}

export function refundCharge(store: StandInStore, id: string, amount?: number): FlowResult {
  const charge = store.get(id, "charge");
  if (charge.status !== "succeeded") throw refuse(`Charge ${id} did not succeed.`);
  const remaining = (charge.amount as number) - (charge.amount_refunded as number);
  if (remaining === 0) {
    throw new StripeApiError(400, `Charge ${id} has already been refunded.`, {
      code: "charge_already_refunded",
    });
  }
  const value = amount ?? remaining;
  if (!Number.isInteger(value) || value < 1) {
    throw new StripeApiError(400, "Invalid positive integer", { param: "amount" });
  }
  if (value > remaining) {
    throw new StripeApiError(
      400,
      `Refund amount (${value}) is greater than unrefunded amount on charge (${remaining})`,
      { param: "amount" },
    );
  }
  const before = structuredClone(charge);
  const refund = store.put(refundObject(charge, value));
  store.refunds.set(id, [refund, ...(store.refunds.get(id) ?? [])]);
  charge.amount_refunded = (charge.amount_refunded as number) + value;
  charge.refunded = charge.amount_refunded === charge.amount;
  const event = store.events.emit("charge.refunded", charge, AUTOMATIC, changed(before, charge));
  return { ids: { refund: String(refund.id), charge: id }, events: [event] };
}
