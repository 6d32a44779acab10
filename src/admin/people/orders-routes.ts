import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../app/router";
import { requireAdmin } from "../../auth/guards";
import { errorBody, SESSION_ONLY } from "../../lib/openapi";
import { decodeCursor, PageQuerySchema } from "../../lib/pagination";
import { csvFilename, csvResponse } from "../shared/csv";
import { CurrencyFilter, dayBounds, dayRangeQuery, resolveDayRange } from "../shared/ranges";
import { ADMIN_ERRORS, allPages, FormatQuery, tableResponse } from "../shared/tables";
import { isoOrNull, SearchQuery } from "./filters";
import { listOrders, type OrderRow } from "./orders-list";

const AdminOrderSchema = z
  .object({
    orderNo: z.string(),
    user: z.object({ id: z.uuid(), email: z.string() }),
    productId: z.string(),
    productName: z.string(),
    amount: z.int().meta({ description: "Minor units" }),
    currency: z.string(),
    credits: z.int(),
    interval: z.enum(["one_time", "month", "year"]),
    status: z.enum(["created", "paid", "refunded", "failed"]),
    refundedAmount: z.int(),
    paidAt: z.iso.datetime().nullable(),
    refundedAt: z.iso.datetime().nullable(),
    subTimes: z
      .int()
      .nullable()
      .meta({ description: "Which period of a subscription (1 = first)" }),
    stripeSessionId: z.string().nullable(),
    stripeSubscriptionId: z.string().nullable(),
    stripeInvoiceId: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AdminOrder" });

// No `from`/`to` = every order; one of them fills the other like the reports do.
const OrdersQuery = dayRangeQuery({
  ...PageQuerySchema.shape,
  ...FormatQuery.shape,
  status: z.enum(["created", "paid", "refunded", "failed"]).optional(),
  currency: CurrencyFilter,
  productId: z.string().min(1).max(100).optional(),
  interval: z.enum(["one_time", "month", "year"]).optional(),
  userId: z.uuid().optional(),
  q: SearchQuery.meta({ description: "An exact order number, or a substring of the email" }),
});

const ordersRoute = createRoute({
  method: "get",
  path: "/api/admin/orders",
  tags: ["Admin"],
  summary: "Orders, newest first, with filters; `from`/`to` bound created_at by UTC day",
  security: SESSION_ONLY,
  middleware: requireAdmin(),
  request: { query: OrdersQuery },
  responses: {
    ...tableResponse(
      z.object({ items: z.array(AdminOrderSchema), nextCursor: z.string().nullable() }),
      "A page of orders",
    ),
    400: errorBody("Bad filter or cursor"),
    ...ADMIN_ERRORS,
  },
});

const view = ({ id: _id, userId, userEmail, ...row }: OrderRow) => ({
  ...row,
  user: { id: userId, email: userEmail },
  interval: row.interval as "one_time" | "month" | "year",
  status: row.status as "created" | "paid" | "refunded" | "failed",
  paidAt: isoOrNull(row.paidAt),
  refundedAt: isoOrNull(row.refundedAt),
  createdAt: row.createdAt.toISOString(),
});

export const adminOrderRoutes = createRouter().openapi(ordersRoute, async (c) => {
  const { format, cursor, limit, from, to, ...rest } = c.req.valid("query");
  const { db, now } = c.get("services");
  const range = from || to ? resolveDayRange({ from, to }, now()) : null;
  const filters = { ...rest, created: range ? dayBounds(range) : undefined };
  if (format === "csv") {
    return csvResponse<OrderRow>(c, {
      filename: csvFilename("orders", range?.from, range?.to),
      columns: [
        { header: "created_at", value: (r) => r.createdAt },
        { header: "order_no", value: (r) => r.orderNo },
        { header: "user_id", value: (r) => r.userId },
        { header: "user_email", value: (r) => r.userEmail },
        { header: "product_id", value: (r) => r.productId },
        { header: "product_name", value: (r) => r.productName },
        { header: "amount", value: (r) => r.amount },
        { header: "currency", value: (r) => r.currency },
        { header: "credits", value: (r) => r.credits },
        { header: "interval", value: (r) => r.interval },
        { header: "status", value: (r) => r.status },
        { header: "refunded_amount", value: (r) => r.refundedAmount },
        { header: "paid_at", value: (r) => r.paidAt },
        { header: "refunded_at", value: (r) => r.refundedAt },
        { header: "sub_times", value: (r) => r.subTimes },
        { header: "stripe_session_id", value: (r) => r.stripeSessionId },
        { header: "stripe_subscription_id", value: (r) => r.stripeSubscriptionId },
        { header: "stripe_invoice_id", value: (r) => r.stripeInvoiceId },
      ],
      batches: allPages((page, size) => listOrders(db, filters, { cursor: page, limit: size })),
    });
  }
  const page = await listOrders(db, filters, { cursor: decodeCursor(cursor), limit });
  return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
});
