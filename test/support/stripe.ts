import { env } from "cloudflare:test";
import Stripe from "stripe";
import { call } from "./http";

// Drives the Stripe stand-in (scripts/local/stripe-standin.ts) that test/global-setup.ts
// started in "record" mode: its events are kept, and tests deliver them to the Worker.

export interface RecordedStripeEvent {
  id: string;
  type: string;
  /** `data.object.id`. */
  objectId: string;
  /** The exact JSON text Stripe would POST (pretty-printed, as Stripe's are). */
  payload: string;
  /** Its Stripe-Signature header, signed with STRIPE_WEBHOOK_SECRET. */
  signature: string;
  deliveries: { status: number | null; error?: string; at: number }[];
}

/** What a control route touched, and the events it emitted in order. */
export interface StripeControlAnswer {
  checkoutSession?: string;
  subscription?: string;
  invoice?: string;
  paymentIntent?: string;
  charge?: string;
  refund?: string;
  events: RecordedStripeEvent[];
}

/** The official client, pointed at the stand-in as the app's is. */
export function testStripeClient(apiKey = env.STRIPE_SECRET_KEY): Stripe {
  const base = new URL(env.STRIPE_API_BASE_URL);
  return new Stripe(apiKey, {
    httpClient: Stripe.createFetchHttpClient(),
    host: base.hostname,
    port: Number(base.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });
}

/** POST /_control<path> with a JSON body; throws on a non-2xx answer. */
export async function stripeControl<T = StripeControlAnswer>(
  path: string,
  body: unknown = {},
): Promise<T> {
  const res = await fetch(`${env.STRIPE_API_BASE_URL}/_control${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`stripe stand-in POST ${path}: ${res.status} ${await res.text()}`);
  return res.json<T>();
}

const id = encodeURIComponent;

/** The buyer pays: payment mode → checkout.session.completed; subscription mode → also
 * customer.subscription.created and invoice.paid before it. */
export function completeCheckout(sessionId: string) {
  return stripeControl(`/checkout_sessions/${id(sessionId)}/complete`);
}

/** Next period paid (customer.subscription.updated, invoice.paid); when past due, the open
 * invoice is paid instead (invoice.paid, customer.subscription.updated). */
export function renewSubscription(subscriptionId: string) {
  return stripeControl(`/subscriptions/${id(subscriptionId)}/renew`);
}

/** Renewal declined: customer.subscription.updated (new period), invoice.payment_failed,
 * customer.subscription.updated (past_due). */
export function failPayment(subscriptionId: string) {
  return stripeControl(`/subscriptions/${id(subscriptionId)}/fail_payment`);
}

/** A switch in the Billing Portal: the item's price becomes `price` (customer.subscription.updated
 * with the old `items` in previous_attributes); the period stays, later renewals bill `price`. */
export function changePlan(subscriptionId: string, price: string) {
  return stripeControl(`/subscriptions/${id(subscriptionId)}/change_plan`, { price });
}

/** customer.subscription.updated (at period end) or customer.subscription.deleted (now). */
export function cancelSubscription(subscriptionId: string, atPeriodEnd = true) {
  return stripeControl(`/subscriptions/${id(subscriptionId)}/cancel`, { atPeriodEnd });
}

/** A subscription set to cancel at period end reaches it: customer.subscription.deleted. */
export function endSubscription(subscriptionId: string) {
  return stripeControl(`/subscriptions/${id(subscriptionId)}/end`);
}

/** charge.refunded; the whole unrefunded amount unless `amount` is given. */
export function refundCharge(chargeId: string, amount?: number) {
  return stripeControl(`/charges/${id(chargeId)}/refund`, amount === undefined ? {} : { amount });
}

export async function recordedEvents(
  filter: { type?: string; objectId?: string } = {},
): Promise<RecordedStripeEvent[]> {
  const query = new URLSearchParams();
  if (filter.type) query.set("type", filter.type);
  if (filter.objectId) query.set("objectId", filter.objectId);
  const res = await fetch(`${env.STRIPE_API_BASE_URL}/_control/events?${query}`);
  if (!res.ok) throw new Error(`stripe stand-in events: ${res.status} ${await res.text()}`);
  return res.json<RecordedStripeEvent[]>();
}

/** POSTs the recorded event to the Worker's webhook exactly as Stripe would. */
export function deliverEvent(event: Pick<RecordedStripeEvent, "payload" | "signature">) {
  return call("/api/webhooks/stripe", {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "stripe-signature": event.signature,
    },
    body: event.payload,
  });
}

/** A Stripe-Signature for `payload` (another secret or an old timestamp, for refusal tests). */
export function signStripePayload(
  payload: string,
  options: { secret?: string; timestamp?: number } = {},
): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: options.secret ?? env.STRIPE_WEBHOOK_SECRET,
    timestamp: options.timestamp,
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
}
