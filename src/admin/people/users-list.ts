import { and, desc, eq, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { user } from "../../db/schema";
import { beforeCursor, type Cursor, cursorTimeOf, pageOf } from "../../lib/pagination";
import { containsSql } from "./filters";

export interface UserFilters {
  q?: string;
  role?: "user" | "admin";
  member?: boolean;
  country?: string;
  ref?: string;
  utmSource?: string;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  displayName: string | null;
  role: string;
  emailVerified: boolean;
  createdAt: Date;
  signupCountry: string | null;
  signupRef: string | null;
  signupUtmSource: string | null;
  invitedBy: string | null;
  member: boolean;
  subPlanType: string | null;
  subExpiredAt: Date | null;
  balance: number;
  totalEarned: number;
  totalUsed: number;
}

/** Membership as the product defines it: subscribed and not yet expired at `now`. */
function memberSql(now: Date): SQL<boolean> {
  return sql<boolean>`(${user.isSub} and ${user.subExpiredAt} is not null and ${user.subExpiredAt} >= ${now})`;
}

/**
 * Users, newest sign-up first (keyset on created_at, id). Credit figures come from the
 * `user_credit_balances` view for the page's ids only: one grouped read per page.
 */
export async function listUsers(
  db: Database,
  filters: UserFilters,
  page: { cursor: Cursor | null; limit: number },
  now: Date,
) {
  const member = memberSql(now);
  const where: (SQL | undefined)[] = [
    filters.q
      ? or(
          containsSql(user.email, filters.q),
          containsSql(user.name, filters.q),
          containsSql(user.displayName, filters.q),
        )
      : undefined,
    filters.role ? eq(user.role, filters.role) : undefined,
    filters.member === undefined ? undefined : filters.member ? member : sql`not ${member}`,
    filters.country ? eq(user.signupCountry, filters.country) : undefined,
    filters.ref ? eq(user.signupRef, filters.ref) : undefined,
    filters.utmSource ? eq(user.signupUtmSource, filters.utmSource) : undefined,
    beforeCursor(user.createdAt, user.id, page.cursor),
  ];
  const rows = await db
    .select({
      id: user.id,
      email: user.email,
      name: user.name,
      displayName: user.displayName,
      role: user.role,
      emailVerified: user.emailVerified,
      createdAt: user.createdAt,
      signupCountry: user.signupCountry,
      signupRef: user.signupRef,
      signupUtmSource: user.signupUtmSource,
      invitedBy: user.invitedBy,
      member,
      subPlanType: user.subPlanType,
      subExpiredAt: user.subExpiredAt,
      at: cursorTimeOf(user.createdAt),
    })
    .from(user)
    .where(and(...where))
    .orderBy(desc(user.createdAt), desc(user.id))
    .limit(page.limit + 1);
  const result = pageOf(rows, page.limit, (row) => ({ at: row.at, id: row.id }));
  const balances = await balancesOf(
    db,
    result.items.map((row) => row.id),
  );
  return {
    items: result.items.map(({ at: _at, ...row }): UserRow => {
      const credits = balances.get(row.id);
      return {
        ...row,
        member: Boolean(row.member),
        balance: credits?.balance ?? 0,
        totalEarned: credits?.totalEarned ?? 0,
        totalUsed: credits?.totalUsed ?? 0,
      };
    }),
    nextCursor: result.nextCursor,
  };
}

interface Balance {
  balance: number;
  totalEarned: number;
  totalUsed: number;
}

async function balancesOf(db: Database, ids: string[]): Promise<Map<string, Balance>> {
  if (ids.length === 0) return new Map();
  const result = await db.execute<{
    user_id: string;
    balance: number;
    total_earned: number;
    total_used: number;
  }>(sql`select user_id, balance, total_earned, total_used from "user_credit_balances"
    where user_id = any(array[${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}]::uuid[])`);
  return new Map(
    result.rows.map((r) => [
      r.user_id,
      {
        balance: Number(r.balance),
        totalEarned: Number(r.total_earned),
        totalUsed: Number(r.total_used),
      },
    ]),
  );
}
