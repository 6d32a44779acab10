import type { Bindings } from "../src/env";

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {
      ENVIRONMENT: string;
      LOG_LEVEL: string;
      DATABASE_URL: string;
      NEON_WS_PROXY: string;
      DATABASE_KIND: "embedded" | "server";
      PUBLIC_URL: string;
      CORS_ORIGINS: string;
      UPSTASH_REDIS_REST_URL: string;
      UPSTASH_REDIS_REST_TOKEN: string;
      RATE_LIMIT_PREFIX: string;
      BETTER_AUTH_SECRET: string;
      ADMIN_EMAILS: string;
      KIE_API_BASE_URL: string;
      KIE_API_KEY: string;
      KIE_WEBHOOK_HMAC_KEY: string;
      KIE_CALLBACK_SECRET: string;
      MEDIA_FETCH_EXTRA_ORIGINS: string;
      STRIPE_SECRET_KEY: string;
      STRIPE_WEBHOOK_SECRET: string;
      STRIPE_API_BASE_URL: string;
      BILLING_SUCCESS_URL: string;
      BILLING_CANCEL_URL: string;
      /** One per plan: scripts/local/stripe-prices.ts. */
      [priceEnv: `STRIPE_PRICE_${string}`]: string;
    }
  }
}
