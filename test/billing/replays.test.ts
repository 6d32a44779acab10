import { describe, expect, inject, it } from "vitest";
import { signUp } from "../support/auth";
import { useTestDatabase } from "../support/db";
import {
  cancelSubscription,
  deliverEvent,
  refundCharge,
  renewSubscription,
} from "../support/stripe";
import {
  billingState,
  buyAndPay,
  customerOf,
  deliverUntilAccepted,
  eventRowCount,
  eventsOfCustomer,
  type RecordedEvent,
} from "./flow";

// Real interleavings on the PostgreSQL server pass; the embedded one serialises them.
const db = useTestDatabase({ max: 20 });

/** A subscription paid, renewed twice, then cancelled at period end; its events unsent. */
async function subscriptionStory() {
  const buyer = await signUp();
  const { paid } = await buyAndPay(buyer.cookie, "sub-basic-monthly");
  const subscriptionId = paid.subscription as string;
  await renewSubscription(subscriptionId);
  await renewSubscription(subscriptionId);
  await cancelSubscription(subscriptionId, true);
  const events = await eventsOfCustomer(await customerOf(db(), buyer.id));
  return { buyer, events };
}

/** A pack bought and then refunded in full; its events unsent. */
async function refundedPackStory() {
  const buyer = await signUp();
  const { paid } = await buyAndPay(buyer.cookie, "pack-creator", "eur");
  await refundCharge(paid.charge as string);
  return { buyer, events: await eventsOfCustomer(await customerOf(db(), buyer.id)) };
}

/** A fixed permutation (seeded), so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function replayEach(events: RecordedEvent[], times: number, concurrently: boolean) {
  for (const event of events) {
    if (concurrently) {
      const answers = await Promise.all(Array.from({ length: times }, () => deliverEvent(event)));
      expect(answers.map((r) => r.status)).toEqual(Array(times).fill(200));
    } else {
      for (let i = 0; i < times; i++) expect((await deliverEvent(event)).status).toBe(200);
    }
  }
}

describe(`Stripe events replayed, duplicated and shuffled (${inject("databaseKind")})`, () => {
  for (const [name, story] of [
    ["subscription with renewals", subscriptionStory],
    ["refunded pack", refundedPackStory],
  ] as const) {
    it(`${name}: 10 sequential and 10 concurrent replays change nothing`, async () => {
      const { buyer, events } = await story();
      expect(events.length).toBeGreaterThanOrEqual(2);
      await deliverUntilAccepted(events);
      const settled = await billingState(db(), buyer.id);
      const recorded = await eventRowCount(db());
      await replayEach(events, 10, false);
      expect(await billingState(db(), buyer.id)).toEqual(settled);
      await replayEach(events, 10, true);
      expect(await billingState(db(), buyer.id)).toEqual(settled);
      expect(await eventRowCount(db())).toBe(recorded);
    });

    it(`${name}: any delivery order ends in the same state`, async () => {
      const inOrder = await story();
      await deliverUntilAccepted(inOrder.events);
      const expected = await billingState(db(), inOrder.buyer.id);
      for (const seed of [7, 1234]) {
        const other = await story();
        await deliverUntilAccepted(shuffled(other.events, seed));
        expect(await billingState(db(), other.buyer.id)).toEqual(expected);
      }
    });
  }
});
