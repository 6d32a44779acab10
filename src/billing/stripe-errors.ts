import Stripe from "stripe";
import { ApiError } from "../lib/errors";

/**
 * A Stripe call made while answering a client. Stripe being down or refusing our request is
 * not the client's fault: 502 PAYMENT_PROVIDER_UNAVAILABLE with Stripe's request id for
 * support, never Stripe's message (it can name our account's settings).
 */
export async function callStripe<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      throw new ApiError("PAYMENT_PROVIDER_UNAVAILABLE", {
        cause: error,
        details: { stripeRequestId: error.requestId ?? null, type: error.type },
      });
    }
    throw error;
  }
}
