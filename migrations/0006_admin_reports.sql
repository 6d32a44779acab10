CREATE INDEX "orders_refunded_at_idx" ON "orders" USING btree ("refunded_at") WHERE "orders"."refunded_at" is not null;--> statement-breakpoint
CREATE INDEX "orders_created_at_idx" ON "orders" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "subscriptions_created_at_idx" ON "subscriptions" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);
--> statement-breakpoint
-- Revenue counts on the UTC day an order was paid, refunds on the UTC day they happened (the
-- latest refund's day for an order refunded in parts), so a day's figures never change after
-- the fact. Same columns as before (0001_views.sql).
CREATE OR REPLACE VIEW "vw_orders_daily_revenue" AS
WITH movements AS (
  SELECT (o.paid_at AT TIME ZONE 'UTC')::date AS date, o.currency,
    o.amount::bigint AS revenue, 1 AS orders, 0::bigint AS refunded
  FROM "orders" o
  WHERE o.status IN ('paid', 'refunded') AND o.paid_at IS NOT NULL
  UNION ALL
  SELECT (o.refunded_at AT TIME ZONE 'UTC')::date, o.currency, 0, 0, o.refunded_amount::bigint
  FROM "orders" o
  WHERE o.refunded_at IS NOT NULL AND o.refunded_amount > 0 AND o.paid_at IS NOT NULL
)
SELECT
  date,
  currency,
  SUM(revenue)::bigint AS revenue,
  SUM(orders)::integer AS orders,
  SUM(refunded)::bigint AS refunded,
  (SUM(revenue) - SUM(refunded))::bigint AS net_revenue
FROM movements
GROUP BY 1, 2;
