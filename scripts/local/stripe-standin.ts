import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, serveStandIn } from "./standin-server";
import type { LocalStripePrice } from "./stripe-prices";
import { handleApi } from "./stripe-standin-api";
import { handleControl, sendJson } from "./stripe-standin-control";
import { EventLog } from "./stripe-standin-events";
import { servePage } from "./stripe-standin-pages";
import { type Params, parseForm, StripeApiError, stripeId } from "./stripe-standin-params";
import { StandInStore } from "./stripe-standin-store";

export interface StripeStandInOptions {
  port: number;
  /** The secret key it accepts (the app's STRIPE_SECRET_KEY). */
  secretKey: string;
  /** Signs events (the app's STRIPE_WEBHOOK_SECRET). */
  webhookSecret: string;
  /** The app's webhook endpoint. */
  webhookUrl: string;
  /** "deliver" POSTs events (dev); "record" only keeps them for /_control/events (tests). */
  deliveryMode: "deliver" | "record";
  prices: LocalStripePrice[];
  /** Waits before each retry of a failed delivery; 1, 2, 4, 8 s (five attempts) by default. */
  retryDelaysMs?: number[];
}

export interface StripeStandIn {
  url: string;
  stop(): Promise<void>;
}

const NO_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

function maskKey(key: string): string {
  return `${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;
}

/**
 * A local stand-in for Stripe (SPEC §8): the v1 calls the app makes through the official
 * client, Stripe's object shapes and errors, signed webhook events, hosted Checkout and Billing
 * Portal pages, and `/_control/*` routes that make payments, renewals and refunds happen.
 */
export async function startStripeStandIn(options: StripeStandInOptions): Promise<StripeStandIn> {
  const verbose = process.env.STRIPE_STANDIN_VERBOSE === "1";
  const log = (line: string) => {
    if (verbose || options.deliveryMode === "deliver") console.log(`[stripe-standin] ${line}`);
  };
  const url = `http://127.0.0.1:${options.port}`;
  const events = new EventLog({
    webhookSecret: options.webhookSecret,
    webhookUrl: options.webhookUrl,
    deliveryMode: options.deliveryMode,
    retryDelaysMs: options.retryDelaysMs ?? [1000, 2000, 4000, 8000],
    log,
  });
  const store = new StandInStore(url, options.prices, events);
  // Stripe replays the first answer to a repeated Idempotency-Key (the client sends one with
  // every POST and reuses it when it retries).
  const idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? "/", "http://stand-in");
    const path = requestUrl.pathname;
    if (req.method === "GET" && (path === "/" || path === "/health")) {
      return sendJson(res, 200, { ok: true, service: "stripe-standin" });
    }
    if (req.method === "GET" && servePage(store, requestUrl, res)) return;
    const raw = await readBody(req);
    if (raw === null)
      return sendJson(res, 413, new StripeApiError(413, "Request too large").body());
    const form = String(req.headers["content-type"]).startsWith(
      "application/x-www-form-urlencoded",
    );
    if (path.startsWith("/_control/")) {
      const body = controlBody(raw, form);
      if (!body) return sendJson(res, 400, new StripeApiError(400, "Invalid body").body());
      return handleControl(store, req.method, requestUrl, body, res);
    }
    const requestId = stripeId("req", 14);
    res.setHeader("request-id", requestId);
    const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (key !== options.secretKey) {
      const error = new StripeApiError(
        401,
        key ? `Invalid API Key provided: ${maskKey(key)}` : NO_KEY,
      );
      return sendJson(res, 401, error.body());
    }
    const idempotencyKey = req.method === "POST" ? req.headers["idempotency-key"] : undefined;
    const fingerprint = `${req.method} ${path} ${raw}`;
    const earlier = typeof idempotencyKey === "string" ? idempotent.get(idempotencyKey) : undefined;
    if (earlier && earlier.fingerprint !== fingerprint) {
      const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`;
      return sendJson(
        res,
        400,
        new StripeApiError(400, message, { type: "idempotency_error" }).body(),
      );
    }
    if (earlier) {
      res.writeHead(earlier.status, {
        "content-type": "application/json",
        "idempotent-replayed": "true",
      });
      res.end(earlier.body);
      return;
    }
    let status = 200;
    let body: unknown;
    try {
      const params = { ...parseForm(requestUrl.search.slice(1)), ...parseForm(raw) };
      const origin = {
        id: requestId,
        idempotency_key: typeof idempotencyKey === "string" ? idempotencyKey : null,
      };
      body = handleApi(store, { method: req.method ?? "GET", path, params, origin });
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      status = error.status;
      body = error.body();
    }
    if (typeof idempotencyKey === "string") {
      idempotent.set(idempotencyKey, { fingerprint, status, body: JSON.stringify(body, null, 2) });
    }
    return sendJson(res, status, body);
  }

  const server = await serveStandIn({
    port: options.port,
    handle,
    log: verbose ? (line) => console.log(`[stripe-standin] ${line}`) : undefined,
    onError(res, error) {
      log(`error: ${error.stack ?? error.message}`);
      const body = {
        error: { message: "An unknown error occurred (stand-in).", type: "api_error" },
      };
      sendJson(res, 500, body);
    },
  });
  return {
    url,
    async stop() {
      events.stop();
      await server.stop();
    },
  };
}

/** JSON from tests, a form from the hosted pages' buttons; null when unreadable. */
function controlBody(raw: string, form: boolean): Params | null {
  try {
    const body: unknown = form ? parseForm(raw) : raw ? JSON.parse(raw) : {};
    return typeof body === "object" && body !== null ? (body as Params) : null;
  } catch {
    return null;
  }
}
