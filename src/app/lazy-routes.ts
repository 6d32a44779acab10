import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, AppVariables } from "../context";
import { ApiError } from "../lib/errors";
import { renderError } from "./error-handler";

type Router = OpenAPIHono<AppEnv>;

/** The app's context of each request handed to a lazily loaded router. */
const handedOver = new WeakMap<Request, Context<AppEnv>>();

/**
 * A group of routes whose modules are evaluated on the first request under its prefix, not in
 * the Worker's global scope (which every new isolate pays for, docs/benchmarks.md). For
 * groups few requests reach — the admin and billing APIs — so most isolates never load them;
 * scripts/build-worker.mjs makes each such import a chunk of its own. The router gets the
 * request with the app's context (services, locale, logger, principal), its errors in the one
 * error shape (or `onError`'s: the web UI renders error pages), and its routes still appear in
 * /openapi.json (see `loaded`).
 */
export function lazyRoutes(
  load: () => Promise<Router>,
  onError: (err: Error, c: Context<AppEnv>) => Response | Promise<Response> = renderError,
) {
  let router: Promise<Router> | undefined;
  const loaded = () => {
    router ??= load().then((routes) => {
      routes.onError(onError);
      routes.notFound((c) => onError(new ApiError("NOT_FOUND"), c));
      return routes;
    });
    return router;
  };
  const handler: MiddlewareHandler<AppEnv> = async (c) => {
    const routes = await loaded();
    handedOver.set(c.req.raw, c);
    let ctx: Context<AppEnv>["executionCtx"] | undefined;
    try {
      ctx = c.executionCtx;
    } catch {
      // app.request() in unit tests has no execution context.
    }
    return routes.fetch(c.req.raw, c.env, ctx);
  };
  return { handler, loaded };
}

/** The first middleware of a lazily loaded router: the app's request context, taken over. */
export const inheritContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const outer = handedOver.get(c.req.raw);
  if (outer) {
    for (const [key, value] of Object.entries(outer.var)) {
      c.set(key as keyof AppVariables, value as never);
    }
  }
  await next();
};
