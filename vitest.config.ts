import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { localStripePriceEnv, readLocalPlans } from "./scripts/local/stripe-prices";
import { writeDerivedWranglerConfig } from "./scripts/local/wrangler-config";

// Tests run inside workerd (the production runtime) with the bindings from wrangler.toml; the
// database is started by test/global-setup.ts and reached through the production Neon driver.
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      // wrangler.toml without its build (dist/worker): the tests run the source through Vite.
      wrangler: { configPath: writeDerivedWranglerConfig(".data/test/wrangler.toml") },
      main: "./src/index.ts",
      miniflare: {
        bindings: {
          ENVIRONMENT: "test",
          LOG_LEVEL: "warn",
          DATABASE_URL: inject("databaseUrl"),
          NEON_WS_PROXY: inject("neonWsProxy"),
          DATABASE_KIND: inject("databaseKind"),
          PUBLIC_URL: "http://127.0.0.1:8787",
          CORS_ORIGINS: "http://localhost:5173,https://app.aniforge.test",
          UPSTASH_REDIS_REST_URL: inject("upstashUrl"),
          UPSTASH_REDIS_REST_TOKEN: inject("upstashToken"),
          // Keys of one run never meet another run's (a shared Redis in CI keeps state).
          RATE_LIMIT_PREFIX: `aniforge-test:${inject("runId")}`,
          BETTER_AUTH_SECRET: "test-only-better-auth-secret-0123456789abcdef",
          ADMIN_EMAILS: "boss@aniforge.test",
          KIE_API_BASE_URL: inject("kieUrl"),
          KIE_API_KEY: "test-kie-key",
          KIE_WEBHOOK_HMAC_KEY: "test-kie-webhook-hmac-key",
          KIE_CALLBACK_SECRET: "test-only-kie-callback-secret-0123456789abcdef",
          // The stand-in serves result files over plain http on localhost.
          MEDIA_FETCH_EXTRA_ORIGINS: inject("kieUrl"),
          // The Stripe stand-in accepts this key and signs events with this secret.
          STRIPE_SECRET_KEY: "sk_test_aniforge_local",
          STRIPE_WEBHOOK_SECRET: "whsec_test_aniforge_local",
          STRIPE_API_BASE_URL: inject("stripeUrl"),
          BILLING_SUCCESS_URL: "https://app.aniforge.test/billing/success",
          BILLING_CANCEL_URL: "https://app.aniforge.test/pricing",
          ...localStripePriceEnv(readLocalPlans().plans),
        },
      },
    })),
  ],
  test: {
    globalSetup: ["./test/global-setup.ts"],
    include: ["test/**/*.test.ts"],
    // Browser tests run in Node against `npm run dev` (vitest.browser.config.ts).
    exclude: ["**/node_modules/**", "test/browser/**"],
    // Vitest serves CSS it does not process as empty text, `?raw` imports included; the pages'
    // stylesheet must reach the Worker as it ships (the gallery's page-weight test counts it).
    css: { include: [/src\/web\/static\/.+\.css/] },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
