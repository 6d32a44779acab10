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
    }
  }
}
