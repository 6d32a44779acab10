import { describe, expect, it } from "vitest";
import { signUp } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { callWithEnv } from "../support/http";
import { deliverEvent, type RecordedStripeEvent } from "../support/stripe";
import { buyAndPay, customerOf, eventsOfCustomer } from "./flow";

const db = useTestDatabase();

// Stripe cannot be reached: any call the Worker makes to it fails.
const STRIPE_OFFLINE = { STRIPE_API_BASE_URL: "http://127.0.0.1:9" };

const deliverOffline = (event: RecordedStripeEvent) =>
  callWithEnv(STRIPE_OFFLINE, "/api/webhooks/stripe", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": event.signature },
    body: event.payload,
  });

describe("Stripe webhook repeats", () => {
  it("answers a repeat from its own record, without asking Stripe again", async () => {
    const buyer = await signUp();
    await buyAndPay(buyer.cookie, "sub-basic-monthly");
    const events = await eventsOfCustomer(await customerOf(db(), buyer.id));
    const completed = events.find((e) => e.type === "checkout.session.completed");
    const invoicePaid = events.find((e) => e.type === "invoice.paid");
    if (!completed || !invoicePaid) throw new Error("the stand-in recorded no checkout events");

    // The first delivery reads the subscription and invoice back from Stripe.
    const first = await deliverEvent(completed);
    expect(await first.json()).toEqual({ received: true, outcome: "applied" });

    // With Stripe unreachable, an event not seen before cannot be applied (Stripe retries)...
    expect((await deliverOffline(invoicePaid)).status).toBeGreaterThanOrEqual(500);
    // ...but a repeat is recognised before any call to Stripe, and changes nothing.
    const repeat = await deliverOffline(completed);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({ received: true, outcome: "duplicate" });
  });
});
