import type { ServerResponse } from "node:http";
import { completeCheckout, type FlowResult } from "./stripe-standin-checkout";
import { type Params, StripeApiError } from "./stripe-standin-params";
import { changePlan } from "./stripe-standin-plan-change";
import {
  cancelSubscription,
  endSubscription,
  failRenewal,
  refundCharge,
  renewSubscription,
} from "./stripe-standin-renewals";
import type { StandInStore } from "./stripe-standin-store";

// `/_control/*` (no auth): what tests and developers can make happen at "Stripe".
//   POST /_control/checkout_sessions/<id>/complete       the buyer pays
//   POST /_control/subscriptions/<id>/renew              the next period is paid (or a past-due
//                                                        invoice, when there is one)
//   POST /_control/subscriptions/<id>/fail_payment       the renewal payment is declined
//   POST /_control/subscriptions/<id>/change_plan {price}  the customer switches plans in the
//                                                        portal; later renewals bill that price
//   POST /_control/subscriptions/<id>/cancel {atPeriodEnd?=true}
//   POST /_control/subscriptions/<id>/end                a cancel-at-period-end period runs out
//   POST /_control/charges/<id>/refund {amount?}         full refund by default
//   GET  /_control/events?type=&objectId=                recorded events, in order
//   POST /_control/events/<id>/redeliver                 same event, freshly signed
// Each POST answers the ids it touched (checkoutSession, subscription, invoice, paymentIntent,
// charge, refund) and the events it emitted: `{ subscription: "sub_…", …, events: [...] }`.
// With `?redirect=<url>` (the hosted pages' forms) it answers 303 to that URL instead.

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body, null, 2));
}

function flag(value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return value === true || value === "true";
}

function amountOf(value: unknown): number | undefined {
  if (value === undefined || value === "") return undefined;
  return Number(value);
}

function runFlow(store: StandInStore, kind: string, id: string, action: string, body: Params) {
  const flows: Record<string, () => FlowResult> = {
    "checkout_sessions/complete": () => completeCheckout(store, id),
    "subscriptions/renew": () => renewSubscription(store, id),
    "subscriptions/fail_payment": () => failRenewal(store, id),
    "subscriptions/change_plan": () => changePlan(store, id, body),
    "subscriptions/cancel": () => cancelSubscription(store, id, flag(body.atPeriodEnd, true)),
    "subscriptions/end": () => endSubscription(store, id),
    "charges/refund": () => refundCharge(store, id, amountOf(body.amount)),
  };
  return flows[`${kind}/${action}`]?.();
}

export async function handleControl(
  store: StandInStore,
  method: string | undefined,
  url: URL,
  body: Params,
  res: ServerResponse,
): Promise<void> {
  if (method === "GET" && url.pathname === "/_control/events") {
    const filter = {
      type: url.searchParams.get("type") ?? undefined,
      objectId: url.searchParams.get("objectId") ?? undefined,
    };
    return sendJson(res, 200, store.events.list(filter));
  }
  const redeliver = /^\/_control\/events\/([A-Za-z0-9_]+)\/redeliver$/.exec(url.pathname);
  if (method === "POST" && redeliver) {
    const event = await store.events.redeliver(redeliver[1] ?? "");
    return event
      ? sendJson(res, 200, event)
      : sendJson(res, 404, new StripeApiError(404, "No such event").body());
  }
  const route =
    /^\/_control\/(checkout_sessions|subscriptions|charges)\/([A-Za-z0-9_]+)\/([a-z_]+)$/.exec(
      url.pathname,
    );
  if (method !== "POST" || !route) {
    return sendJson(res, 404, new StripeApiError(404, "unknown control route").body());
  }
  try {
    const result = runFlow(store, route[1] ?? "", route[2] ?? "", route[3] ?? "", body);
    if (!result) return sendJson(res, 404, new StripeApiError(404, "unknown control route").body());
    const redirect = url.searchParams.get("redirect");
    if (redirect && /^https?:\/\//.test(redirect)) {
      res.writeHead(303, { location: redirect }).end();
      return;
    }
    return sendJson(res, 200, { ...result.ids, events: result.events });
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    return sendJson(res, error.status, error.body());
  }
}
