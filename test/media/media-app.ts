import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { renderError } from "../../src/app/error-handler";
import { requestContext, services } from "../../src/app/middleware";
import { createRouter } from "../../src/app/router";
import { ApiError } from "../../src/lib/errors";
import { mediaRoutes } from "../../src/media/routes";
import { BASE, withClientIp } from "../support/http";

/**
 * The media router behind the app's own request middleware and error shape, called the way
 * the Worker would call it. (src/app.ts mounts this same router.)
 */
const app = createRouter();
app.use("*", requestContext);
app.use("*", services);
app.route("/", mediaRoutes);
app.notFound((c) => renderError(new ApiError("NOT_FOUND"), c));
app.onError(renderError);

export async function fetchMedia(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}${path}`, withClientIp(init)), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
