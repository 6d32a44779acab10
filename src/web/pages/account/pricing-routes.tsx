import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { startCheckout } from "../../../billing/checkout";
import { billingDeps } from "../../../billing/deps";
import { findLiveSubscription } from "../../../billing/subscription-sync";
import { publicConfigs } from "../../../configs/public-view";
import type { AppEnv } from "../../../context";
import { ApiError } from "../../../lib/errors";
import { signInUrl } from "../../navigation";
import { renderPage } from "../../render";
import { pageViewer } from "../../viewer";
import { billingContact, planIdOfSubscription } from "./billing-info";
import { PricingPage } from "./pricing-page";

/** ?currency= when sold in it; else yen for Japanese readers when offered; else the default. */
function chosenCurrency(requested: string | undefined, currencies: string[], c: Context<AppEnv>) {
  const wanted = requested?.toLowerCase();
  if (wanted && currencies.includes(wanted)) return wanted;
  if (c.get("locale") === "ja" && currencies.includes("jpy")) return "jpy";
  return c.get("services").configs.defaultCurrency;
}

async function renderPricing(
  c: Context<AppEnv>,
  options: { currency?: string; error?: string; status?: ContentfulStatusCode } = {},
) {
  const services = c.get("services");
  const t = c.get("t");
  const plans = publicConfigs(services.configs, t).plans;
  const currencies = [...new Set(plans.flatMap((plan) => Object.keys(plan.prices)))];
  const viewer = await pageViewer(c);
  const live = viewer ? await findLiveSubscription(services.db, viewer.id) : undefined;
  return renderPage(
    c,
    { title: t("web.pricing.title"), description: t("web.pricing.lead"), status: options.status },
    <PricingPage
      t={t}
      locale={c.get("locale")}
      plans={plans}
      currency={chosenCurrency(options.currency ?? c.req.query("currency"), currencies, c)}
      currencies={currencies}
      signedIn={Boolean(viewer)}
      currentPlanId={planIdOfSubscription(services.configs, live)}
      subscribed={Boolean(live)}
      error={options.error}
    />,
  );
}

function checkoutErrorMessage(c: Context<AppEnv>, error: ApiError): string {
  const t = c.get("t");
  if (error.details?.reason === "already_subscribed") return t("web.pricing.alreadySubscribed");
  if (error.code === "VALIDATION_FAILED") return t("web.pricing.invalidPlan");
  return t(`errors.${error.code}`);
}

/** The pricing page, and its buy buttons' form post that opens Stripe Checkout. */
export const pricingPages = new Hono<AppEnv>()
  .get("/pricing", (c) => renderPricing(c))
  .post("/pricing/checkout", async (c) => {
    const viewer = await pageViewer(c);
    if (!viewer) return c.redirect(signInUrl("/pricing"), 303);
    const form = await c.req.parseBody();
    const planId = typeof form.planId === "string" ? form.planId : "";
    const currency = typeof form.currency === "string" && form.currency ? form.currency : undefined;
    const services = c.get("services");
    try {
      const session = await startCheckout(billingDeps(services), {
        user: await billingContact(services, viewer.id),
        planId,
        currency,
      });
      return c.redirect(session.url, 303);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return renderPricing(c, {
        currency,
        error: checkoutErrorMessage(c, error),
        status: error.status as ContentfulStatusCode,
      });
    }
  });
