import { eq } from "drizzle-orm";
import type { Configs } from "../../../configs/load";
import type { Services } from "../../../context";
import { user } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";

/**
 * The plan a subscription row stands for. The row keeps the plan's type and interval (a switch
 * in the Billing Portal changes them), so that pair names the plan, not the id bought first.
 */
export function planIdOfSubscription(
  configs: Configs,
  sub: { planType: string; interval: string } | null | undefined,
): string | null {
  if (!sub) return null;
  const plan = configs.plans.find(
    (p) => p.kind === "subscription" && p.planType === sub.planType && p.interval === sub.interval,
  );
  return plan?.id ?? null;
}

/** Who Stripe's customer is: the account's own name and email, as the billing API sends. */
export async function billingContact(services: Services, userId: string) {
  const [row] = await services.db
    .select({ id: user.id, email: user.email, name: user.name })
    .from(user)
    .where(eq(user.id, userId));
  if (!row) throw new ApiError("UNAUTHENTICATED");
  return row;
}
