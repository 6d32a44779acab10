import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, uuidPk } from "./columns";

/**
 * Daily incentives. Unique (user, type, reward_date, slot): a check-in is always slot 1, so at
 * most one per UTC day; shares take slots 1..share.maxPerDay, so the daily cap is a unique key.
 */
export const userIncentives = pgTable(
  "user_incentives",
  {
    id: uuidPk(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    rewardAmount: integer("reward_amount").notNull(),
    rewardDate: date("reward_date", { mode: "string" }).notNull(),
    slot: integer("slot").notNull().default(1),
    streakCount: integer("streak_count"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("user_incentives_user_type_date_slot_key").on(t.userId, t.type, t.rewardDate, t.slot),
    index("user_incentives_type_created_at_idx").on(t.type, t.createdAt),
    check("user_incentives_type_check", sql`${t.type} in ('check_in', 'share_sns')`),
    check("user_incentives_reward_check", sql`${t.rewardAmount} >= 0`),
    check("user_incentives_slot_check", sql`${t.slot} >= 1`),
  ],
);
