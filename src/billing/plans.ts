import type { Configs } from "../configs/load";
import type { PlanConfig } from "../configs/schema";
import { ApiError } from "../lib/errors";

/** The active plan to sell and the currency to charge in; anything else is a 400. */
export function planForCheckout(
  configs: Configs,
  planId: string,
  currency: string | undefined,
): { plan: PlanConfig; currency: string; amount: number } {
  const plan = configs.plans.find((p) => p.id === planId);
  if (!plan) throw ApiError.validation("planId", `unknown plan "${planId}"`, "invalid_value");
  if (plan.status !== "active") {
    throw ApiError.validation("planId", `plan "${planId}" is not on sale`, "invalid_value");
  }
  const chosen = (currency ?? configs.defaultCurrency).toLowerCase();
  const amount = plan.prices[chosen];
  if (amount === undefined) {
    throw ApiError.validation(
      "currency",
      `${planId} is sold in ${Object.keys(plan.prices).join(", ")}`,
      "invalid_value",
    );
  }
  return { plan, currency: chosen, amount };
}

/** Plans by id, inactive ones included: a subscription bought earlier keeps its terms. */
export function planById(configs: Configs, planId: string | null | undefined) {
  return configs.plans.find((p) => p.id === planId);
}

/** Credits of a paid period or pack stay spendable this long after payment. */
export function grantExpiry(plan: Pick<PlanConfig, "validMonths">, paidAt: Date): Date {
  const expires = new Date(paidAt);
  expires.setUTCMonth(expires.getUTCMonth() + plan.validMonths);
  return expires;
}
