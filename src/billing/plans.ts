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

/**
 * The plan a subscription is on now: the price of its item (a switch in the Billing Portal
 * changes the price, not our metadata), else the plan it was bought as.
 */
export function planOfSubscription(
  configs: Configs,
  stripePrices: Record<string, string>,
  subscription: {
    items?: { data?: { price?: { id?: string } | string }[] };
    metadata?: Record<string, string> | null;
  },
): PlanConfig | undefined {
  const price = subscription.items?.data?.[0]?.price;
  const priceId = typeof price === "string" ? price : (price?.id ?? null);
  return (
    planOfPrice(configs, stripePrices, priceId) ?? planById(configs, subscription.metadata?.planId)
  );
}

/** The plan an invoice billed (a plan switch later must not change what it paid for). */
export function planOfPrice(
  configs: Configs,
  stripePrices: Record<string, string>,
  priceId: string | null,
): PlanConfig | undefined {
  const planId = Object.entries(stripePrices).find(([, id]) => id === priceId)?.[0];
  return planById(configs, planId);
}
