import { and, asc, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { creditSummary } from "../../src/credits/queries";
import type { Database } from "../../src/db/client";
import {
  credits,
  orders,
  stripeCustomers,
  stripeEvents,
  subscriptions,
  user,
} from "../../src/db/schema";
import { withCookie } from "../support/auth";
import { call } from "../support/http";
import { completeCheckout, deliverEvent, recordedEvents } from "../support/stripe";

export type RecordedEvent = Awaited<ReturnType<typeof recordedEvents>>[number];

/** POST /api/billing/checkout as the signed-in user. */
export function checkout(cookie: string, body: Record<string, unknown>) {
  return call(
    "/api/billing/checkout",
    withCookie(cookie, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

/** Checks out a plan and pays for it at the stand-in; returns the session and order. */
export async function buyAndPay(cookie: string, planId: string, currency?: string) {
  const res = await checkout(cookie, { planId, ...(currency ? { currency } : {}) });
  expect(res.status, await res.clone().text()).toBe(200);
  const session = await res.json<{ url: string; sessionId: string; orderNo: string }>();
  const paid = await completeCheckout(session.sessionId);
  return { ...session, paid };
}

export async function customerOf(db: Database, userId: string): Promise<string> {
  const [row] = await db
    .select({ id: stripeCustomers.stripeCustomerId })
    .from(stripeCustomers)
    .where(eq(stripeCustomers.userId, userId));
  if (!row) throw new Error(`no Stripe customer for ${userId}`);
  return row.id;
}

/** Every event the stand-in recorded about this customer's objects, in emission order. */
export async function eventsOfCustomer(customerId: string): Promise<RecordedEvent[]> {
  const all = await recordedEvents({});
  return all.filter((event) => {
    const object = (JSON.parse(event.payload) as { data: { object: { customer?: unknown } } }).data
      .object;
    const customer =
      typeof object.customer === "string"
        ? object.customer
        : (object.customer as { id?: string } | null)?.id;
    return customer === customerId;
  });
}

/**
 * Delivers events to the Worker the way Stripe does: each until it answers 2xx, retrying the
 * ones that answered 5xx (an event that needs another one first) after the others.
 */
export async function deliverUntilAccepted(events: RecordedEvent[]): Promise<void> {
  let pending = events;
  for (let round = 0; round < 5 && pending.length > 0; round++) {
    const failed: RecordedEvent[] = [];
    for (const event of pending) {
      const res = await deliverEvent(event);
      if (res.status >= 500) failed.push(event);
      else expect(res.status, await res.text()).toBe(200);
    }
    pending = failed;
  }
  expect(pending.map((e) => e.type)).toEqual([]);
}

/**
 * What a user would notice, free of ids and clock times: orders, ledger, balance, membership,
 * subscription. Two runs of the same story compare equal whatever order events came in.
 */
export async function billingState(db: Database, userId: string) {
  const orderRows = await db
    .select()
    .from(orders)
    .where(eq(orders.userId, userId))
    .orderBy(asc(orders.createdAt));
  const ledger = await db
    .select({ type: credits.transType, amount: credits.amount, remaining: credits.remaining })
    .from(credits)
    .where(and(eq(credits.userId, userId), sql`${credits.transType} <> 'signup_bonus'`));
  const [me] = await db.select().from(user).where(eq(user.id, userId));
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.userId, userId));
  const summary = await creditSummary(db, userId, new Date());
  return {
    orders: orderRows
      .map((o) => ({
        status: o.status,
        amount: o.amount,
        currency: o.currency,
        credits: o.credits,
        refundedAmount: o.refundedAmount,
        subTimes: o.subTimes,
        paid: o.paidAt !== null,
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ledger: ledger.map((l) => `${l.type}:${l.amount}:${l.remaining}`).sort(),
    balance: summary.balance,
    member: {
      isSub: me?.isSub,
      planType: me?.subPlanType,
      untilPeriodEnd: sub ? me?.subExpiredAt?.getTime() === sub.currentPeriodEnd?.getTime() : null,
    },
    subscription: sub
      ? { status: sub.status, cancelAtPeriodEnd: sub.cancelAtPeriodEnd, subTimes: sub.subTimes }
      : null,
  };
}

export async function eventRowCount(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(stripeEvents);
  return row?.n ?? 0;
}
