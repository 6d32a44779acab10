import type { MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../context";

/** Stripe's hosted pages: a no-JS checkout or portal form ends in a redirect there. */
const STRIPE_PAGES = ["https://checkout.stripe.com", "https://billing.stripe.com"];

/**
 * Headers of every page: a strict content security policy (scripts and styles only from our
 * own fingerprinted files, no inline code, so injected markup cannot run), no framing, no
 * sniffing. Images may come from https (avatars are user-chosen URLs); media only from us.
 */
export const pageSecurityHeaders: MiddlewareHandler<AppEnv> = (c, next) => {
  const stripeStandIn = c.get("services").config.STRIPE_API_BASE_URL;
  const formTargets = ["'self'", ...STRIPE_PAGES];
  if (stripeStandIn) formTargets.push(new URL(stripeStandIn).origin);
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:", "https:"],
      mediaSrc: ["'self'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: formTargets,
    },
    referrerPolicy: "strict-origin-when-cross-origin",
    crossOriginEmbedderPolicy: false,
    xFrameOptions: "DENY",
  })(c, next);
};

/**
 * Form posts to pages must come from our own origin (Origin header, else Sec-Fetch-Site).
 * The JSON API needs no token: browsers only send JSON cross-origin after a CORS preflight
 * we refuse, and the session cookie is SameSite=Lax.
 */
export const pageCsrf: MiddlewareHandler<AppEnv> = (c, next) =>
  csrf({
    origin: (origin) =>
      origin === c.get("services").config.PUBLIC_URL || origin === new URL(c.req.url).origin,
  })(c, next);
