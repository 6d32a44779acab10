import type { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { apiKeyRoutes } from "./api-keys/routes";
import { renderError } from "./app/error-handler";
import { lazyRoutes } from "./app/lazy-routes";
import { corsFromEnv, requestContext, services } from "./app/middleware";
import { createRouter } from "./app/router";
import { rememberFirstVisit } from "./auth/attribution";
import { registerAuthDocs } from "./auth/openapi";
import { authRoutes } from "./auth/routes";
import { interactionRoutes } from "./community/interaction-routes";
import { communityRoutes } from "./community/routes";
import { configRoutes } from "./configs/routes";
import type { AppEnv } from "./context";
import { creditRoutes } from "./credits/routes";
import { docsRoutes, OPENAPI_INFO, SECURITY_SCHEMES } from "./docs/routes";
import { artworkRoutes } from "./generations/artwork-routes";
import { callbackRoutes } from "./generations/callback-routes";
import { generationRoutes } from "./generations/routes";
import { healthRoutes } from "./health/routes";
import { incentiveRoutes } from "./incentives/routes";
import { ApiError } from "./lib/errors";
import { mediaRoutes } from "./media/routes";
import { rateLimitByIp } from "./rate-limit/enforce";
import { userRoutes } from "./users/routes";
import { PAGE_PATHS } from "./web/paths";

export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** Builds the HTTP app: middleware, capability routers, the error shape and the OpenAPI doc. */
export function createApp() {
  const app = createRouter();
  app.use("*", requestContext);
  app.use("*", services);
  app.use("*", corsFromEnv);
  // JSON bodies are small; uploads go to R2 directly, never through a JSON route.
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_JSON_BODY_BYTES,
      onError: () => {
        throw new ApiError("PAYLOAD_TOO_LARGE", { details: { maxBytes: MAX_JSON_BODY_BYTES } });
      },
    }),
  );
  app.use("*", rememberFirstVisit);
  app.use(
    "/api/*",
    rateLimitByIp("publicRead", (method) => method === "GET" || method === "HEAD"),
  );

  app.route("/", healthRoutes);
  app.route("/", authRoutes);
  app.route("/", userRoutes);
  app.route("/", apiKeyRoutes);
  app.route("/", configRoutes);
  app.route("/", generationRoutes);
  app.route("/", artworkRoutes);
  app.route("/", callbackRoutes);
  app.route("/", communityRoutes);
  app.route("/", interactionRoutes);
  app.route("/", mediaRoutes);
  app.route("/", creditRoutes);
  app.route("/", incentiveRoutes);
  app.all("/api/billing/*", billing.handler);
  app.all("/api/webhooks/stripe", billing.handler);
  // Loaded on their first request: most isolates serve no admin and no billing at all.
  app.all("/api/admin/*", admin.handler);
  app.route("/", docsRoutes);
  for (const path of PAGE_PATHS) app.all(path, web.handler);

  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) {
    app.openAPIRegistry.registerComponent("securitySchemes", name, scheme);
  }
  registerAuthDocs(app.openAPIRegistry);
  app.get("/openapi.json", async (c) => c.json(await openApiDocument(app)));
  app.notFound((c) => renderError(new ApiError("NOT_FOUND"), c));
  app.onError(renderError);
  return app;
}

export type App = ReturnType<typeof createApp>;

const admin = lazyRoutes(() => import("./admin/routes").then((m) => m.adminRoutes));
const billing = lazyRoutes(() =>
  import("./billing/routes").then((m) => m.billingRoutes as unknown as OpenAPIHono<AppEnv>),
);
// The web UI: its pages render errors as pages, not as the JSON error shape.
const web = lazyRoutes(
  () => import("./web/routes").then((m) => m.webRoutes),
  (err, c) => import("./web/error-page").then((m) => m.renderPageError(err, c)),
);
let documented: Promise<unknown> | undefined;

/** The OpenAPI document of every route, the lazily loaded ones included; built once. */
function openApiDocument(app: OpenAPIHono<AppEnv>): Promise<unknown> {
  documented ??= Promise.all([admin.loaded(), billing.loaded()]).then((groups) => {
    const all = createRouter();
    all.route("/", app);
    for (const group of groups) all.route("/", group);
    return all.getOpenAPI31Document(OPENAPI_INFO);
  });
  documented.catch(() => {
    documented = undefined;
  });
  return documented;
}
