import { createHmac } from "node:crypto";
import Stripe from "stripe";
import { type Json, stripeId, unixNow } from "./stripe-standin-params";

// Events as Stripe sends them: the event envelope around a snapshot of the object, signed with
// `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>`, POSTed to the
// webhook endpoint and retried with backoff until it answers 2xx (docs.stripe.com/webhooks).

export interface Delivery {
  /** The endpoint's HTTP status; null when it could not be reached. */
  status: number | null;
  error?: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface RecordedEvent {
  id: string;
  type: string;
  /** `data.object.id`. */
  objectId: string;
  /** The exact JSON text sent (and signed). */
  payload: string;
  /** The Stripe-Signature header of the latest signing. */
  signature: string;
  deliveries: Delivery[];
}

/** `request` of an event: the API call that caused it, or nulls for Stripe's own actions. */
export interface EventRequest {
  id: string | null;
  idempotency_key: string | null;
}

export interface EventLogOptions {
  webhookSecret: string;
  webhookUrl: string;
  deliveryMode: "deliver" | "record";
  /** Waits before each retry; Stripe's own schedule spans three days, locally seconds. */
  retryDelaysMs: number[];
  log(line: string): void;
}

export const AUTOMATIC: EventRequest = { id: null, idempotency_key: null };

export class EventLog {
  private readonly events: RecordedEvent[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  // First attempts go out in emission order, as a developer reading the app's log expects;
  // retries do not hold later events back.
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: EventLogOptions) {}

  emit(type: string, object: Json, request: EventRequest, previous?: Json): RecordedEvent {
    const envelope = {
      id: stripeId("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: unixNow(),
      data: { object: structuredClone(object), ...(previous && { previous_attributes: previous }) },
      livemode: false,
      pending_webhooks: 1,
      request,
      type,
    };
    // Stripe pretty-prints payloads: a receiver that re-serialises before verifying fails.
    const payload = JSON.stringify(envelope, null, 2);
    const event: RecordedEvent = {
      id: envelope.id,
      type,
      objectId: String(object.id),
      payload,
      signature: this.sign(payload),
      deliveries: [],
    };
    this.events.push(event);
    this.options.log(`event ${event.id} ${type} (${event.objectId})`);
    if (this.options.deliveryMode === "deliver") {
      this.queue = this.queue.then(() => this.attempt(event, 1));
    }
    return event;
  }

  list(filter: { type?: string; objectId?: string } = {}): RecordedEvent[] {
    return this.events.filter(
      (e) =>
        (!filter.type || e.type === filter.type) &&
        (!filter.objectId || e.objectId === filter.objectId),
    );
  }

  /** Sends the event again with a fresh signature; in "record" mode only re-signs it. */
  async redeliver(id: string): Promise<RecordedEvent | undefined> {
    const event = this.events.find((e) => e.id === id);
    if (!event) return undefined;
    if (this.options.deliveryMode === "deliver") await this.attempt(event, 1);
    else event.signature = this.sign(event.payload);
    return event;
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private sign(payload: string): string {
    const timestamp = unixNow();
    const hmac = createHmac("sha256", this.options.webhookSecret)
      .update(`${timestamp}.${payload}`)
      .digest("hex");
    return `t=${timestamp},v1=${hmac}`;
  }

  private async attempt(event: RecordedEvent, attempt: number): Promise<void> {
    event.signature = this.sign(event.payload);
    const delivery: Delivery = { status: null, at: Date.now() };
    try {
      const res = await fetch(this.options.webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "stripe-signature": event.signature,
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
        body: event.payload,
        signal: AbortSignal.timeout(10_000),
      });
      delivery.status = res.status;
      await res.body?.cancel();
    } catch (error) {
      delivery.error = (error as Error).message;
    }
    event.deliveries.push(delivery);
    const ok = delivery.status !== null && delivery.status >= 200 && delivery.status < 300;
    this.options.log(
      `deliver ${event.id} ${event.type} #${attempt} → ${delivery.status ?? delivery.error}`,
    );
    const delay = this.options.retryDelaysMs[attempt - 1];
    if (ok || delay === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(event, attempt + 1);
    }, delay).unref();
    this.timers.add(timer);
  }
}
