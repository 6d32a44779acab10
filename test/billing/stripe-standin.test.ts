import { env } from "cloudflare:test";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  cancelSubscription,
  changePlan,
  completeCheckout,
  endSubscription,
  failPayment,
  type RecordedStripeEvent,
  recordedEvents,
  refundCharge,
  renewSubscription,
  signStripePayload,
  stripeControl,
  testStripeClient,
} from "../support/stripe";

// The local Stripe stand-in (SPEC §8) spoken to by the official client, as the app does.

const stripe = testStripeClient();
const cryptoProvider = Stripe.createSubtleCryptoProvider();
const STARTER = env.STRIPE_PRICE_PACK_STARTER ?? "STRIPE_PRICE_PACK_STARTER is unset";
const BASIC_MONTHLY =
  env.STRIPE_PRICE_SUB_BASIC_MONTHLY ?? "STRIPE_PRICE_SUB_BASIC_MONTHLY is unset";
const PRO_MONTHLY = env.STRIPE_PRICE_SUB_PRO_MONTHLY ?? "STRIPE_PRICE_SUB_PRO_MONTHLY is unset";

function verify(event: Pick<RecordedStripeEvent, "payload" | "signature">, secret?: string) {
  return stripe.webhooks.constructEventAsync(
    event.payload,
    event.signature,
    secret ?? env.STRIPE_WEBHOOK_SECRET,
    300,
    cryptoProvider,
  );
}

async function newCustomer() {
  return stripe.customers.create({
    email: `buyer-${crypto.randomUUID()}@aniforge.test`,
    name: "Buyer",
    metadata: { userId: "user_1" },
  });
}

async function subscribe(metadata: Record<string, string> = { orderNo: "o-sub" }) {
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
async function periodOf(subscriptionId: string) {
  const subscription = await stripe.subscriptions.retrieve(subscriptionId);
  const item = subscription.items.data[0];
  return { subscription, start: item?.current_period_start, end: item?.current_period_end };
}

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

describe("Stripe stand-in: subscription controls", () => {
  it("renew rolls the period over one interval with a paid cycle invoice", async () => {
    const { subscriptionId } = await subscribe();
    const before = await periodOf(subscriptionId);
    const renewed = await renewSubscription(subscriptionId);
    expect(renewed.events.map((e) => e.type)).toEqual([
      "customer.subscription.updated",
      "invoice.paid",
    ]);
    const after = await periodOf(subscriptionId);
    expect(after.start).toBe(before.end);
    expect(after.end).toBeGreaterThan(after.start ?? Infinity);
    const invoice = await stripe.invoices.retrieve(renewed.invoice as string);
    expect(invoice).toMatchObject({ billing_reason: "subscription_cycle", status: "paid" });
    expect(invoice.lines.data[0]?.period).toEqual({ start: after.start, end: after.end });
    const updated = await verify(renewed.events[0] as RecordedStripeEvent);
    expect(Object.keys(updated.data.previous_attributes ?? {})).toContain("items");
  });

  it("fail_payment leaves the invoice open and the subscription past due; renew pays it", async () => {
    const { subscriptionId } = await subscribe();
    const failed = await failPayment(subscriptionId);
    expect(failed.events.map((e) => e.type)).toEqual([
      "customer.subscription.updated",
      "invoice.payment_failed",
      "customer.subscription.updated",
    ]);
    const invoice = await stripe.invoices.retrieve(failed.invoice as string);
    expect(invoice).toMatchObject({ status: "open", attempt_count: 1, amount_paid: 0 });
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe("past_due");

    const recovered = await renewSubscription(subscriptionId);
    expect(recovered.invoice).toBe(failed.invoice);
    expect(recovered.events.map((e) => e.type)).toEqual([
      "invoice.paid",
      "customer.subscription.updated",
    ]);
    expect((await stripe.invoices.retrieve(failed.invoice as string)).status).toBe("paid");
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe("active");
  });

  it("change_plan swaps the item's price in the same period; the next renewal bills it", async () => {
    const { subscriptionId } = await subscribe();
    const before = await periodOf(subscriptionId);
    const switched = await changePlan(subscriptionId, PRO_MONTHLY);
    expect(switched.subscription).toBe(subscriptionId);
    expect(switched.events.map((e) => e.type)).toEqual(["customer.subscription.updated"]);

    const after = await periodOf(subscriptionId);
    const item = after.subscription.items.data[0];
    expect(item?.id).toBe(before.subscription.items.data[0]?.id);
    expect(item?.price).toMatchObject({ id: PRO_MONTHLY, unit_amount: 2499 });
    expect(item?.plan).toMatchObject({ id: PRO_MONTHLY, amount: 2499 });
    expect({ start: after.start, end: after.end }).toEqual({
      start: before.start,
      end: before.end,
    });

    const [recorded] = await recordedEvents({
      objectId: subscriptionId,
      type: "customer.subscription.updated",
    });
    expect(recorded?.id).toBe(switched.events[0]?.id);
    const event = await verify(recorded as RecordedStripeEvent);
    const previous = event.data.previous_attributes as Partial<Stripe.Subscription>;
    expect(Object.keys(previous)).toEqual(["items"]);
    expect(previous.items?.data[0]?.price.id).toBe(BASIC_MONTHLY);
    expect((event.data.object as Stripe.Subscription).items.data[0]?.price.id).toBe(PRO_MONTHLY);

    const renewed = await renewSubscription(subscriptionId);
    const invoice = await stripe.invoices.retrieve(renewed.invoice as string);
    expect(invoice).toMatchObject({ amount_paid: 2499, currency: "usd", status: "paid" });
    expect(invoice.lines.data[0]?.pricing?.price_details?.price).toBe(PRO_MONTHLY);

    await expect(changePlan(subscriptionId, STARTER)).rejects.toThrow(/type=recurring/);
    await expect(changePlan(subscriptionId, "price_unknown")).rejects.toThrow(/No such price/);
  });

  it("cancel at period end, resume through the API, then cancel now", async () => {
    const { subscriptionId } = await subscribe();
    const cancelled = await cancelSubscription(subscriptionId, true);
    expect(cancelled.events.map((e) => e.type)).toEqual(["customer.subscription.updated"]);
    const { subscription, end } = await periodOf(subscriptionId);
    expect(subscription).toMatchObject({
      status: "active",
      cancel_at_period_end: true,
      cancel_at: end,
    });

    const resumed = await stripe.subscriptions.update(subscriptionId, {
      cancel_at_period_end: false,
    });
    expect(resumed).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    const events = await recordedEvents({
      objectId: subscriptionId,
      type: "customer.subscription.updated",
    });
    expect(JSON.parse(events.at(-1)?.payload ?? "{}").request.id).toMatch(/^req_/);

    const deleted = await stripe.subscriptions.cancel(subscriptionId);
    expect(deleted.status).toBe("canceled");
    expect(deleted.ended_at).toBeTypeOf("number");
    expect(
      (await recordedEvents({ objectId: subscriptionId, type: "customer.subscription.deleted" }))
        .length,
    ).toBe(1);
  });

  it("end: a subscription set to cancel at period end ends at that period's end", async () => {
    const { subscriptionId } = await subscribe();
    await expect(endSubscription(subscriptionId)).rejects.toThrow(/does not cancel at period end/);
    await cancelSubscription(subscriptionId, true);
    const ended = await endSubscription(subscriptionId);
    expect(ended.events.map((e) => e.type)).toEqual(["customer.subscription.deleted"]);
    const { subscription, end } = await periodOf(subscriptionId);
    expect(subscription).toMatchObject({ status: "canceled", ended_at: end });
    await expect(renewSubscription(subscriptionId)).rejects.toThrow(/canceled/);
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
