import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  cancelSubscription,
  changePlan,
  endSubscription,
  failPayment,
  type RecordedStripeEvent,
  recordedEvents,
  renewSubscription,
} from "../support/stripe";

import {
  BASIC_MONTHLY,
  PRO_MONTHLY,
  periodOf,
  STARTER,
  stripe,
  subscribe,
  verify,
} from "./standin-client";

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
