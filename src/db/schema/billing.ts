import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, timestamptz, updatedAt, uuidPk } from "./columns";

export const orders = pgTable(
  "orders",
  {
    id: uuidPk(),
    orderNo: text("order_no").notNull().unique("orders_order_no_key"),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    productId: text("product_id").notNull(),
    productName: text("product_name").notNull(),
    /** Minor units (cents, yen...). */
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    credits: integer("credits").notNull(),
    /** `one_time`, `month` or `year`. */
    interval: text("interval").notNull(),
    validMonths: integer("valid_months"),
    status: text("status").notNull().default("created"),
    stripeSessionId: text("stripe_session_id").unique("orders_stripe_session_id_key"),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    stripeInvoiceId: text("stripe_invoice_id").unique("orders_stripe_invoice_id_key"),
    subTimes: integer("sub_times"),
    paidAt: timestamptz("paid_at"),
    refundedAt: timestamptz("refunded_at"),
    refundedAmount: integer("refunded_amount").notNull().default(0),
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("orders_user_created_at_idx").on(t.userId, t.createdAt.desc()),
    index("orders_paid_at_idx").on(t.paidAt).where(sql`${t.status} in ('paid', 'refunded')`),
    // Refunds count on the day they happen (vw_orders_daily_revenue).
    index("orders_refunded_at_idx").on(t.refundedAt).where(sql`${t.refundedAt} is not null`),
    // The admin order list: newest first, keyset on (created_at, id).
    index("orders_created_at_idx").on(t.createdAt.desc(), t.id.desc()),
    index("orders_stripe_payment_intent_idx").on(t.stripePaymentIntentId),
    index("orders_stripe_subscription_idx").on(t.stripeSubscriptionId),
    check("orders_status_check", sql`${t.status} in ('created', 'paid', 'refunded', 'failed')`),
    check("orders_interval_check", sql`${t.interval} in ('one_time', 'month', 'year')`),
    check("orders_amount_check", sql`${t.amount} >= 0 and ${t.credits} >= 0`),
    check("orders_currency_check", sql`${t.currency} ~ '^[a-z]{3}$'`),
  ],
);

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuidPk(),
    stripeSubscriptionId: text("stripe_subscription_id")
      .notNull()
      .unique("subscriptions_stripe_subscription_id_key"),
    stripeCustomerId: text("stripe_customer_id"),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    planType: text("plan_type").notNull(),
    interval: text("interval").notNull(),
    status: text("status").notNull(),
    currentPeriodStart: timestamptz("current_period_start"),
    currentPeriodEnd: timestamptz("current_period_end"),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    canceledAt: timestamptz("canceled_at"),
    creditsPerPeriod: integer("credits_per_period").notNull(),
    subTimes: integer("sub_times").notNull().default(0),
    /** Stripe's event.created of the newest event applied, so older events cannot roll state back. */
    lastEventAt: timestamptz("last_event_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("subscriptions_user_id_idx").on(t.userId),
    index("subscriptions_status_idx").on(t.status),
    index("subscriptions_created_at_idx").on(t.createdAt.desc(), t.id.desc()),
    check("subscriptions_interval_check", sql`${t.interval} in ('month', 'year')`),
  ],
);

/** Webhook de-duplication: an event id is applied at most once. */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: uuidPk(),
    eventId: text("event_id").notNull().unique("stripe_events_event_id_key"),
    type: text("type").notNull(),
    stripeCreatedAt: timestamptz("stripe_created_at"),
    receivedAt: timestamptz("received_at").notNull().defaultNow(),
    processedAt: timestamptz("processed_at"),
  },
  (t) => [index("stripe_events_type_received_idx").on(t.type, t.receivedAt)],
);

/** Stripe customer per user, created once and reused by every checkout. */
export const stripeCustomers = pgTable("stripe_customers", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  stripeCustomerId: text("stripe_customer_id").notNull().unique("stripe_customers_customer_key"),
  createdAt: createdAt(),
});
