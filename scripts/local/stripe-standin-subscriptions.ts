import type { LocalStripePrice } from "./stripe-prices";
import { formatAmount, list, planObject, priceObject } from "./stripe-standin-objects";
import { type Json, stripeId, unixNow } from "./stripe-standin-params";

// Subscriptions and their invoices, in the shapes of stripe-standin-objects.ts (same API
// version, same LEGACY convention).

export interface Period {
  start: number;
  end: number;
}

/** One interval later, clamped to the month's last day as Stripe bills Jan 31 → Feb 28. */
export function addInterval(unix: number, interval: "month" | "year"): number {
  const date = new Date(unix * 1000);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  if (interval === "year") date.setUTCFullYear(date.getUTCFullYear() + 1);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return Math.floor(date.getTime() / 1000);
}

export function subscriptionObject(input: {
  customer: string;
  price: LocalStripePrice;
  currency: string;
  quantity: number;
  metadata: Json;
  period: Period;
}): Json {
  const id = stripeId("sub");
  const item = {
    id: stripeId("si", 14),
    object: "subscription_item",
    billing_thresholds: null,
    created: input.period.start,
    current_period_end: input.period.end,
    current_period_start: input.period.start,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planObject(input.price),
    price: priceObject(input.price),
    quantity: input.quantity,
    subscription: id,
    tax_rates: [],
  };
  return {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: input.period.start,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: { proration_discounts: "included" }, type: "flexible" },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: "charge_automatically",
    created: input.period.start,
    currency: input.currency,
    // LEGACY: moved to items.data[].current_period_* in 2025-03-31.basil.
    current_period_end: input.period.end,
    current_period_start: input.period.start,
    customer: input.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, issuer: { type: "self" } },
    items: list([item], `/v1/subscription_items?subscription=${id}`),
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: "off",
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: input.period.start,
    status: "active",
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { missing_payment_method: "create_invoice" } },
    trial_start: null,
  };
}

export function subscriptionItem(subscription: Json): Json {
  return ((subscription.items as { data: Json[] }).data[0] ?? {}) as Json;
}

export function setPeriod(subscription: Json, period: Period): void {
  const item = subscriptionItem(subscription);
  item.current_period_start = subscription.current_period_start = period.start;
  item.current_period_end = subscription.current_period_end = period.end;
}

export function invoiceObject(input: {
  customer: Json;
  subscription: Json;
  price: LocalStripePrice;
  billingReason: "subscription_create" | "subscription_cycle";
  /** Invoice period_start/_end: for a renewal, the period that just ended (Stripe's rule). */
  invoicePeriod: Period;
  /** The service period billed: lines.data[0].period. */
  linePeriod: Period;
}): Json {
  const { customer, subscription, price } = input;
  const id = stripeId("in");
  const created = unixNow();
  const currency = subscription.currency as string;
  const item = subscriptionItem(subscription);
  const quantity = item.quantity as number;
  const amount = (price.currencyOptions[currency]?.unit_amount ?? 0) * quantity;
  const sequence = customer.next_invoice_sequence as number;
  customer.next_invoice_sequence = sequence + 1;
  const line = {
    id: stripeId("il", 24),
    object: "line_item",
    amount,
    currency,
    description: `${quantity} × ${price.productName} (at ${formatAmount(amount / quantity, currency)} / ${price.recurring?.interval})`,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: id,
    livemode: false,
    metadata: subscription.metadata,
    parent: {
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: false,
        proration_details: { credited_items: null },
        subscription: subscription.id,
        subscription_item: item.id,
      },
      type: "subscription_item_details",
    },
    period: { end: input.linePeriod.end, start: input.linePeriod.start },
    pretax_credit_amounts: [],
    pricing: {
      price_details: { price: price.id, product: price.productId },
      type: "price_details",
      unit_amount_decimal: String(price.currencyOptions[currency]?.unit_amount ?? 0),
    },
    quantity,
    quantity_decimal: String(quantity),
    subscription: subscription.id,
    subtotal: amount,
    taxes: [],
  };
  return {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "Aniforge (local Stripe stand-in)",
    account_tax_ids: null,
    amount_due: amount,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: amount,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: {
      disabled_reason: null,
      enabled: false,
      liability: null,
      provider: null,
      status: null,
    },
    automatically_finalizes_at: null,
    billing_reason: input.billingReason,
    collection_method: "charge_automatically",
    created,
    currency,
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: customer.email,
    customer_name: customer.name,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: created,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: list([line], `/v1/invoices/${id}/lines`),
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: `${customer.invoice_prefix}-${String(sequence).padStart(4, "0")}`,
    on_behalf_of: null,
    parent: {
      quote_details: null,
      subscription_details: { metadata: subscription.metadata, subscription: subscription.id },
      type: "subscription_details",
    },
    payment_settings: {
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: null,
    },
    period_end: input.invoicePeriod.end,
    period_start: input.invoicePeriod.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "open",
    status_transitions: {
      finalized_at: created,
      marked_uncollectible_at: null,
      paid_at: null,
      voided_at: null,
    },
    // LEGACY: parent.subscription_details.subscription since 2025-03-31.basil.
    subscription: subscription.id,
    subtotal: amount,
    subtotal_excluding_tax: amount,
    test_clock: null,
    total: amount,
    total_discount_amounts: [],
    total_excluding_tax: amount,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: created,
  };
}

/** The includable `payments` entry linking an invoice to the PaymentIntent that paid it. */
export function invoicePaymentObject(invoice: Json, paymentIntent: Json): Json {
  const paid = paymentIntent.status === "succeeded";
  return {
    id: stripeId("inpay"),
    object: "invoice_payment",
    amount_paid: paid ? invoice.amount_due : null,
    amount_requested: invoice.amount_due,
    created: unixNow(),
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { payment_intent: paymentIntent.id, type: "payment_intent" },
    status: paid ? "paid" : "open",
    status_transitions: { canceled_at: null, paid_at: paid ? unixNow() : null },
  };
}
