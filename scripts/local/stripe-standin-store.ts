import type { LocalStripePrice } from "./stripe-prices";
import type { EventLog } from "./stripe-standin-events";
import { list } from "./stripe-standin-objects";
import { type Json, noSuch, StripeApiError } from "./stripe-standin-params";

// Everything the stand-in holds, in memory: Stripe objects by id (ids are unique across
// kinds, so `expand` can follow any id), plus what Stripe keeps but does not show.

/** What a Checkout Session was created with that Stripe keeps out of the session object. */
export interface SessionExtras {
  price: LocalStripePrice;
  quantity: number;
  lineItem: Json;
  paymentIntentMetadata: Json;
  subscriptionMetadata: Json;
}

export class StandInStore {
  readonly objects = new Map<string, Json>();
  readonly sessions = new Map<string, SessionExtras>();
  /** charge id → its refunds, newest first (the includable `refunds` list). */
  readonly refunds = new Map<string, Json[]>();
  /** invoice id → its invoice payments (the includable `payments` list). */
  readonly invoicePayments = new Map<string, Json[]>();
  readonly prices: Map<string, LocalStripePrice>;

  constructor(
    readonly baseUrl: string,
    prices: LocalStripePrice[],
    readonly events: EventLog,
  ) {
    this.prices = new Map(prices.map((price) => [price.id, price]));
  }

  put(object: Json): Json {
    this.objects.set(String(object.id), object);
    return object;
  }

  find(id: string, type: string): Json | undefined {
    const object = this.objects.get(id);
    return object?.object === type ? object : undefined;
  }

  /** The object, or Stripe's resource_missing error (404 for the path id, 400 for a param). */
  get(id: string, type: string, param = "id"): Json {
    const object = this.find(id, type);
    if (!object) throw noSuch(type, id, param);
    return object;
  }

  priceOf(subscription: Json): LocalStripePrice {
    const item = (subscription.items as { data: { price: { id: string } }[] }).data[0];
    const price = this.prices.get(item?.price.id ?? "");
    if (!price) throw new StripeApiError(500, "subscription without a known price");
    return price;
  }

  /** A copy of the object with `expand` applied ("a", "a.b", "items.data.price"). */
  render(object: Json, expand: string[]): Json {
    const copy = structuredClone(object);
    for (const path of expand) this.expandInto(copy, path.split("."), path);
    return copy;
  }

  private expandInto(target: Json, path: string[], full: string): void {
    const [field = "", ...rest] = path;
    let value = field in target ? target[field] : this.includable(target, field);
    if (value === undefined) {
      throw new StripeApiError(400, `This property cannot be expanded (${full}).`, {
        param: "expand",
      });
    }
    if (typeof value === "string") {
      const referenced = this.objects.get(value);
      if (!referenced) {
        throw new StripeApiError(400, `This property cannot be expanded (${full}).`, {
          param: "expand",
        });
      }
      value = structuredClone(referenced);
    }
    target[field] = value;
    if (rest.length === 0 || value === null || typeof value !== "object") return;
    for (const element of Array.isArray(value) ? value : [value]) {
      this.expandInto(element as Json, rest, full);
    }
  }

  /** Lists Stripe only returns when asked for with `expand`. */
  private includable(target: Json, field: string): Json | undefined {
    const id = String(target.id);
    if (target.object === "checkout.session" && field === "line_items") {
      const extras = this.sessions.get(id);
      return list(extras ? [extras.lineItem] : [], `/v1/checkout/sessions/${id}/line_items`);
    }
    if (target.object === "invoice" && field === "payments") {
      return list(this.invoicePayments.get(id) ?? [], `/v1/invoices/${id}/payments`);
    }
    if (target.object === "charge" && field === "refunds") {
      return list(this.refunds.get(id) ?? [], `/v1/charges/${id}/refunds`);
    }
    return undefined;
  }
}
