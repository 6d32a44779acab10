import { eq } from "drizzle-orm";
import type { Services } from "../context";
import { grantCredits } from "../credits/service";
import { user } from "../db/schema";
import { addDays } from "../incentives/rules";
import { ApiError } from "../lib/errors";
import { recordAdminAction } from "./audit";

export interface AdminGrantInput {
  actorId: string;
  requestId: string;
  userId: string;
  amount: number;
  reason: string;
  note: string | null;
  validDays: number | null;
  /** Repeating a request with the same key grants once (a double-click, a retried request). */
  idempotencyKey: string | null;
}

/** An admin's grant of credits, with its audit row in the same transaction. */
export function adminGrantCredits(services: Services, input: AdminGrantInput) {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: user.id })
      .from(user)
      .where(eq(user.id, input.userId))
      .limit(1);
    if (!target) throw new ApiError("NOT_FOUND", { details: { userId: input.userId } });
    const sourceId = input.idempotencyKey
      ? `key:${input.actorId}:${input.idempotencyKey}`
      : `once:${crypto.randomUUID()}`;
    const { entry, created } = await grantCredits(tx, {
      userId: input.userId,
      amount: input.amount,
      type: "admin_grant",
      sourceId,
      expiresAt: input.validDays ? addDays(now, input.validDays) : null,
      note: input.note,
      metadata: { actorId: input.actorId },
    });
    if (created) {
      await recordAdminAction(tx, {
        actorId: input.actorId,
        action: "credits.grant",
        targetType: "user",
        targetId: input.userId,
        reason: input.reason,
        details: {
          amount: input.amount,
          entryId: entry.id,
          expiresAt: entry.expiresAt?.toISOString() ?? null,
          note: input.note,
        },
        requestId: input.requestId,
      });
    }
    return { entry, created };
  });
}
