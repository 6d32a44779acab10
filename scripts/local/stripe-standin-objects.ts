import type { LocalStripePrice } from "./stripe-prices";
import { type Json, stripeId, unixNow } from "./stripe-standin-params";

// Stripe's object shapes for API version 2026-10-28.endive (what stripe 23.x pins), field for
// field after node_modules/stripe's types and docs.stripe.com/api. Two fields Stripe moved in
// 2025-03-31.basil are also kept where they were (marked LEGACY) so readers of either shape work
// locally; the real API no longer sends them. Fields it removed outright (invoice.payment_intent,
// charge.invoice) are not faked: code relying on them would pass here and fail in production.

const CATALOGUE_CREATED = unixNow();
// Amounts in these currencies are whole units (docs.stripe.com/currencies#zero-decimal).
const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg"]);

/** The billing address of Stripe's test cards, on charges and on completed sessions. */
export const TEST_CARD_ADDRESS = {
  city: null,
  country: "US",
  line1: null,
  line2: null,
  postal_code: "42424",
  state: null,
};

export function formatAmount(amount: number, currency: string): string {
  const major = ZERO_DECIMAL.has(currency) ? amount : amount / 100;
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(major);
}

export function list(data: Json[], url: string): Json {
  return { object: "list", data, has_more: false, total_count: data.length, url };
}

export function priceObject(price: LocalStripePrice): Json {
  const amount = price.currencyOptions[price.currency]?.unit_amount ?? null;
  return {
    id: price.id,
    object: "price",
    active: true,
    billing_scheme: "per_unit",
    created: CATALOGUE_CREATED,
    currency: price.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: price.productId,
    recurring: price.recurring && {
      interval: price.recurring.interval,
      interval_count: 1,
      meter: null,
      trial_period_days: null,
      usage_type: "licensed",
    },
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: price.recurring ? "recurring" : "one_time",
    unit_amount: amount,
    unit_amount_decimal: amount === null ? null : String(amount),
  };
}

/** The legacy twin of a recurring price that subscription items still carry. */
export function planObject(price: LocalStripePrice): Json {
  const amount = price.currencyOptions[price.currency]?.unit_amount ?? null;
  return {
    id: price.id,
    object: "plan",
    active: true,
    amount,
    amount_decimal: amount === null ? null : String(amount),
    billing_scheme: "per_unit",
    created: CATALOGUE_CREATED,
    currency: price.currency,
    interval: price.recurring?.interval ?? "month",
    interval_count: 1,
    livemode: false,
    metadata: {},
    meter: null,
    nickname: null,
    product: price.productId,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  };
}

export function customerObject(input: {
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Json;
}): Json {
  return {
    id: stripeId("cus", 14),
    object: "customer",
    address: null,
    balance: 0,
    created: unixNow(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: input.description,
    discount: null,
    email: input.email,
    invoice_prefix: stripeId("x", 8).slice(2).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: input.metadata,
    name: input.name,
    next_invoice_sequence: 1,
    phone: input.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}

export interface SessionInput {
  mode: "payment" | "subscription";
  customer: string | null;
  customerEmail: string | null;
  currency: string;
  amount: number;
  successUrl: string;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  locale: string | null;
  metadata: Json;
}

export function checkoutSessionObject(input: SessionInput, baseUrl: string): Json {
  const id = stripeId("cs_test", 58);
  const created = unixNow();
  return {
    id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: input.amount,
    amount_total: input.amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: input.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: input.customer,
    customer_account: null,
    customer_creation: input.customer ? null : input.mode === "payment" ? "if_required" : "always",
    customer_details: null,
    customer_email: input.customerEmail,
    discounts: [],
    expires_at: created + 24 * 3600,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: input.locale,
    managed_payments: null,
    metadata: input.metadata,
    mode: input.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: input.mode === "subscription" ? "always" : "if_required",
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: "automatic" } },
    payment_method_types: ["card"],
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: null,
    subscription: null,
    success_url: input.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    url: `${baseUrl}/checkout/${id}`,
    wallet_options: null,
  };
}

/** A session's line item (the includable `line_items` list). */
export function sessionLineItem(price: LocalStripePrice, currency: string, quantity: number) {
  const amount = (price.currencyOptions[currency]?.unit_amount ?? 0) * quantity;
  return {
    id: stripeId("li", 24),
    object: "item",
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency,
    description: price.productName,
    metadata: {},
    price: priceObject(price),
    quantity,
  };
}

export function billingPortalSessionObject(
  customer: string,
  returnUrl: string | null,
  baseUrl: string,
) {
  const id = stripeId("bps", 24);
  return {
    id,
    object: "billing_portal.session",
    configuration: "bpc_local_default",
    created: unixNow(),
    customer,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: returnUrl,
    url: `${baseUrl}/billing_portal/${id}`,
  };
}
