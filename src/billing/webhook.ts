import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { stripeEvents } from "../db/schema";
import { ApiError } from "../lib/errors";
import type { BillingDeps } from "./deps";
import { EVENT_HANDLERS } from "./event-handlers";
import { webhookCrypto } from "./stripe-client";

/** Stripe's own default: a signature older than five minutes is a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type WebhookOutcome = "applied" | "duplicate" | "ignored";

/**
 * SPEC §6. The signature is checked on the raw body; then the event id is recorded and its
 * effects applied in one transaction. A repeat — sequential or concurrent — finds the id
 * already recorded (the concurrent one waits on the unique index until the first commits) and
 * changes nothing. If applying fails, nothing is recorded and Stripe's retry tries again.
 */
export async function receiveStripeEvent(
  deps: BillingDeps,
  rawBody: string,
  signature: string | undefined,
): Promise<{ outcome: WebhookOutcome; event: Stripe.Event }> {
  let event: Stripe.Event;
  try {
    event = await deps.stripe.webhooks.constructEventAsync(
      rawBody,
      signature ?? "",
      deps.config.STRIPE_WEBHOOK_SECRET,
      SIGNATURE_TOLERANCE_SECONDS,
      webhookCrypto,
    );
  } catch {
    throw new ApiError("WEBHOOK_SIGNATURE_INVALID");
  }
  // Stripe redelivers: a delivery already recorded is answered with one indexed read, before
  // the handler asks Stripe for anything. The insert below still decides concurrent repeats.
  if (await alreadyRecorded(deps, event.id)) return { outcome: "duplicate", event };
  const handler = EVENT_HANDLERS[event.type];
  const context = handler ? await handler.fetch(deps, event) : undefined;
  const outcome = await deps.db.transaction(async (tx) => {
    const [recorded] = await tx
      .insert(stripeEvents)
      .values({
        eventId: event.id,
        type: event.type,
        stripeCreatedAt: new Date(event.created * 1000),
        receivedAt: deps.now(),
      })
      .onConflictDoNothing({ target: stripeEvents.eventId })
      .returning({ id: stripeEvents.id });
    if (!recorded) return "duplicate" as const;
    if (!handler) return "ignored" as const;
    await handler.apply(tx, deps, event, context);
    await tx
      .update(stripeEvents)
      .set({ processedAt: deps.now() })
      .where(eq(stripeEvents.id, recorded.id));
    return "applied" as const;
  });
  return { outcome, event };
}

async function alreadyRecorded(deps: BillingDeps, eventId: string): Promise<boolean> {
  const [found] = await deps.db
    .select({ id: stripeEvents.id })
    .from(stripeEvents)
    .where(eq(stripeEvents.eventId, eventId))
    .limit(1);
  return Boolean(found);
}
