import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../app/router";
import { requireAdmin } from "../../auth/guards";
import { errorBody, SESSION_ONLY } from "../../lib/openapi";
import { decodeCursor } from "../../lib/pagination";
import { csvFilename, csvResponse } from "../shared/csv";
import { ADMIN_ERRORS, AdminPageQuery, allPages, tableResponse } from "../shared/tables";
import { isoOrNull } from "./filters";
import { listSubscriptions, type SubscriptionRow } from "./subscriptions-list";

/** Stripe's subscription statuses, stored as Stripe sends them. */
const STRIPE_STATUSES = [
  "active",
  "trialing",
  "past_due",
  "unpaid",
  "canceled",
  "incomplete",
  "incomplete_expired",
  "paused",
] as const;

const AdminSubscriptionSchema = z
  .object({
    id: z.uuid(),
    stripeSubscriptionId: z.string(),
    user: z.object({ id: z.uuid(), email: z.string() }),
    planType: z.string(),
    interval: z.enum(["month", "year"]),
    status: z.string().meta({ description: "Stripe's status", example: "active" }),
    currentPeriodStart: z.iso.datetime().nullable(),
    currentPeriodEnd: z.iso.datetime().nullable(),
    cancelAtPeriodEnd: z.boolean(),
    canceledAt: z.iso.datetime().nullable(),
    creditsPerPeriod: z.int(),
    periodsPaid: z.int().meta({ description: "Paid periods so far (sub_times)" }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AdminSubscription" });

const SubscriptionsQuery = AdminPageQuery.extend({
  status: z.enum(STRIPE_STATUSES).optional(),
  planType: z.string().min(1).max(100).optional(),
  interval: z.enum(["month", "year"]).optional(),
  userId: z.uuid().optional(),
});

const subscriptionsRoute = createRoute({
  method: "get",
  path: "/api/admin/subscriptions",
  tags: ["Admin"],
  summary: "Subscriptions, newest first, with filters",
  security: SESSION_ONLY,
  middleware: requireAdmin(),
  request: { query: SubscriptionsQuery },
  responses: {
    ...tableResponse(
      z.object({ items: z.array(AdminSubscriptionSchema), nextCursor: z.string().nullable() }),
      "A page of subscriptions",
    ),
    400: errorBody("Bad filter or cursor"),
    ...ADMIN_ERRORS,
  },
});

const view = ({ userId, userEmail, ...row }: SubscriptionRow) => ({
  ...row,
  user: { id: userId, email: userEmail },
  interval: row.interval as "month" | "year",
  currentPeriodStart: isoOrNull(row.currentPeriodStart),
  currentPeriodEnd: isoOrNull(row.currentPeriodEnd),
  canceledAt: isoOrNull(row.canceledAt),
  createdAt: row.createdAt.toISOString(),
});

export const adminSubscriptionRoutes = createRouter().openapi(subscriptionsRoute, async (c) => {
  const { format, cursor, limit, ...filters } = c.req.valid("query");
  const { db, now } = c.get("services");
  if (format === "csv") {
    return csvResponse<SubscriptionRow>(c, {
      filename: csvFilename("subscriptions", now().toISOString().slice(0, 10)),
      columns: [
        { header: "created_at", value: (r) => r.createdAt },
        { header: "id", value: (r) => r.id },
        { header: "stripe_subscription_id", value: (r) => r.stripeSubscriptionId },
        { header: "user_id", value: (r) => r.userId },
        { header: "user_email", value: (r) => r.userEmail },
        { header: "plan_type", value: (r) => r.planType },
        { header: "interval", value: (r) => r.interval },
        { header: "status", value: (r) => r.status },
        { header: "current_period_start", value: (r) => r.currentPeriodStart },
        { header: "current_period_end", value: (r) => r.currentPeriodEnd },
        { header: "cancel_at_period_end", value: (r) => r.cancelAtPeriodEnd },
        { header: "canceled_at", value: (r) => r.canceledAt },
        { header: "credits_per_period", value: (r) => r.creditsPerPeriod },
        { header: "periods_paid", value: (r) => r.periodsPaid },
      ],
      batches: allPages((page, size) =>
        listSubscriptions(db, filters, { cursor: page, limit: size }),
      ),
    });
  }
  const page = await listSubscriptions(db, filters, { cursor: decodeCursor(cursor), limit });
  return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
});
