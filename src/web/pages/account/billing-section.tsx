import type { Locale } from "../../../i18n/catalogues";
import type { Translate } from "../../../i18n/translate";
import type { AccountData } from "./account-data";
import { formatDate, formatNumber, formatPrice } from "./format";

interface Props {
  t: Translate;
  locale: Locale;
  data: AccountData;
  /** The localised name of the plan the subscription is on. */
  planName: string | null;
}

/** A label from the catalogue, or the raw value for a state Stripe added after this UI. */
function labelOr(t: Translate, key: string, raw: string): string {
  const label = t(key);
  return label === key ? raw : label;
}

function Subscription(props: Props) {
  const { t, locale } = props;
  const { subscription: sub, member, memberUntil } = props.data.subscription;
  if (!sub) {
    return (
      <div class="stack" data-testid="subscription">
        <p class="muted">{t("web.account.sub.none")}</p>
        <p>
          <a class="button" href="/pricing">
            {t("web.account.sub.seePlans")}
          </a>
        </p>
      </div>
    );
  }
  return (
    <div class="stack" data-testid="subscription">
      <dl class="facts">
        <dt>{t("web.account.sub.plan")}</dt>
        <dd data-testid="subscription-plan">{props.planName ?? sub.planType}</dd>
        <dt>{t("web.account.sub.status")}</dt>
        <dd>
          <span class={`badge ${sub.status === "active" ? "ok" : "warn"}`}>
            {labelOr(t, `web.account.sub.state.${sub.status}`, sub.status)}
          </span>
        </dd>
        <dt>{t("web.account.sub.credits")}</dt>
        <dd>{formatNumber(locale, sub.creditsPerPeriod)}</dd>
        {sub.renewsAt ? (
          <>
            <dt>{t("web.account.sub.renews")}</dt>
            <dd>{formatDate(locale, sub.renewsAt)}</dd>
          </>
        ) : null}
        {sub.endsAt ? (
          <>
            <dt>{t("web.account.sub.ends")}</dt>
            <dd>{formatDate(locale, sub.endsAt)}</dd>
          </>
        ) : null}
      </dl>
      {member && memberUntil ? (
        <p class="hint">
          {t("web.account.sub.memberUntil", { date: formatDate(locale, memberUntil) })}
        </p>
      ) : null}
    </div>
  );
}

function Orders(props: Props) {
  const { t, locale } = props;
  const { orders } = props.data;
  return (
    <div class="stack" id="orders">
      <h3>{t("web.account.orders.title")}</h3>
      {orders.length === 0 ? (
        <p class="muted">{t("web.account.orders.empty")}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="order-list">
            <thead>
              <tr>
                <th scope="col">{t("web.account.orders.date")}</th>
                <th scope="col">{t("web.account.orders.product")}</th>
                <th scope="col" class="num">
                  {t("web.account.orders.amount")}
                </th>
                <th scope="col" class="num">
                  {t("web.account.orders.credits")}
                </th>
                <th scope="col">{t("web.account.orders.status")}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr data-order-no={order.orderNo}>
                  <td>{formatDate(locale, order.createdAt)}</td>
                  <td>
                    {labelOr(t, `plans.${order.productId}.name`, order.productName)}
                    <span class="hint"> {order.orderNo}</span>
                  </td>
                  <td class="num">{formatPrice(locale, order.amount, order.currency)}</td>
                  <td class="num">{formatNumber(locale, order.credits)}</td>
                  <td>{labelOr(t, `web.account.orders.state.${order.status}`, order.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The subscription, Stripe's portal for payment methods and plan changes, and my orders. */
export function BillingSection(props: Props) {
  const { t } = props;
  return (
    <section class="card stack" id="billing" aria-labelledby="billing-title">
      <h2 id="billing-title">{t("web.account.sub.title")}</h2>
      <Subscription {...props} />
      <form method="post" action="/account/portal">
        <button type="submit" data-testid="manage-subscription">
          {t("web.account.sub.manage")}
        </button>
      </form>
      <Orders {...props} />
    </section>
  );
}
