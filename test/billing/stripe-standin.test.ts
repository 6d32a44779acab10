import { env } from "cloudflare:test";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  completeCheckout,
  type RecordedStripeEvent,
  recordedEvents,
  refundCharge,
  signStripePayload,
  stripeControl,
  testStripeClient,
} from "../support/stripe";

import {
  BASIC_MONTHLY,
  newCustomer,
  periodOf,
  STARTER,
  stripe,
  subscribe,
  verify,
} from "./standin-client";

describe("Stripe stand-in: customers and Checkout", () => {
  it("creates and retrieves a customer and an open payment-mode session", async () => {
    const customer = await newCustomer();
    expect(customer.id).toMatch(/^cus_\w{14}$/);
    const retrieved = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(retrieved).toMatchObject({ email: customer.email, metadata: { userId: "user_1" } });

    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      customer: customer.id,
      currency: "eur",
      line_items: [{ price: STARTER, quantity: 1 }],
      success_url: "https://app.aniforge.test/billing/success",
      cancel_url: "https://app.aniforge.test/pricing",
      client_reference_id: "order-1",
      metadata: { orderNo: "order-1" },
      payment_intent_data: { metadata: { orderNo: "order-1" } },
    });
    expect(session).toMatchObject({
      object: "checkout.session",
      status: "open",
      payment_status: "unpaid",
      amount_total: 499,
      currency: "eur",
      customer: customer.id,
      payment_intent: null,
      client_reference_id: "order-1",
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${env.STRIPE_API_BASE_URL}/checkout/${session.id}`);
    expect((await stripe.checkout.sessions.retrieve(session.id)).amount_total).toBe(499);
    const page = await (await fetch(session.url as string)).text();
    expect(page).toContain(`/_control/checkout_sessions/${session.id}/complete`);

    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: "https://app.aniforge.test/account",
    });
    expect(portal).toMatchObject({ object: "billing_portal.session", customer: customer.id });
    expect(portal.url.startsWith(env.STRIPE_API_BASE_URL)).toBe(true);
  });

  it("completing a payment-mode session emits a signed checkout.session.completed", async () => {
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      customer: (await newCustomer()).id,
      currency: "jpy",
      line_items: [{ price: STARTER, quantity: 1 }],
      success_url: "https://app.aniforge.test/billing/success",
      payment_intent_data: { metadata: { orderNo: "order-2" } },
    });
    const paid = await completeCheckout(session.id);
    expect(paid.events.map((e) => e.type)).toEqual(["checkout.session.completed"]);
    const [recorded] = await recordedEvents({ objectId: session.id });
    expect(recorded?.id).toBe(paid.events[0]?.id);
    const event = await verify(recorded as RecordedStripeEvent);
    expect(event).toMatchObject({
      object: "event",
      livemode: false,
      api_version: Stripe.API_VERSION,
    });
    expect(event.data.object).toMatchObject({
      status: "complete",
      payment_status: "paid",
      payment_intent: paid.paymentIntent,
      amount_total: 800,
    });
    const intent = await stripe.paymentIntents.retrieve(paid.paymentIntent as string);
    expect(intent).toMatchObject({ status: "succeeded", metadata: { orderNo: "order-2" } });
    const charge = await stripe.charges.retrieve(paid.charge as string);
    expect(charge).toMatchObject({ status: "succeeded", amount: 800, payment_intent: intent.id });

    await expect(verify(recorded as RecordedStripeEvent, "whsec_someone_else")).rejects.toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const tampered = {
      ...(recorded as RecordedStripeEvent),
      payload: recorded?.payload.replace("800", "1") ?? "",
    };
    await expect(verify(tampered)).rejects.toThrow(Stripe.errors.StripeSignatureVerificationError);
    await expect(completeCheckout(session.id)).rejects.toThrow(/not open/);
  });

  it("completing a subscription session: subscription, paid invoice, then the session", async () => {
    const { customer, session, paid, subscriptionId } = await subscribe({ orderNo: "o-3" });
    expect(paid.events.map((e) => e.type)).toEqual([
      "customer.subscription.created",
      "invoice.paid",
      "checkout.session.completed",
    ]);
    for (const event of paid.events) expect((await verify(event)).id).toBe(event.id);

    const { subscription, start, end } = await periodOf(subscriptionId);
    expect(subscription).toMatchObject({
      status: "active",
      customer: customer.id,
      metadata: { orderNo: "o-3" },
      latest_invoice: paid.invoice,
    });
    expect(subscription.items.data[0]?.price.id).toBe(BASIC_MONTHLY);
    const startDate = new Date((start ?? 0) * 1000);
    startDate.setUTCMonth(startDate.getUTCMonth() + 1);
    expect(Math.abs((end ?? 0) - startDate.getTime() / 1000)).toBeLessThanOrEqual(3 * 24 * 3600);
    expect((subscription as unknown as { current_period_end: number }).current_period_end).toBe(
      end,
    );

    const invoice = await stripe.invoices.retrieve(paid.invoice as string, {
      expand: ["payments"],
    });
    expect(invoice).toMatchObject({
      billing_reason: "subscription_create",
      status: "paid",
      amount_paid: 999,
      currency: "usd",
      parent: { subscription_details: { subscription: subscriptionId } },
    });
    expect(invoice.lines.data[0]?.period).toEqual({ start, end });
    expect(invoice.payments?.data[0]?.payment.payment_intent).toBe(paid.paymentIntent);
    expect((invoice as unknown as { subscription: string }).subscription).toBe(subscriptionId);
    const completed = await stripe.checkout.sessions.retrieve(session.id);
    expect(completed).toMatchObject({
      subscription: subscriptionId,
      invoice: paid.invoice,
      url: null,
    });
  });
});

describe("Stripe stand-in: refunds, events, errors", () => {
  it("refunds part, then the rest, of a charge; charge.refunded names the payment intent", async () => {
    const { paid } = await subscribe();
    const charge = paid.charge as string;
    const partial = await refundCharge(charge, 100);
    const event = await verify(partial.events[0] as RecordedStripeEvent);
    expect(event.type).toBe("charge.refunded");
    expect(event.data.object).toMatchObject({
      amount_refunded: 100,
      refunded: false,
      payment_intent: paid.paymentIntent,
    });
    await refundCharge(charge);
    const refunded = await stripe.charges.retrieve(charge, { expand: ["refunds"] });
    expect(refunded).toMatchObject({ amount_refunded: 999, refunded: true });
    expect(refunded.refunds?.data.map((r) => r.amount)).toEqual([899, 100]);
    await expect(refundCharge(charge)).rejects.toThrow(/already been refunded/);
  });

  it("redeliver re-signs the same payload with a fresh timestamp", async () => {
    const { paid } = await subscribe();
    const original = paid.events[0] as RecordedStripeEvent;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await stripeControl<RecordedStripeEvent>(`/events/${original.id}/redeliver`);
    expect(again).toMatchObject({ id: original.id, payload: original.payload });
    expect(again.signature).not.toBe(original.signature);
    expect((await verify(again)).id).toBe(original.id);
  });

  it("signStripePayload signs as Stripe does; a stale timestamp is refused", async () => {
    const payload = JSON.stringify({ id: "evt_test", object: "event", type: "ping" });
    expect((await verify({ payload, signature: await signStripePayload(payload) })).id).toBe(
      "evt_test",
    );
    const stale = await signStripePayload(payload, {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    await expect(verify({ payload, signature: stale })).rejects.toThrow(
      /Timestamp outside the tolerance/,
    );
  });

  it("answers Stripe's errors: bad key, unknown price, unsupported currency, unknown id", async () => {
    await expect(testStripeClient("sk_test_wrong_key").customers.create({})).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    const create = (price: string, currency: string) =>
      stripe.checkout.sessions.create({
        mode: "payment",
        currency,
        line_items: [{ price, quantity: 1 }],
        success_url: "https://app.aniforge.test/billing/success",
      });
    await expect(create("price_unknown", "usd")).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      code: "resource_missing",
      param: "line_items[0][price]",
    });
    await expect(create(STARTER, "gbp")).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      param: "currency",
    });
    await expect(create(BASIC_MONTHLY, "usd")).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    await expect(stripe.subscriptions.retrieve("sub_missing")).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 404,
    });
  });
});
