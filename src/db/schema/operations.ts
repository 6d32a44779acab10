import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, timestamptz, updatedAt, uuidPk } from "./columns";

/** Monthly platform costs entered by admins; profit = revenue - costs per month and currency. */
export const operationCosts = pgTable(
  "operation_costs",
  {
    id: uuidPk(),
    month: text("month").notNull(),
    platform: text("platform").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    note: text("note"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("operation_costs_month_platform_key").on(t.month, t.platform),
    check("operation_costs_month_check", sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check("operation_costs_amount_check", sql`${t.amount} >= 0`),
    check("operation_costs_currency_check", sql`${t.currency} ~ '^[a-z]{3}$'`),
  ],
);

/** API keys: only a hash of the secret is kept; the prefix is what the owner sees. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuidPk(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull().unique("api_keys_secret_hash_key"),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    lastUsedAt: timestamptz("last_used_at"),
    expiresAt: timestamptz("expires_at"),
    revokedAt: timestamptz("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    // A revoked key's name can be reused; active names stay unique per user.
    uniqueIndex("api_keys_user_active_name_key")
      .on(t.userId, t.name)
      .where(sql`${t.revokedAt} is null`),
    index("api_keys_user_created_at_idx").on(t.userId, t.createdAt),
  ],
);

export const feedbacks = pgTable(
  "feedbacks",
  {
    id: uuidPk(),
    userId: uuid("user_id").references(() => user.id, { onDelete: "set null" }),
    type: text("type").notNull().default("general"),
    content: text("content").notNull(),
    rating: integer("rating"),
    status: text("status").notNull().default("open"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "feedbacks_type_check",
      sql`${t.type} in ('general', 'bug_report', 'feature_request', 'user_experience')`,
    ),
    check("feedbacks_rating_check", sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check(
      "feedbacks_status_check",
      sql`${t.status} in ('open', 'in_progress', 'resolved', 'closed')`,
    ),
  ],
);
