import { changed } from "./stripe-standin-checkout";
import type { EventRequest } from "./stripe-standin-events";
import {
  billingPortalSessionObject,
  checkoutSessionObject,
  customerObject,
  list,
  sessionLineItem,
} from "./stripe-standin-objects";
import {
  checkKnown,
  expandParam,
  invalidParam,
  type Json,
  metadataParam,
  missingParam,
  noSuch,
  optionalBoolean,
  optionalString,
  type Params,
  requiredString,
  StripeApiError,
} from "./stripe-standin-params";
import { cancelSubscription, scheduleCancellation } from "./stripe-standin-renewals";
import type { StandInStore } from "./stripe-standin-store";

// The /v1 endpoints the app calls, with Stripe's checks on their parameters. Anything else
// answers Stripe's "Unrecognized request URL" or "Received unknown parameter".

export interface ApiRequest {
  method: string;
  path: string;
  params: Params;
  /** Goes into the `request` of the events this call causes. */
  origin: EventRequest;
}

const RETRIEVABLE: Record<string, string> = {
  customers: "customer",
  "checkout/sessions": "checkout.session",
  subscriptions: "subscription",
  invoices: "invoice",
  charges: "charge",
  payment_intents: "payment_intent",
};

export function handleApi(store: StandInStore, request: ApiRequest): Json {
  const { method, path, params } = request;
  const render = (object: Json) => store.render(object, expandParam(params));
  const route = `${method} ${path}`;
  if (route === "POST /v1/customers") return render(createCustomer(store, params));
  if (route === "POST /v1/checkout/sessions") return render(createCheckoutSession(store, params));
  if (route === "POST /v1/billing_portal/sessions") return render(createPortal(store, params));
  if (route === "GET /v1/invoice_payments") return listInvoicePayments(store, params);
  const match =
    /^\/v1\/(customers|checkout\/sessions|subscriptions|invoices|charges|payment_intents)\/([^/]+)$/.exec(
      path,
    );
  const type = RETRIEVABLE[match?.[1] ?? ""];
  const id = decodeURIComponent(match?.[2] ?? "");
  if (type && method === "GET") {
    checkKnown(params, []);
    return render(store.get(id, type));
  }
  if (type === "subscription" && method === "POST") {
    return render(updateSubscription(store, id, request));
  }
  if (type === "subscription" && method === "DELETE") {
    checkKnown(params, []);
    cancelSubscription(store, id, false, request.origin);
    return render(store.get(id, type));
  }
  throw new StripeApiError(
    404,
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  );
}

function createCustomer(store: StandInStore, params: Params): Json {
  checkKnown(params, ["email", "name", "description", "phone", "metadata"]);
  return store.put(
    customerObject({
      email: optionalString(params, "email"),
      name: optionalString(params, "name"),
      description: optionalString(params, "description"),
      phone: optionalString(params, "phone"),
      metadata: metadataParam(params, "metadata"),
    }),
  );
}

function urlParam(params: Params, name: string): string | null {
  const value = optionalString(params, name);
  if (value !== null && !/^https?:\/\/[^\s]+$/.test(value))
    throw invalidParam(name, "Not a valid URL");
  return value;
}

/** `payment_intent_data` / `subscription_data`: only in their mode, only `metadata` here. */
function modeData(params: Params, name: string, mode: string, allowedIn: string): Json {
  const value = params[name];
  if (value === undefined) return {};
  if (mode !== allowedIn) {
    throw invalidParam(name, `You can only pass \`${name}\` in \`${allowedIn}\` mode.`);
  }
  const nested = (typeof value === "object" && value !== null ? value : {}) as Params;
  checkKnown(nested, ["metadata"], name);
  return metadataParam(nested, "metadata");
}

function lineItem(store: StandInStore, params: Params, mode: string) {
  const items = params.line_items;
  if (items === undefined) throw missingParam("line_items");
  if (!Array.isArray(items) || items.length !== 1) {
    throw invalidParam("line_items", "The local Stripe stand-in takes exactly one line item.");
  }
  const item = items[0] as Params;
  checkKnown(item, ["price", "quantity"], "line_items[0]");
  const priceId = requiredString(item, "price");
  const price = store.prices.get(priceId);
  if (!price) throw noSuch("price", priceId, "line_items[0][price]");
  if (item.quantity === undefined) {
    throw new StripeApiError(400, "Quantity is required. Add `quantity` to `line_items[0]`", {
      param: "line_items[0][quantity]",
    });
  }
  const quantity = Number(item.quantity);
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw invalidParam("line_items[0][quantity]", "Invalid positive integer");
  }
  if (mode === "payment" && price.recurring) {
    throw invalidParam(
      "line_items[0][price]",
      "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
    );
  }
  if (mode === "subscription" && !price.recurring) {
    throw invalidParam(
      "line_items",
      "You must provide at least one recurring price in `subscription` mode when using prices.",
    );
  }
  return { price, quantity };
}

function createCheckoutSession(store: StandInStore, params: Params): Json {
  checkKnown(params, [
    ...["mode", "customer", "customer_email", "line_items", "currency", "locale", "metadata"],
    ...["success_url", "cancel_url", "client_reference_id"],
    ...["payment_intent_data", "subscription_data"],
  ]);
  const mode = requiredString(params, "mode");
  if (mode !== "payment" && mode !== "subscription") {
    throw invalidParam("mode", "The local Stripe stand-in supports payment and subscription mode.");
  }
  const customer = optionalString(params, "customer");
  if (customer) store.get(customer, "customer", "customer");
  const customerEmail = optionalString(params, "customer_email");
  if (customer && customerEmail) {
    throw invalidParam(
      "customer_email",
      "You may only specify one of these parameters: customer, customer_email.",
    );
  }
  const { price, quantity } = lineItem(store, params, mode);
  const currency = (optionalString(params, "currency") ?? price.currency).toLowerCase();
  const unitAmount = price.currencyOptions[currency]?.unit_amount;
  if (unitAmount === undefined) {
    throw invalidParam(
      "currency",
      `The price \`${price.id}\` does not support the currency \`${currency}\`.`,
    );
  }
  const successUrl = urlParam(params, "success_url");
  if (!successUrl) throw missingParam("success_url");
  const paymentIntentMetadata = modeData(params, "payment_intent_data", mode, "payment");
  const subscriptionMetadata = modeData(params, "subscription_data", mode, "subscription");
  const session = store.put(
    checkoutSessionObject(
      {
        mode,
        customer,
        customerEmail,
        currency,
        amount: unitAmount * quantity,
        successUrl,
        cancelUrl: urlParam(params, "cancel_url"),
        clientReferenceId: optionalString(params, "client_reference_id"),
        locale: optionalString(params, "locale"),
        metadata: metadataParam(params, "metadata"),
      },
      store.baseUrl,
    ),
  );
  store.sessions.set(String(session.id), {
    price,
    quantity,
    lineItem: sessionLineItem(price, currency, quantity),
    paymentIntentMetadata,
    subscriptionMetadata,
  });
  return session;
}

function createPortal(store: StandInStore, params: Params): Json {
  checkKnown(params, ["customer", "return_url", "locale"]);
  const customer = requiredString(params, "customer");
  store.get(customer, "customer", "customer");
  return store.put(
    billingPortalSessionObject(customer, urlParam(params, "return_url"), store.baseUrl),
  );
}

function updateSubscription(store: StandInStore, id: string, request: ApiRequest): Json {
  const { params } = request;
  checkKnown(params, ["cancel_at_period_end", "metadata"]);
  const subscription = store.get(id, "subscription");
  const cancelAtPeriodEnd = optionalBoolean(params, "cancel_at_period_end");
  if (subscription.status === "canceled" && cancelAtPeriodEnd !== undefined) {
    throw new StripeApiError(
      400,
      "A canceled subscription can only update its cancellation_details and metadata.",
    );
  }
  const before = structuredClone(subscription);
  subscription.metadata = metadataParam(params, "metadata", subscription.metadata as Json);
  if (cancelAtPeriodEnd !== undefined && cancelAtPeriodEnd !== subscription.cancel_at_period_end) {
    scheduleCancellation(subscription, cancelAtPeriodEnd);
  }
  const previous = changed(before, subscription);
  if (Object.keys(previous).length > 0) {
    store.events.emit("customer.subscription.updated", subscription, request.origin, previous);
  }
  return subscription;
}

/** The current API's link from a PaymentIntent (or invoice) to its invoice payments. */
function listInvoicePayments(store: StandInStore, params: Params): Json {
  checkKnown(params, ["invoice", "payment", "status", "limit"]);
  const payment = (params.payment ?? {}) as Params;
  const matches = [...store.invoicePayments.values()]
    .flat()
    .filter(
      (p) =>
        (!params.invoice || p.invoice === params.invoice) &&
        (!params.status || p.status === params.status) &&
        (!payment.payment_intent || (p.payment as Json).payment_intent === payment.payment_intent),
    );
  return list(matches, "/v1/invoice_payments");
}
