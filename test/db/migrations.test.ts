import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import journal from "../../migrations/meta/_journal.json";
import * as schema from "../../src/db/schema";
import { useTestDatabase } from "../support/db";

const db = useTestDatabase();

const rows = async <T>(query: ReturnType<typeof sql>) => (await db().execute(query)).rows as T[];

describe("migrations on an empty database", () => {
  it("applied every migration in the journal exactly once", async () => {
    const applied = await rows<{ n: number }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]?.n).toBe(journal.entries.length);
  });

  it("created every table in the Drizzle schema", async () => {
    const tables = (Object.values(schema) as unknown[])
      .filter((value): value is PgTable => is(value, PgTable))
      .map((t) => getTableName(t));
    const found = await rows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    expect(found.map((r) => r.table_name).sort()).toEqual([...tables].sort());
  });

  it("created the SPEC's views, and each one answers a query", async () => {
    const views = [
      "user_credit_balances",
      "vw_orders_daily_revenue",
      "vw_generations_daily_counts",
      "vw_generation_failures_daily",
      "vw_generations_type_summary",
      "community_artworks_view",
    ];
    for (const view of views) {
      await expect(
        db().execute(sql`select * from ${sql.identifier(view)} limit 1`),
        view,
      ).resolves.toBeDefined();
    }
  });

  it("uses timestamptz for every timestamp column", async () => {
    const naive = await rows<{ table_name: string; column_name: string }>(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type = 'timestamp without time zone'`);
    expect(naive).toEqual([]);
  });
});
