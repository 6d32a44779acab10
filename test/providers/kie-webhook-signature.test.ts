import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { verifyKieWebhookSignature } from "../../src/providers/kie";
import { completeTask, recordedCallbacks, testKieProvider } from "../support/kie";
import { expectOk, submitInput } from "./kie-helpers";

// base64(HMAC-SHA256("e989621f54392584b05867f87b160672.1755599644", "kie-docs-example-key")),
// computed with Node's crypto.createHmac, independently of the code under test.
const VECTOR = {
  taskId: "e989621f54392584b05867f87b160672",
  timestamp: "1755599644",
  signature: "7Z+BojQ97fm2RsWSaqcQmwMgA7BvNqhV3HdT3aR9WHQ=",
  key: "kie-docs-example-key",
  nowSeconds: 1755599650,
};

describe("verifyKieWebhookSignature", () => {
  it("accepts KieAI's scheme: base64 HMAC-SHA256 of `taskId.timestamp`", async () => {
    expect(await verifyKieWebhookSignature(VECTOR)).toBe(true);
    expect(
      await verifyKieWebhookSignature({ ...VECTOR, timestamp: Number(VECTOR.timestamp) }),
    ).toBe(true);
  });

  it("accepts the stand-in's signed callback with the configured key", async () => {
    const { taskId } = expectOk(await testKieProvider().submit(submitInput("z-image")));
    await completeTask(taskId);
    const [delivery] = await recordedCallbacks(taskId);
    const headers = delivery?.headers ?? {};
    expect(headers["x-webhook-signature"]).toBeDefined();
    const signed = {
      taskId,
      timestamp: headers["x-webhook-timestamp"] ?? "",
      signature: headers["x-webhook-signature"] ?? "",
      key: env.KIE_WEBHOOK_HMAC_KEY,
      nowSeconds: Math.floor(Date.now() / 1000),
    };
    expect(await verifyKieWebhookSignature(signed)).toBe(true);
    expect(await verifyKieWebhookSignature({ ...signed, key: "another-key" })).toBe(false);
  });

  it("refuses a tampered task id, timestamp or signature", async () => {
    expect(await verifyKieWebhookSignature({ ...VECTOR, taskId: `${VECTOR.taskId}0` })).toBe(false);
    expect(await verifyKieWebhookSignature({ ...VECTOR, timestamp: "1755599645" })).toBe(false);
    const flipped = `A${VECTOR.signature.slice(1)}`;
    expect(await verifyKieWebhookSignature({ ...VECTOR, signature: flipped })).toBe(false);
    const truncated = VECTOR.signature.slice(0, 20);
    expect(await verifyKieWebhookSignature({ ...VECTOR, signature: truncated })).toBe(false);
  });

  it("refuses the wrong key", async () => {
    expect(await verifyKieWebhookSignature({ ...VECTOR, key: "kie-docs-example-kez" })).toBe(false);
  });

  it("refuses stale and far-future timestamps (300 s by default)", async () => {
    const ts = Number(VECTOR.timestamp);
    expect(await verifyKieWebhookSignature({ ...VECTOR, nowSeconds: ts + 300 })).toBe(true);
    expect(await verifyKieWebhookSignature({ ...VECTOR, nowSeconds: ts + 301 })).toBe(false);
    expect(await verifyKieWebhookSignature({ ...VECTOR, nowSeconds: ts - 301 })).toBe(false);
    expect(
      await verifyKieWebhookSignature({ ...VECTOR, nowSeconds: ts + 301, toleranceSeconds: 600 }),
    ).toBe(true);
  });

  it("refuses malformed input without throwing", async () => {
    for (const bad of [
      { signature: "" },
      { signature: "not base64 !!" },
      { timestamp: "" },
      { timestamp: "17555e3" },
      { key: "" },
      { taskId: "" },
    ]) {
      expect(await verifyKieWebhookSignature({ ...VECTOR, ...bad })).toBe(false);
    }
  });
});
