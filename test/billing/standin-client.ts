import { env } from "cloudflare:test";
import Stripe from "stripe";
import { completeCheckout, type RecordedStripeEvent, testStripeClient } from "../support/stripe";

// The local Stripe stand-in (SPEC §8) spoken to by the official client, as the app does.

export const stripe = testStripeClient();
export const cryptoProvider = Stripe.createSubtleCryptoProvider();
export const STARTER = env.STRIPE_PRICE_PACK_STARTER ?? "STRIPE_PRICE_PACK_STARTER is unset";
export const BASIC_MONTHLY =
  env.STRIPE_PRICE_SUB_BASIC_MONTHLY ?? "STRIPE_PRICE_SUB_BASIC_MONTHLY is unset";
export const PRO_MONTHLY =
  env.STRIPE_PRICE_SUB_PRO_MONTHLY ?? "STRIPE_PRICE_SUB_PRO_MONTHLY is unset";

export function verify(event: Pick<RecordedStripeEvent, "payload" | "signature">, secret?: string) {
  return stripe.webhooks.constructEventAsync(
    event.payload,
    event.signature,
    secret ?? env.STRIPE_WEBHOOK_SECRET,
    300,
    cryptoProvider,
  );
}

export async function newCustomer() {
  return stripe.customers.create({
    email: `buyer-${crypto.randomUUID()}@aniforge.test`,
    name: "Buyer",
    metadata: { userId: "user_1" },
  });
}

export async function subscribe(metadata: Record<string, string> = { orderNo: "o-sub" }) {
  const customer = await newCustomer();
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customer.id,
    currency: "usd",
    line_items: [{ price: BASIC_MONTHLY, quantity: 1 }],
    success_url: "https://app.aniforge.test/billing/success?checkout={CHECKOUT_SESSION_ID}",
    subscription_data: { metadata },
  });
  const paid = await completeCheckout(session.id);
  return { customer, session, paid, subscriptionId: paid.subscription as string };
}

/** The item's period, which is where the current API keeps it. */
export async function periodOf(subscriptionId: string) {
  const subscription = await stripe.subscriptions.retrieve(subscriptionId);
  const item = subscription.items.data[0];
  return { subscription, start: item?.current_period_start, end: item?.current_period_end };
}
