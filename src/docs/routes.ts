import { createRouter } from "../app/router";

// The reference UI is swagger-ui-dist served from our own static assets (copied into public/
// by `npm run assets`), so /docs works offline and without a third-party CDN.
const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aniforge API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<noscript>The interactive reference needs JavaScript; the raw document is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>`;

export const OPENAPI_INFO = {
  openapi: "3.1.0",
  info: {
    title: "Aniforge API",
    version: "1.0.0",
    description:
      "Anime image and video generation: credits, generations, gallery, billing. Errors always have the shape `{error: {code, message, requestId, details?}}`.",
  },
};

/**
 * Security schemes protected routes reference (`security: [{ session: [] }, { apiKey: [] }]`);
 * the route-security suite calls every operation that declares one without credentials.
 */
export const SECURITY_SCHEMES = {
  session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
  apiKey: {
    type: "http",
    scheme: "bearer",
    description: "An API key (ak_live_...) with the route's scope",
  },
} as const;

export const docsRoutes = createRouter().get("/docs", (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.html(DOCS_HTML);
});
