import { TEST_CARD_ADDRESS } from "./stripe-standin-objects";
import { type Json, stripeId, unixNow } from "./stripe-standin-params";

// A card payment as Stripe records it: a PaymentIntent, its Charge (always the test card
// 4242), and Refunds of that charge, in the API version of stripe-standin-objects.ts. Since
// 2025-03-31.basil neither names an invoice: an invoice's `payments` name the PaymentIntent.

export interface PaymentInput {
  amount: number;
  currency: string;
  customer: Json | null;
  metadata: Json;
  description: string | null;
  /** A renewal that fails: card_declined, as Stripe's test card 4000 0000 0000 0341 does. */
  declined?: boolean;
}

const DECLINE = {
  code: "card_declined",
  decline_code: "generic_decline",
  doc_url: "https://stripe.com/docs/error-codes/card-declined",
  message: "Your card was declined.",
  type: "card_error",
};

export function paymentIntentObject(input: PaymentInput): Json {
  const id = stripeId("pi");
  return {
    id,
    object: "payment_intent",
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: `${id}_secret_${stripeId("s", 25).slice(2)}`,
    confirmation_method: "automatic",
    created: unixNow(),
    currency: input.currency,
    customer: input.customer?.id ?? null,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: "automatic" } },
    payment_method_types: ["card"],
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  };
}

/** Charges the PaymentIntent's card once, updating the intent as Stripe does. */
export function chargeObject(paymentIntent: Json, input: PaymentInput): Json {
  const declined = input.declined === true;
  const paymentMethod = stripeId("pm");
  const charge = {
    id: stripeId("ch"),
    object: "charge",
    amount: input.amount,
    amount_captured: declined ? 0 : input.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: declined ? null : stripeId("txn"),
    billing_details: {
      address: TEST_CARD_ADDRESS,
      email: input.customer?.email ?? null,
      name: input.customer?.name ?? null,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: "ANIFORGE",
    captured: !declined,
    created: unixNow(),
    currency: input.currency,
    customer: input.customer?.id ?? null,
    description: input.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: declined ? DECLINE.code : null,
    failure_message: declined ? DECLINE.message : null,
    fraud_details: {},
    livemode: false,
    metadata: input.metadata,
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: declined ? "declined_by_network" : "approved_by_network",
      reason: declined ? DECLINE.decline_code : null,
      risk_level: "normal",
      risk_score: 21,
      seller_message: declined
        ? "The bank did not return any further details with this decline."
        : "Payment complete.",
      type: declined ? "issuer_declined" : "authorized",
    },
    paid: !declined,
    payment_intent: paymentIntent.id,
    payment_method: paymentMethod,
    payment_method_details: {
      card: {
        brand: "visa",
        country: "US",
        exp_month: 12,
        exp_year: new Date().getUTCFullYear() + 3,
        funding: "credit",
        last4: "4242",
        network: "visa",
      },
      type: "card",
    },
    radar_options: {},
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: declined ? "failed" : "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
  paymentIntent.latest_charge = charge.id;
  if (declined) {
    paymentIntent.last_payment_error = { ...DECLINE, charge: charge.id };
    paymentIntent.status = "requires_payment_method";
  } else {
    paymentIntent.amount_received = input.amount;
    paymentIntent.last_payment_error = null;
    paymentIntent.payment_method = paymentMethod;
    paymentIntent.status = "succeeded";
  }
  return charge;
}

export function refundObject(charge: Json, amount: number): Json {
  return {
    id: stripeId("re"),
    object: "refund",
    amount,
    balance_transaction: stripeId("txn"),
    charge: charge.id,
    created: unixNow(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: {
      card: {
        reference_status: "pending",
        reference_type: "acquirer_reference_number",
        type: "refund",
      },
      type: "card",
    },
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
}
