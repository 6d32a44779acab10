import type { z } from "@hono/zod-openapi";
import type { OrderSchema, SubscriptionStateSchema } from "./schemas";
import type { OrderRow, SubscriptionRow } from "./self-service";

type OrderView = z.infer<typeof OrderSchema>;
type SubscriptionState = z.infer<typeof SubscriptionStateSchema>;

export function orderView(row: OrderRow): OrderView {
  return {
    orderNo: row.orderNo,
    productId: row.productId,
    productName: row.productName,
    amount: row.amount,
    currency: row.currency,
    credits: row.credits,
    interval: row.interval as OrderView["interval"],
    status: row.status as OrderView["status"],
    refundedAmount: row.refundedAmount,
    paidAt: row.paidAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const ENDED = new Set(["canceled", "incomplete_expired"]);

export function subscriptionStateView(state: {
  subscription: SubscriptionRow | null;
  member: boolean;
  memberUntil: Date | null;
}): SubscriptionState {
  const sub = state.subscription;
  const periodEnd = sub?.currentPeriodEnd?.toISOString() ?? null;
  const ends = sub && (sub.cancelAtPeriodEnd || ENDED.has(sub.status));
  return {
    subscription: sub
      ? {
          planType: sub.planType,
          interval: sub.interval as "month" | "year",
          status: sub.status,
          currentPeriodEnd: periodEnd,
          cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
          renewsAt: ends ? null : periodEnd,
          endsAt: ends ? periodEnd : null,
          creditsPerPeriod: sub.creditsPerPeriod,
          periodsPaid: sub.subTimes,
        }
      : null,
    member: state.member,
    memberUntil: state.memberUntil?.toISOString() ?? null,
  };
}
