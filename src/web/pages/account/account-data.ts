import { listApiKeys } from "../../../api-keys/service";
import { billingDeps } from "../../../billing/deps";
import { listMyOrders, mySubscription } from "../../../billing/self-service";
import { orderView, subscriptionStateView } from "../../../billing/views";
import type { Services } from "../../../context";
import { creditHistory, creditSummary } from "../../../credits/queries";
import { incentiveStatus } from "../../../incentives/service";
import { decodeCursor } from "../../../lib/pagination";
import { getMe } from "../../../users/service";
import { planIdOfSubscription } from "./billing-info";

const HISTORY_PAGE = 20;
const ORDERS_SHOWN = 10;
/** Revoked keys stay listed; this covers the 25 active ones a user may hold and a few more. */
const KEYS_SHOWN = 50;

/** Everything /account shows, read through the same services as the JSON API. */
export async function loadAccount(services: Services, userId: string, historyCursor?: string) {
  const deps = billingDeps(services);
  const now = services.now();
  // Decoded first: a bad cursor must fail before any query starts, not leave them running.
  const cursor = decodeCursor(historyCursor);
  const [me, summary, history, incentives, keys, subscription, orders] = await Promise.all([
    getMe(services, userId),
    creditSummary(services.db, userId, now),
    creditHistory(services.db, userId, {
      cursor,
      limit: HISTORY_PAGE,
      types: null,
    }),
    incentiveStatus(services, userId),
    listApiKeys(services, userId, { cursor: null, limit: KEYS_SHOWN }),
    mySubscription(deps, userId),
    listMyOrders(deps, userId, { cursor: null, limit: ORDERS_SHOWN }),
  ]);
  return {
    me,
    summary,
    history,
    incentives,
    keys: keys.items,
    now,
    subscription: subscriptionStateView(subscription),
    subscriptionPlanId: planIdOfSubscription(services.configs, subscription.subscription),
    orders: orders.items.map(orderView),
  };
}

export type AccountData = Awaited<ReturnType<typeof loadAccount>>;
