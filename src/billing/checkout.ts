import { eq } from "drizzle-orm";
import { orders } from "../db/schema";
import { translator } from "../i18n/translate";
import { ApiError } from "../lib/errors";
import { ensureStripeCustomer } from "./customers";
import type { BillingDeps } from "./deps";
import { newOrderNo } from "./order-number";
import { planForCheckout } from "./plans";
import { callStripe } from "./stripe-errors";
import { findLiveSubscription } from "./subscription-sync";

export interface CheckoutInput {
  user: { id: string; email: string; name: string | null };
  planId: string;
  currency?: string;
}

/**
 * An order (`created`) and a Stripe Checkout Session for it. The order number and the user ride
 * along as metadata on the session, its payment intent or subscription, so every later event
 * finds its order whatever order the events come in.
 */
export async function startCheckout(deps: BillingDeps, input: CheckoutInput) {
  const { plan, currency, amount } = planForCheckout(deps.configs, input.planId, input.currency);
  if (plan.kind === "subscription") await refuseSecondSubscription(deps, input.user.id);
  const customer = await ensureStripeCustomer(deps, input.user);
  const now = deps.now();
  const orderNo = newOrderNo(now);
  await deps.db.insert(orders).values({
    orderNo,
    userId: input.user.id,
    productId: plan.id,
    productName: translator("en")(plan.nameKey),
    amount,
    currency,
    credits: plan.credits,
    interval: plan.interval ?? "one_time",
    validMonths: plan.validMonths,
    status: "created",
    stripeCustomerId: customer,
    createdAt: now,
  });

  const metadata = { orderNo, userId: input.user.id, planId: plan.id };
  const base = deps.config.BILLING_SUCCESS_URL ?? `${deps.config.PUBLIC_URL}/account`;
  const successUrl = `${base}${base.includes("?") ? "&" : "?"}checkout={CHECKOUT_SESSION_ID}`;
  const session = await callStripe(() =>
    deps.stripe.checkout.sessions.create(
      {
        mode: plan.kind === "pack" ? "payment" : "subscription",
        customer,
        currency,
        line_items: [{ price: deps.config.stripePrices[plan.id], quantity: 1 }],
        client_reference_id: orderNo,
        metadata,
        success_url: successUrl,
        cancel_url: deps.config.BILLING_CANCEL_URL ?? `${deps.config.PUBLIC_URL}/pricing`,
        ...(plan.kind === "pack"
          ? { payment_intent_data: { metadata } }
          : { subscription_data: { metadata } }),
      },
      { idempotencyKey: `checkout:${orderNo}` },
    ),
  ).catch(async (error: unknown) => {
    await deps.db.update(orders).set({ status: "failed" }).where(eq(orders.orderNo, orderNo));
    throw error;
  });
  await deps.db
    .update(orders)
    .set({ stripeSessionId: session.id })
    .where(eq(orders.orderNo, orderNo));
  if (!session.url) throw new Error(`checkout session ${session.id} has no url`);
  return { url: session.url, sessionId: session.id, orderNo };
}

async function refuseSecondSubscription(deps: BillingDeps, userId: string) {
  if (await findLiveSubscription(deps.db, userId)) {
    throw new ApiError("CONFLICT", {
      details: { reason: "already_subscribed", hint: "change plans in the billing portal" },
    });
  }
}
