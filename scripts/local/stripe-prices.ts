import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PlanConfig } from "../../src/configs/schema";

// The Stripe stand-in's price catalogue, built from configs/plans.json so the prices the app
// names in its STRIPE_PRICE_* settings always exist locally, in every currency a plan offers.

export interface LocalStripePrice {
  /** price_local_<plan id with - → _>. */
  id: string;
  /** The STRIPE_PRICE_* setting of the app that names this price. */
  env: string;
  productId: string;
  productName: string;
  /** The price's own currency; Stripe calls the others its currency options. */
  currency: string;
  /** Minor units per currency, the default currency included. */
  currencyOptions: Record<string, { unit_amount: number }>;
  recurring: { interval: "month" | "year" } | null;
}

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** configs/plans.json and the English plan names, read from the repository. */
export function readLocalPlans(): { plans: PlanConfig[]; names: Record<string, string> } {
  const file = JSON.parse(readFileSync(`${REPO_ROOT}configs/plans.json`, "utf8")) as {
    plans: PlanConfig[];
  };
  const names = JSON.parse(readFileSync(`${REPO_ROOT}i18n/en.json`, "utf8")) as Record<
    string,
    string
  >;
  return { plans: file.plans, names };
}

function localId(plan: PlanConfig): string {
  return plan.id.replaceAll("-", "_");
}

export function localStripePrices(
  plans: PlanConfig[],
  names: Record<string, string> = {},
): LocalStripePrice[] {
  return plans.map((plan) => {
    const currencies = Object.keys(plan.prices);
    return {
      id: `price_local_${localId(plan)}`,
      env: plan.stripePriceEnv,
      productId: `prod_local_${localId(plan)}`,
      productName: names[plan.nameKey] ?? plan.id,
      currency: currencies[0] ?? "usd",
      currencyOptions: Object.fromEntries(
        Object.entries(plan.prices).map(([currency, amount]) => [
          currency,
          { unit_amount: amount },
        ]),
      ),
      recurring: plan.kind === "subscription" ? { interval: plan.interval ?? "month" } : null,
    };
  });
}

/** `{ STRIPE_PRICE_*: price id }`, for the app's env in tests and `npm run dev`. */
export function localStripePriceEnv(plans: PlanConfig[]): Record<string, string> {
  return Object.fromEntries(localStripePrices(plans).map((price) => [price.env, price.id]));
}
