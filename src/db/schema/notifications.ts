import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, timestamptz, uuidPk } from "./columns";

/**
 * Per-user notifications (user_id set) and global announcements (user_id null). `dedupe_key`
 * keeps an event from notifying twice (e.g. one "generation finished" per generation).
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuidPk(),
    userId: uuid("user_id").references(() => user.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    titleKey: text("title_key").notNull(),
    bodyKey: text("body_key"),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    link: text("link"),
    dedupeKey: text("dedupe_key").unique("notifications_dedupe_key"),
    publishedAt: timestamptz("published_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_published_idx").on(t.userId, t.publishedAt.desc()),
    index("notifications_global_published_idx")
      .on(t.publishedAt.desc())
      .where(sql`${t.userId} is null`),
    check(
      "notifications_kind_check",
      sql`${t.kind} in ('announcement', 'generation_succeeded', 'generation_failed', 'subscription', 'credits')`,
    ),
  ],
);

/** Read/archived state of a notification for one user (also for global announcements). */
export const notificationUserStates = pgTable(
  "notification_user_states",
  {
    id: uuidPk(),
    notificationId: uuid("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    readAt: timestamptz("read_at"),
    archivedAt: timestamptz("archived_at"),
    createdAt: createdAt(),
  },
  (t) => [unique("notification_user_states_key").on(t.notificationId, t.userId)],
);
