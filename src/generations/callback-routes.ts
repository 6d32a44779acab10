import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { ApiError } from "../lib/errors";
import { isUuid } from "../lib/ids";
import { errorBody, jsonBody } from "../lib/openapi";
import { parseKieCallbackHint, verifyKieWebhookSignature } from "../providers/kie";
import { verifyCallbackToken } from "./callback-url";
import { checkGenerationMessage } from "./messages";

/** Callback bodies are a few hundred bytes; anything far bigger is not KieAI. */
const MAX_CALLBACK_BYTES = 64 * 1024;

const callbackRoute = createRoute({
  method: "post",
  path: "/api/callbacks/kie/{generationUuid}",
  tags: ["Provider callbacks"],
  summary: "KieAI task callback (called by KieAI, not by clients)",
  description:
    "The token is an HMAC of the generation uuid that only this server can mint; with KIE_WEBHOOK_HMAC_KEY set, X-Webhook-Signature/X-Webhook-Timestamp must verify too. The body is only a hint: the result is read back from KieAI's record-info before anything is stored.",
  request: {
    params: z.object({ generationUuid: z.string().max(64) }),
    query: z.object({ token: z.string().max(128).optional() }),
  },
  responses: {
    200: jsonBody(z.object({ received: z.literal(true) }), "Queued for checking"),
    401: errorBody("Missing or wrong token or webhook signature; nothing queued"),
  },
});

/**
 * Verify, enqueue, answer: no database work here. The token proves we minted this URL for this
 * generation and the signature that KieAI sent it, so the queue consumer (which reads the row
 * anyway, marks the callback received and drops generations that no longer exist) does the
 * rest. KieAI waits 15 s for an answer and never retries, so the answer must not wait on
 * anything that can be slow.
 */
export const callbackRoutes = createRouter().openapi(callbackRoute, async (c) => {
  const { config } = c.get("services");
  const { generationUuid } = c.req.valid("param");
  const { token } = c.req.valid("query");
  const tokenValid =
    isUuid(generationUuid) &&
    !!token &&
    (await verifyCallbackToken(config.KIE_CALLBACK_SECRET, generationUuid, token));
  if (!tokenValid) throw new ApiError("UNAUTHENTICATED", { details: { reason: "callback token" } });

  const raw = await c.req.text();
  if (raw.length > MAX_CALLBACK_BYTES) throw new ApiError("PAYLOAD_TOO_LARGE");
  const { taskId } = parseKieCallbackHint(parseJson(raw));
  if (config.KIE_WEBHOOK_HMAC_KEY) {
    const signed =
      !!taskId &&
      (await verifyKieWebhookSignature({
        taskId,
        timestamp: c.req.header("x-webhook-timestamp") ?? "",
        signature: c.req.header("x-webhook-signature") ?? "",
        key: config.KIE_WEBHOOK_HMAC_KEY,
        nowSeconds: Math.floor(Date.now() / 1000),
      }));
    if (!signed)
      throw new ApiError("UNAUTHENTICATED", { details: { reason: "webhook signature" } });
  }

  await config.bindings.GENERATION_EVENTS.send(
    checkGenerationMessage(generationUuid, "callback", taskId),
  );
  return c.json({ received: true as const }, 200);
});

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
