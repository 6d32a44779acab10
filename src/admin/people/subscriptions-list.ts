import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { subscriptions, user } from "../../db/schema";
import { beforeCursor, type Cursor, cursorTimeOf, pageOf } from "../../lib/pagination";

export interface SubscriptionFilters {
  status?: string;
  planType?: string;
  interval?: string;
  userId?: string;
}

/** Subscriptions, newest first (keyset on created_at, id). */
export async function listSubscriptions(
  db: Database,
  filters: SubscriptionFilters,
  page: { cursor: Cursor | null; limit: number },
) {
  const where: (SQL | undefined)[] = [
    filters.status ? eq(subscriptions.status, filters.status) : undefined,
    filters.planType ? eq(subscriptions.planType, filters.planType) : undefined,
    filters.interval ? eq(subscriptions.interval, filters.interval) : undefined,
    filters.userId ? eq(subscriptions.userId, filters.userId) : undefined,
    beforeCursor(subscriptions.createdAt, subscriptions.id, page.cursor),
  ];
  const rows = await db
    .select({
      id: subscriptions.id,
      stripeSubscriptionId: subscriptions.stripeSubscriptionId,
      userId: subscriptions.userId,
      userEmail: user.email,
      planType: subscriptions.planType,
      interval: subscriptions.interval,
      status: subscriptions.status,
      currentPeriodStart: subscriptions.currentPeriodStart,
      currentPeriodEnd: subscriptions.currentPeriodEnd,
      cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
      canceledAt: subscriptions.canceledAt,
      creditsPerPeriod: subscriptions.creditsPerPeriod,
      periodsPaid: subscriptions.subTimes,
      createdAt: subscriptions.createdAt,
      at: cursorTimeOf(subscriptions.createdAt),
    })
    .from(subscriptions)
    .innerJoin(user, eq(user.id, subscriptions.userId))
    .where(and(...where))
    .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
    .limit(page.limit + 1);
  const result = pageOf(rows, page.limit, (row) => ({ at: row.at, id: row.id }));
  return { items: result.items.map(({ at: _at, ...row }) => row), nextCursor: result.nextCursor };
}

export type SubscriptionRow = Awaited<ReturnType<typeof listSubscriptions>>["items"][number];
