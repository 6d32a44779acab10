import type { ServerResponse } from "node:http";
import { formatAmount } from "./stripe-standin-objects";
import type { Json } from "./stripe-standin-params";
import type { StandInStore } from "./stripe-standin-store";
import { subscriptionItem } from "./stripe-standin-subscriptions";

// The hosted pages behind a session's `url`, so a developer in `npm run dev` can click through
// Checkout and the Billing Portal. Their buttons post to the /_control routes.

function escapeHtml(text: unknown): string {
  return String(text ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui;max-width:32rem;margin:3rem auto}button{font:inherit;padding:.4rem 1rem}</style>
<p><small>Local Stripe stand-in (test mode)</small></p><h1>${escapeHtml(title)}</h1>${body}</html>`;
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(html);
}

function postButton(action: string, redirect: string, label: string, fields = ""): string {
  const target = `${action}?redirect=${encodeURIComponent(redirect)}`;
  return `<form method="post" action="${escapeHtml(target)}">${fields}<button>${escapeHtml(label)}</button></form>`;
}

/** Answers GET /checkout/<id> and /billing_portal/<id>; false for other paths. */
export function servePage(store: StandInStore, url: URL, res: ServerResponse): boolean {
  const match = /^\/(checkout|billing_portal)\/([A-Za-z0-9_]+)$/.exec(url.pathname);
  if (!match) return false;
  if (match[1] === "checkout") checkoutPage(store, match[2] ?? "", res);
  else portalPage(store, match[2] ?? "", url, res);
  return true;
}

function checkoutPage(store: StandInStore, id: string, res: ServerResponse): void {
  const session = store.find(id, "checkout.session");
  const extras = store.sessions.get(id);
  if (!session || !extras) {
    page(res, 404, "No such Checkout Session", "");
    return;
  }
  // Stripe fills in this template in success_url when it redirects.
  const success = String(session.success_url).replaceAll("{CHECKOUT_SESSION_ID}", id);
  if (session.status !== "open") {
    page(res, 200, "Already paid", `<p><a href="${escapeHtml(success)}">Back to the app</a></p>`);
    return;
  }
  const amount = formatAmount(session.amount_total as number, session.currency as string);
  const every = extras.price.recurring ? ` every ${extras.price.recurring.interval}` : "";
  const cancel = session.cancel_url
    ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>`
    : "";
  page(
    res,
    200,
    extras.price.productName,
    `<p>${escapeHtml(extras.quantity)} × ${escapeHtml(extras.price.productName)}: <b>${escapeHtml(amount)}</b>${escapeHtml(every)}</p>
<p>Card 4242 4242 4242 4242</p>
${postButton(`/_control/checkout_sessions/${id}/complete`, success, "Pay")}${cancel}`,
  );
}

function portalPage(store: StandInStore, id: string, url: URL, res: ServerResponse): void {
  const portal = store.find(id, "billing_portal.session");
  if (!portal) {
    page(res, 404, "No such Billing Portal session", "");
    return;
  }
  const here = `${store.baseUrl}${url.pathname}`;
  const rows = [...store.objects.values()]
    .filter((o) => o.object === "subscription" && o.customer === portal.customer)
    .map((subscription: Json) => {
      const end = new Date((subscriptionItem(subscription).current_period_end as number) * 1000);
      const action = `/_control/subscriptions/${subscription.id}/cancel`;
      const state = subscription.cancel_at_period_end ? "cancels" : "renews";
      const live = subscription.status !== "canceled";
      return `<li>${escapeHtml(store.priceOf(subscription).productName)}: ${escapeHtml(subscription.status)}${
        live ? `, ${state} ${escapeHtml(end.toISOString().slice(0, 10))}` : ""
      }${
        live && !subscription.cancel_at_period_end
          ? postButton(
              action,
              here,
              "Cancel at period end",
              '<input type="hidden" name="atPeriodEnd" value="true">',
            )
          : ""
      }</li>`;
    });
  const back = portal.return_url
    ? `<p><a href="${escapeHtml(portal.return_url)}">Return to the app</a></p>`
    : "";
  page(res, 200, "Your subscriptions", `<ul>${rows.join("") || "<li>None</li>"}</ul>${back}`);
}
