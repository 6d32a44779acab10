import { changed, type FlowResult } from "./stripe-standin-checkout";
import { AUTOMATIC } from "./stripe-standin-events";
import { planObject, priceObject } from "./stripe-standin-objects";
import { invalidParam, noSuch, type Params, requiredString } from "./stripe-standin-params";
import { activeSubscription } from "./stripe-standin-renewals";
import type { StandInStore } from "./stripe-standin-store";
import { subscriptionItem } from "./stripe-standin-subscriptions";

// A customer switching plans in the Billing Portal: Stripe updates the subscription's item in
// place (same item id, quantity and period) and sends customer.subscription.updated with the old
// `items` in previous_attributes. The new price is billed from the next renewal on. Prorations
// (the portal's default) and the immediate invoice Stripe makes when the interval changes are
// not modelled: the app only reads the price and period, which the next renewal settles.

export function changePlan(store: StandInStore, id: string, body: Params): FlowResult {
  const priceId = requiredString(body, "price");
  const price = store.prices.get(priceId);
  if (!price) throw noSuch("price", priceId, "price");
  if (!price.recurring) {
    throw invalidParam(
      "price",
      "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.",
    );
  }
  const subscription = activeSubscription(store, id);
  const currency = String(subscription.currency);
  if (!price.currencyOptions[currency]) {
    const offered = Object.keys(price.currencyOptions).join(", ");
    throw invalidParam(
      "price",
      `The price specified supports currencies of \`${offered}\` which doesn't include the expected currency of \`${currency}\`.`,
    );
  }
  const before = structuredClone(subscription);
  Object.assign(subscriptionItem(subscription), {
    price: priceObject(price),
    plan: planObject(price),
  });
  const previous = changed(before, subscription);
  // Choosing the current plan again changes nothing, so Stripe sends nothing.
  const events =
    Object.keys(previous).length > 0
      ? [store.events.emit("customer.subscription.updated", subscription, AUTOMATIC, previous)]
      : [];
  return { ids: { subscription: id }, events };
}
