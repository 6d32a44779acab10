import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import Stripe from "stripe";
import { inheritContext } from "../app/lazy-routes";
import { createRouter } from "../app/router";
import { requireUser } from "../auth/guards";
import { currentPrincipal } from "../auth/principal";
import { publicConfigs } from "../configs/public-view";
import { ConfigsResponse } from "../configs/routes";
import type { AppEnv } from "../context";
import { user } from "../db/schema";
import { ApiError } from "../lib/errors";
import { AUTH_ERRORS, errorBody, jsonBody, SESSION_ONLY, SESSION_OR_API_KEY } from "../lib/openapi";
import { decodeCursor } from "../lib/pagination";
import { startCheckout } from "./checkout";
import { billingDeps } from "./deps";
import { EventNotReady } from "./event-handlers";
import {
  CheckoutBody,
  CheckoutSchema,
  OrderListQuery,
  OrderListSchema,
  PortalSchema,
  SubscriptionStateSchema,
} from "./schemas";
import { cancelMySubscription, listMyOrders, mySubscription, openPortal } from "./self-service";
import { orderView, subscriptionStateView } from "./views";
import { receiveStripeEvent } from "./webhook";

const tags = ["Billing"];
const sessionOnly = requireUser();
const readScope = requireUser({ scope: "billing:read" });

async function contactOf(c: Context<AppEnv>) {
  const { userId } = currentPrincipal(c);
  const [row] = await c
    .get("services")
    .db.select({ id: user.id, email: user.email, name: user.name })
    .from(user)
    .where(eq(user.id, userId));
  if (!row) throw new ApiError("UNAUTHENTICATED");
  return row;
}

const plansRoute = createRoute({
  method: "get",
  path: "/api/billing/plans",
  tags,
  summary: "Credit packs and subscription plans on sale, localised",
  responses: {
    200: jsonBody(
      ConfigsResponse.pick({ plans: true, defaultCurrency: true, memberBenefits: true }).meta({
        id: "BillingPlans",
      }),
      "Plans with prices per currency (minor units) and what members get",
    ),
  },
});

const checkoutRoute = createRoute({
  method: "post",
  path: "/api/billing/checkout",
  tags,
  summary: "Buy a pack or start a subscription: answers the Stripe Checkout URL",
  security: SESSION_ONLY,
  middleware: sessionOnly,
  request: { body: { required: true, content: { "application/json": { schema: CheckoutBody } } } },
  responses: {
    200: jsonBody(CheckoutSchema, "Send the buyer to `url`"),
    400: errorBody("Unknown or inactive plan, or a currency it is not sold in"),
    409: errorBody("Already subscribed: change plans in the billing portal"),
    502: errorBody("Stripe is unavailable"),
    ...AUTH_ERRORS,
  },
});

const ordersRoute = createRoute({
  method: "get",
  path: "/api/billing/orders",
  tags,
  summary: "My orders, newest first",
  security: SESSION_OR_API_KEY,
  middleware: readScope,
  request: { query: OrderListQuery },
  responses: { 200: jsonBody(OrderListSchema, "A page of my orders"), ...AUTH_ERRORS },
});

const subscriptionRoute = createRoute({
  method: "get",
  path: "/api/billing/subscription",
  tags,
  summary: "My subscription (status, plan, renews or ends at) and membership",
  security: SESSION_OR_API_KEY,
  middleware: readScope,
  responses: { 200: jsonBody(SubscriptionStateSchema, "My subscription"), ...AUTH_ERRORS },
});

const portalRoute = createRoute({
  method: "post",
  path: "/api/billing/portal",
  tags,
  summary: "A Stripe Billing Portal link (payment methods, invoices, plan changes)",
  security: SESSION_ONLY,
  middleware: sessionOnly,
  responses: {
    200: jsonBody(PortalSchema, "Send the user to `url`"),
    502: errorBody("Stripe is unavailable"),
    ...AUTH_ERRORS,
  },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/api/billing/subscription/cancel",
  tags,
  summary: "Cancel my subscription at the end of the paid period",
  security: SESSION_ONLY,
  middleware: sessionOnly,
  responses: {
    200: jsonBody(SubscriptionStateSchema, "My subscription, now ending at the period end"),
    404: errorBody("No live subscription"),
    502: errorBody("Stripe is unavailable"),
    ...AUTH_ERRORS,
  },
});

const webhookRoute = createRoute({
  method: "post",
  path: "/api/webhooks/stripe",
  tags,
  summary: "Stripe webhook endpoint (called by Stripe, signed)",
  description:
    "Verifies Stripe-Signature on the raw body (5 minute tolerance), then records the event id and applies it in one transaction; repeats answer 200 and change nothing.",
  responses: {
    200: jsonBody(
      z.object({ received: z.literal(true), outcome: z.enum(["applied", "duplicate", "ignored"]) }),
      "Recorded",
    ),
    400: errorBody("Bad, stale or missing signature; nothing written"),
    503: errorBody("The event needs another one first; Stripe will retry"),
  },
});

// Loaded lazily by the app (src/app.ts): the request's context comes from the app.
const router = createRouter();
router.use("*", inheritContext);

export const billingRoutes = router
  .openapi(plansRoute, (c) => {
    const view = publicConfigs(c.get("services").configs, c.get("t"));
    return c.json(
      {
        plans: view.plans,
        defaultCurrency: view.defaultCurrency,
        memberBenefits: view.memberBenefits,
      },
      200,
    );
  })
  .openapi(checkoutRoute, async (c) => {
    const body = c.req.valid("json");
    const result = await startCheckout(billingDeps(c.get("services")), {
      user: await contactOf(c),
      planId: body.planId,
      currency: body.currency,
    });
    return c.json(result, 200);
  })
  .openapi(ordersRoute, async (c) => {
    const query = c.req.valid("query");
    const page = await listMyOrders(billingDeps(c.get("services")), currentPrincipal(c).userId, {
      cursor: decodeCursor(query.cursor),
      limit: query.limit,
    });
    return c.json({ items: page.items.map(orderView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(subscriptionRoute, async (c) => {
    const state = await mySubscription(billingDeps(c.get("services")), currentPrincipal(c).userId);
    return c.json(subscriptionStateView(state), 200);
  })
  .openapi(portalRoute, async (c) => {
    return c.json(await openPortal(billingDeps(c.get("services")), await contactOf(c)), 200);
  })
  .openapi(cancelRoute, async (c) => {
    const state = await cancelMySubscription(
      billingDeps(c.get("services")),
      currentPrincipal(c).userId,
    );
    return c.json(subscriptionStateView(state), 200);
  })
  .openapi(webhookRoute, async (c) => {
    const deps = billingDeps(c.get("services"));
    try {
      const { outcome, event } = await receiveStripeEvent(
        deps,
        await c.req.text(),
        c.req.header("stripe-signature"),
      );
      deps.logger.info("stripe webhook", { eventId: event.id, type: event.type, outcome });
      return c.json({ received: true as const, outcome }, 200);
    } catch (error) {
      // Not ready yet, or Stripe unreachable while re-reading: Stripe retries after a 5xx.
      if (error instanceof EventNotReady || error instanceof Stripe.errors.StripeError) {
        throw new ApiError("SERVICE_UNAVAILABLE", {
          retryAfter: 60,
          details: { reason: error.message },
          cause: error,
        });
      }
      throw error;
    }
  });
