import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { cors } from "hono/cors";
import type { AppEnv } from "../context";
import { negotiateLocale } from "../i18n/negotiate";
import { translator } from "../i18n/translate";
import { createLogger, logLevelFrom } from "../lib/logger";
import { pickRequestId, REQUEST_ID_HEADER } from "../lib/request-id";
import { LOCALE_COOKIE } from "../web/locale-cookie";
import { createServices } from "./services";

/** Request id, structured logger, locale and access log: first in the chain, so errors have them. */
export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  const requestId = pickRequestId(c.req.header(REQUEST_ID_HEADER));
  const logger = createLogger({ level: logLevelFrom(c.env?.LOG_LEVEL), base: { requestId } });
  // The web UI's switcher stores the browser's choice in a cookie: it counts as saved.
  const locale = negotiateLocale({
    query: c.req.query("locale"),
    saved: getCookie(c, LOCALE_COOKIE),
    acceptLanguage: c.req.header("accept-language"),
  });
  c.set("requestId", requestId);
  c.set("logger", logger);
  c.set("locale", locale);
  c.set("t", translator(locale));
  await next();
  c.header(REQUEST_ID_HEADER, requestId);
  c.header("Content-Language", c.get("locale"));
  c.header("Vary", "Accept-Language", { append: true });
  logger.info("request", {
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    durationMs: Date.now() - started,
  });
};

/** Validated env and configs plus lazily opened dependencies, on the context for handlers. */
export const services: MiddlewareHandler<AppEnv> = async (c, next) => {
  const built = createServices(c.env, c.get("logger"));
  c.set("services", built.services);
  try {
    await next();
  } finally {
    const closing = built.close();
    try {
      c.executionCtx.waitUntil(closing);
    } catch {
      // No execution context (app.request in unit tests): finish closing before returning.
      await closing;
    }
  }
};

/** CORS for the browser origins listed in CORS_ORIGINS; credentials allowed for sessions. */
export const corsFromEnv: MiddlewareHandler<AppEnv> = (c, next) => {
  const allowed = c.get("services").config.CORS_ORIGINS;
  return cors({
    origin: (origin) => (allowed.includes(origin) ? origin : null),
    credentials: true,
    allowMethods: ["GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"],
    allowHeaders: ["Content-Type", "Authorization", "Idempotency-Key", "X-Request-Id"],
    exposeHeaders: [
      "X-Request-Id",
      "Retry-After",
      "Content-Language",
      "RateLimit-Limit",
      "RateLimit-Remaining",
      "RateLimit-Reset",
    ],
    maxAge: 600,
  })(c, next);
};
