import type { publicConfigs } from "../../../configs/public-view";
import type { Locale } from "../../../i18n/catalogues";
import type { Translate } from "../../../i18n/translate";
import { formatNumber, formatPrice } from "./format";

export type PublicPlan = ReturnType<typeof publicConfigs>["plans"][number];

export interface PricingProps {
  t: Translate;
  locale: Locale;
  plans: PublicPlan[];
  currency: string;
  currencies: string[];
  signedIn: boolean;
  /** The subscription plan the viewer is on now, if any. */
  currentPlanId: string | null;
  subscribed: boolean;
  error?: string;
}

export function badgeLabel(t: Translate, badge: string): string {
  const key = `web.pricing.badge.${badge}`;
  const label = t(key);
  return label === key ? badge : label;
}

function BuyAction(props: PricingProps & { plan: PublicPlan }) {
  const { t, plan } = props;
  if (!props.signedIn) {
    return (
      <a class="button primary" href="/sign-up?next=%2Fpricing" data-testid="buy-button">
        {t("web.pricing.signUpToBuy")}
      </a>
    );
  }
  if (plan.id === props.currentPlanId) {
    return <p class="badge ok">{t("web.pricing.currentPlan")}</p>;
  }
  // One live subscription at a time: switching plans happens in Stripe's portal.
  if (plan.kind === "subscription" && props.subscribed) {
    return (
      <form method="post" action="/account/portal">
        <button type="submit">{t("web.pricing.changeInPortal")}</button>
      </form>
    );
  }
  return (
    <form method="post" action="/pricing/checkout" class="buy-form">
      <input type="hidden" name="planId" value={plan.id} />
      <input type="hidden" name="currency" value={props.currency} />
      <button type="submit" class="primary" data-testid="buy-button">
        {plan.kind === "pack" ? t("web.pricing.buyPack") : t("web.pricing.subscribe")}
      </button>
    </form>
  );
}

function PlanCard(props: PricingProps & { plan: PublicPlan }) {
  const { t, locale, plan, currency } = props;
  const amount = plan.prices[currency];
  const others = Object.entries(plan.prices).filter(([code]) => code !== currency);
  return (
    <article
      class={`card plan-card${plan.id === props.currentPlanId ? " current" : ""}`}
      data-testid="plan-card"
      data-plan-id={plan.id}
    >
      <header class="plan-head">
        <h3>{plan.name}</h3>
        {plan.badges.map((badge) => (
          <span class="badge warn">{badgeLabel(t, badge)}</span>
        ))}
      </header>
      <p class="plan-credits">
        {t("web.pricing.credits", { count: formatNumber(locale, plan.credits) })}
        {plan.interval ? ` ${t(`web.pricing.per.${plan.interval}`)}` : ""}
      </p>
      <p class="plan-price" data-testid="plan-price">
        {amount === undefined
          ? t("web.pricing.notInCurrency")
          : formatPrice(locale, amount, currency)}
        {plan.interval && amount !== undefined ? (
          <span class="muted"> {t(`web.pricing.per.${plan.interval}`)}</span>
        ) : null}
      </p>
      {others.length > 0 ? (
        <p class="hint">
          {others.map(([code, minor]) => formatPrice(locale, minor, code)).join(" · ")}
        </p>
      ) : null}
      <p>{plan.description}</p>
      <p class="hint">{t("web.pricing.validity", { months: plan.validMonths })}</p>
      {amount === undefined ? null : <BuyAction {...props} />}
    </article>
  );
}

function CurrencySwitch(props: PricingProps) {
  const { t } = props;
  return (
    <nav class="currency-switch row" aria-label={t("web.pricing.currency")}>
      <span class="muted">{t("web.pricing.currency")}</span>
      {props.currencies.map((code) => (
        <a
          href={`/pricing?currency=${code}`}
          aria-current={code === props.currency ? "true" : undefined}
          data-testid="currency-link"
        >
          {code.toUpperCase()}
        </a>
      ))}
    </nav>
  );
}

/** Credit packs and subscription plans, each with its price in the chosen currency. */
export function PricingPage(props: PricingProps) {
  const { t } = props;
  const packs = props.plans.filter((plan) => plan.kind === "pack");
  const subscriptions = props.plans.filter((plan) => plan.kind === "subscription");
  return (
    <section class="pricing stack">
      <h1>{t("web.pricing.title")}</h1>
      <p class="muted">{t("web.pricing.lead")}</p>
      {props.error ? (
        <p class="notice error" role="alert" data-testid="pricing-error">
          {props.error}
        </p>
      ) : null}
      <CurrencySwitch {...props} />
      <h2>{t("web.pricing.packs")}</h2>
      <div class="plan-grid">
        {packs.map((plan) => (
          <PlanCard {...props} plan={plan} />
        ))}
      </div>
      <h2>{t("web.pricing.subscriptions")}</h2>
      <p class="muted">{t("web.pricing.subscriptionsLead")}</p>
      <div class="plan-grid">
        {subscriptions.map((plan) => (
          <PlanCard {...props} plan={plan} />
        ))}
      </div>
    </section>
  );
}
