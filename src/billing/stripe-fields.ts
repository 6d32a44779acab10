import type Stripe from "stripe";

/**
 * Readers for fields Stripe moved between API versions, so an event rendered in either shape
 * (the account's pinned version, or the newer one the client asks for) is understood.
 */

type Loose = Record<string, unknown>;
const asLoose = (value: unknown): Loose =>
  typeof value === "object" && value !== null ? (value as Loose) : {};
const idOf = (value: unknown): string | null => {
  if (typeof value === "string") return value;
  const id = asLoose(value).id;
  return typeof id === "string" ? id : null;
};
const seconds = (value: unknown): Date | null =>
  typeof value === "number" ? new Date(value * 1000) : null;

/** Since 2025-03 the period lives on the subscription's items, before on the subscription. */
export function subscriptionPeriod(subscription: Stripe.Subscription): {
  start: Date | null;
  end: Date | null;
} {
  const item = asLoose(subscription.items?.data?.[0]);
  const top = asLoose(subscription);
  return {
    start: seconds(item.current_period_start) ?? seconds(top.current_period_start),
    end: seconds(item.current_period_end) ?? seconds(top.current_period_end),
  };
}

/** Since 2025-03 under parent.subscription_details, before `invoice.subscription`. */
export function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  const parent = asLoose(asLoose(invoice).parent);
  return (
    idOf(asLoose(parent.subscription_details).subscription) ?? idOf(asLoose(invoice).subscription)
  );
}

/** Since 2025-03 under invoice.payments, before `invoice.payment_intent`. */
export function invoicePaymentIntentId(invoice: Stripe.Invoice): string | null {
  const payments = asLoose(asLoose(invoice).payments).data;
  if (Array.isArray(payments)) {
    for (const entry of payments) {
      const id = idOf(asLoose(asLoose(entry).payment).payment_intent);
      if (id) return id;
    }
  }
  return idOf(asLoose(invoice).payment_intent);
}

/** The period an invoice paid for: its first line's period. */
export function invoicePeriodEnd(invoice: Stripe.Invoice): Date | null {
  const line = asLoose(invoice.lines?.data?.[0]);
  return seconds(asLoose(line.period).end) ?? seconds(asLoose(invoice).period_end);
}

/** The price an invoice billed: line.pricing.price_details.price since 2025-03, line.price before. */
export function invoicePriceId(invoice: Stripe.Invoice): string | null {
  const line = asLoose(invoice.lines?.data?.[0]);
  const details = asLoose(asLoose(line.pricing).price_details);
  return idOf(details.price) ?? idOf(line.price);
}

export { idOf as stripeIdOf };
