import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { orders, user } from "../../db/schema";
import { beforeCursor, type Cursor, cursorTimeOf, pageOf } from "../../lib/pagination";
import { containsSql } from "./filters";

export interface OrderFilters {
  status?: string;
  currency?: string;
  productId?: string;
  interval?: string;
  userId?: string;
  q?: string;
  /** Half-open created_at bounds (UTC days); none = every order. */
  created?: { start: Date; end: Date };
}

/**
 * Orders, newest first (keyset on created_at, id). `q` is an exact order number or a
 * substring of the buyer's email.
 */
export async function listOrders(
  db: Database,
  filters: OrderFilters,
  page: { cursor: Cursor | null; limit: number },
) {
  const where: (SQL | undefined)[] = [
    filters.status ? eq(orders.status, filters.status) : undefined,
    filters.currency ? eq(orders.currency, filters.currency) : undefined,
    filters.productId ? eq(orders.productId, filters.productId) : undefined,
    filters.interval ? eq(orders.interval, filters.interval) : undefined,
    filters.userId ? eq(orders.userId, filters.userId) : undefined,
    filters.q ? or(eq(orders.orderNo, filters.q), containsSql(user.email, filters.q)) : undefined,
    filters.created ? gte(orders.createdAt, filters.created.start) : undefined,
    filters.created ? lt(orders.createdAt, filters.created.end) : undefined,
    beforeCursor(orders.createdAt, orders.id, page.cursor),
  ];
  const rows = await db
    .select({
      id: orders.id,
      orderNo: orders.orderNo,
      userId: orders.userId,
      userEmail: user.email,
      productId: orders.productId,
      productName: orders.productName,
      amount: orders.amount,
      currency: orders.currency,
      credits: orders.credits,
      interval: orders.interval,
      status: orders.status,
      refundedAmount: orders.refundedAmount,
      paidAt: orders.paidAt,
      refundedAt: orders.refundedAt,
      subTimes: orders.subTimes,
      stripeSessionId: orders.stripeSessionId,
      stripeSubscriptionId: orders.stripeSubscriptionId,
      stripeInvoiceId: orders.stripeInvoiceId,
      createdAt: orders.createdAt,
      at: cursorTimeOf(orders.createdAt),
    })
    .from(orders)
    .innerJoin(user, eq(user.id, orders.userId))
    .where(and(...where))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(page.limit + 1);
  const result = pageOf(rows, page.limit, (row) => ({ at: row.at, id: row.id }));
  return { items: result.items.map(({ at: _at, ...row }) => row), nextCursor: result.nextCursor };
}

export type OrderRow = Awaited<ReturnType<typeof listOrders>>["items"][number];
