import { and, asc, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { operationCosts } from "../../db/schema";
import { ApiError } from "../../lib/errors";
import { recordAdminAction } from "../audit";
import type { DayRange } from "../shared/ranges";

export type CostRow = typeof operationCosts.$inferSelect;
export interface CostInput {
  month: string;
  platform: string;
  amount: number;
  currency: string;
  note: string | null;
}

const UNIQUE = "operation_costs_month_platform_key";

export interface Actor {
  actorId: string;
  requestId: string;
}

export function listCosts(
  db: Database,
  filters: { range: DayRange; platform?: string; currency?: string },
): Promise<CostRow[]> {
  const where: (SQL | undefined)[] = [
    gte(operationCosts.month, filters.range.from),
    lte(operationCosts.month, filters.range.to),
    filters.platform ? eq(operationCosts.platform, filters.platform) : undefined,
    filters.currency ? eq(operationCosts.currency, filters.currency) : undefined,
  ];
  return db
    .select()
    .from(operationCosts)
    .where(and(...where))
    .orderBy(desc(operationCosts.month), asc(operationCosts.platform));
}

async function existingFor(db: Database, month: string, platform: string) {
  const [row] = await db
    .select({ id: operationCosts.id })
    .from(operationCosts)
    .where(and(eq(operationCosts.month, month), eq(operationCosts.platform, platform)));
  return row?.id ?? null;
}

async function duplicate(db: Database, month: string, platform: string): Promise<ApiError> {
  return new ApiError("COST_ALREADY_EXISTS", {
    details: { month, platform, id: await existingFor(db, month, platform) },
  });
}

/** One cost per (month, platform): the unique key decides between racing requests. */
export async function createCost(db: Database, input: CostInput, actor: Actor): Promise<CostRow> {
  const created = await db.transaction(async (tx) => {
    const [row] = await tx.insert(operationCosts).values(input).onConflictDoNothing().returning();
    if (!row) return null;
    await recordAdminAction(tx, {
      ...actor,
      action: "costs.create",
      targetType: "operation_cost",
      targetId: row.id,
      details: { after: fieldsOf(row) },
    });
    return row;
  });
  if (!created) throw await duplicate(db, input.month, input.platform);
  return created;
}

export async function updateCost(
  db: Database,
  id: string,
  patch: Partial<CostInput>,
  actor: Actor,
): Promise<CostRow> {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(operationCosts)
        .where(eq(operationCosts.id, id))
        .for("update");
      if (!before) throw new ApiError("NOT_FOUND", { details: { id } });
      const [after] = await tx
        .update(operationCosts)
        .set(patch)
        .where(eq(operationCosts.id, id))
        .returning();
      if (!after) throw new ApiError("NOT_FOUND", { details: { id } });
      if (JSON.stringify(fieldsOf(before)) !== JSON.stringify(fieldsOf(after))) {
        await recordAdminAction(tx, {
          ...actor,
          action: "costs.update",
          targetType: "operation_cost",
          targetId: id,
          details: { before: fieldsOf(before), after: fieldsOf(after) },
        });
      }
      return after;
    });
  } catch (error) {
    if (!isUniqueViolation(error, UNIQUE)) throw error;
    const [current] = await db.select().from(operationCosts).where(eq(operationCosts.id, id));
    throw await duplicate(
      db,
      patch.month ?? current?.month ?? "",
      patch.platform ?? current?.platform ?? "",
    );
  }
}

export async function deleteCost(db: Database, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(operationCosts).where(eq(operationCosts.id, id)).returning();
    if (!before) throw new ApiError("NOT_FOUND", { details: { id } });
    await recordAdminAction(tx, {
      ...actor,
      action: "costs.delete",
      targetType: "operation_cost",
      targetId: id,
      details: { before: fieldsOf(before) },
    });
  });
}

const fieldsOf = (row: CostRow): CostInput => ({
  month: row.month,
  platform: row.platform,
  amount: row.amount,
  currency: row.currency,
  note: row.note,
});

export function costView(row: CostRow) {
  return {
    id: row.id,
    month: row.month,
    platform: row.platform,
    amount: row.amount,
    currency: row.currency,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
