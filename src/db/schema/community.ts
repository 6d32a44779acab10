import { sql } from "drizzle-orm";
import { check, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, uuidPk } from "./columns";

/**
 * Likes and favorites. One row per (user, art, kind); the counters on the art rows change in
 * the same transaction as the row, so a repeated like is a no-op.
 */
export const userInteractions = pgTable(
  "user_interactions",
  {
    id: uuidPk(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    artType: text("art_type").notNull(),
    artId: uuid("art_id").notNull(),
    interactionType: text("interaction_type").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("user_interactions_user_art_kind_key").on(
      t.userId,
      t.artId,
      t.artType,
      t.interactionType,
    ),
    index("user_interactions_art_idx").on(t.artType, t.artId, t.interactionType),
    index("user_interactions_user_kind_created_idx").on(
      t.userId,
      t.interactionType,
      t.createdAt.desc(),
      t.id.desc(),
    ),
    check("user_interactions_art_type_check", sql`${t.artType} in ('image', 'video', 'character')`),
    check("user_interactions_kind_check", sql`${t.interactionType} in ('like', 'favorite')`),
  ],
);
