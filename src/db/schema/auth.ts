import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, timestamptz, updatedAt, uuidPk } from "./columns";

/**
 * better-auth's four tables (user, session, account, verification) with Aniforge's profile
 * fields on the user. Ids are UUIDs (better-auth is configured to generate UUIDs).
 */
export const user = pgTable(
  "user",
  {
    id: uuidPk(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    displayName: text("display_name"),
    /** An https URL or the uuid of one of the user's own generated images. */
    avatarUrl: text("avatar_url"),
    bio: text("bio"),
    gender: text("gender"),
    backgroundUrl: text("background_url"),
    locale: text("locale"),
    role: text("role").notNull().default("user"),
    isSub: boolean("is_sub").notNull().default(false),
    subExpiredAt: timestamptz("sub_expired_at"),
    subPlanType: text("sub_plan_type"),
    signupCountry: text("signup_country"),
    signupRef: text("signup_ref"),
    signupUtmSource: text("signup_utm_source"),
    invitedBy: uuid("invited_by").references((): AnyPgColumn => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("user_email_key").on(sql`lower(${t.email})`),
    index("user_created_at_idx").on(t.createdAt),
    index("user_invited_by_idx").on(t.invitedBy),
    check("user_role_check", sql`${t.role} in ('user', 'admin')`),
    check(
      "user_gender_check",
      sql`${t.gender} is null or ${t.gender} in ('male', 'female', 'other')`,
    ),
  ],
);

export const session = pgTable(
  "session",
  {
    id: uuidPk(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    token: text("token").notNull().unique("session_token_key"),
    expiresAt: timestamptz("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("session_user_id_idx").on(t.userId),
    index("session_expires_at_idx").on(t.expiresAt),
  ],
);

export const account = pgTable(
  "account",
  {
    id: uuidPk(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamptz("access_token_expires_at"),
    refreshTokenExpiresAt: timestamptz("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("account_user_id_idx").on(t.userId),
    uniqueIndex("account_provider_account_key").on(t.providerId, t.accountId),
  ],
);

export const verification = pgTable(
  "verification",
  {
    id: uuidPk(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("verification_identifier_idx").on(t.identifier),
    index("verification_expires_at_idx").on(t.expiresAt),
  ],
);
