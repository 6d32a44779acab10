import Stripe from "stripe";
import type { AppConfig } from "../env";

/**
 * The official client over fetch (Workers have no node http). STRIPE_API_BASE_URL points it at
 * the local stand-in; unset, it talks to api.stripe.com. A retry after a network error reuses
 * the idempotency key the client generates, so a POST is never applied twice by Stripe.
 */
export function createStripeClient(
  config: Pick<AppConfig, "STRIPE_SECRET_KEY" | "STRIPE_API_BASE_URL">,
) {
  const local = config.STRIPE_API_BASE_URL ? new URL(config.STRIPE_API_BASE_URL) : null;
  return new Stripe(config.STRIPE_SECRET_KEY, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 15_000,
    ...(local
      ? {
          host: local.hostname,
          port: Number(local.port || (local.protocol === "https:" ? 443 : 80)),
          protocol: local.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
}

export type StripeClient = ReturnType<typeof createStripeClient>;

export const webhookCrypto = Stripe.createSubtleCryptoProvider();
