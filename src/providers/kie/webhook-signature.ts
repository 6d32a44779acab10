/**
 * KieAI's optional webhook HMAC (docs.kie.ai/common-api/webhook-verification): with a
 * webhookHmacKey set in the KieAI console, each callback carries
 *   X-Webhook-Timestamp  Unix seconds
 *   X-Webhook-Signature  base64(HMAC-SHA256(`${taskId}.${timestamp}`, webhookHmacKey))
 * It signs the task id and time only, not the body. `crypto.subtle.verify` compares in
 * constant time; a stale timestamp is refused so a captured callback cannot be replayed later.
 */
export async function verifyKieWebhookSignature(input: {
  taskId: string;
  timestamp: string | number;
  signature: string;
  key: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): Promise<boolean> {
  const tolerance = input.toleranceSeconds ?? 300;
  const timestamp = String(input.timestamp).trim();
  if (!/^\d{1,12}$/.test(timestamp) || !input.key || !input.taskId) return false;
  if (Math.abs(input.nowSeconds - Number(timestamp)) > tolerance) return false;
  const signature = fromBase64(input.signature.trim());
  if (!signature) return false;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(input.key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  return crypto.subtle.verify(
    "HMAC",
    key,
    signature,
    encoder.encode(`${input.taskId}.${timestamp}`),
  );
}

function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]{1,128}={0,2}$/.test(text)) return null;
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
