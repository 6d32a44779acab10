import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { createApp, MAX_JSON_BODY_BYTES } from "../../src/app";
import { call, expectError, issuesOf, postJson } from "../support/http";

describe("the one error shape", () => {
  it("answers an unknown route with 404 NOT_FOUND and the request id", async () => {
    const res = await call("/api/no-such-thing");
    const body = await expectError(res, 404, "NOT_FOUND");
    expect(body.error.message).toBe("The requested resource was not found.");
  });

  it("keeps a well-formed incoming x-request-id and replaces a hostile one", async () => {
    const kept = await call("/api/nope", { headers: { "x-request-id": "trace-1234abcd" } });
    expect((await expectError(kept, 404, "NOT_FOUND")).error.requestId).toBe("trace-1234abcd");

    const replaced = await call("/api/nope", {
      headers: { "x-request-id": "bad id <script>alert(1)</script>" },
    });
    const body = await expectError(replaced, 404, "NOT_FOUND");
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers malformed JSON with 400 INVALID_JSON", async () => {
    const res = await postJson("/api/generations/quote", '{"type": "image",');
    await expectError(res, 400, "INVALID_JSON");
  });

  it("answers a body failing the schema with 400 VALIDATION_FAILED naming each field", async () => {
    const res = await postJson("/api/generations/quote", {
      type: "gif",
      model: "",
      prompt: "hi",
      extra: 1,
    });
    const body = await expectError(res, 400, "VALIDATION_FAILED");
    const paths = issuesOf(body).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["type", "model"]));
    expect(JSON.stringify(body.error.details)).toContain("extra");
  });

  it("rejects a JSON body sent with another content type", async () => {
    const res = await call("/api/generations/quote", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ type: "image", model: "nano-banana", prompt: "x" }),
    });
    await expectError(res, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("refuses a body over the limit with 413 PAYLOAD_TOO_LARGE", async () => {
    const prompt = "x".repeat(MAX_JSON_BODY_BYTES);
    const res = await postJson("/api/generations/quote", {
      type: "image",
      model: "z-image",
      prompt,
    });
    const body = await expectError(res, 413, "PAYLOAD_TOO_LARGE");
    expect(body.error.details).toEqual({ maxBytes: MAX_JSON_BODY_BYTES });
  });

  it("localises the message: ?locale=ja, then Accept-Language", async () => {
    const ja = await expectError(await call("/api/missing?locale=ja"), 404, "NOT_FOUND");
    expect(ja.error.message).toBe("指定されたリソースが見つかりません。");

    const zhRes = await postJson("/api/generations/quote", "{", {
      "accept-language": "zh-CN,zh;q=0.9,en;q=0.5",
    });
    expect(zhRes.headers.get("content-language")).toBe("zh");
    const zh = await expectError(zhRes, 400, "INVALID_JSON");
    expect(zh.error.message).toBe("请求正文不是有效的 JSON。");
  });

  it("localises validation details too", async () => {
    const res = await postJson("/api/generations/quote?locale=ja", {
      type: "image",
      model: "nano-banana",
      prompt: "x",
      count: 99,
    });
    const body = await expectError(res, 400, "VALIDATION_FAILED");
    const [issue] = issuesOf(body);
    expect(issue?.path).toBe("count");
    expect(issue?.message).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
  });

  it("turns an unexpected error into a generic 500, logging the stack but never leaking it", async () => {
    const app = createApp();
    app.get("/boom", () => {
      throw new Error("db password is hunter2");
    });
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const res = await app.request("/boom?locale=ja", {}, env);
      const body = await expectError(res, 500, "INTERNAL_ERROR");
      expect(JSON.stringify(body)).not.toContain("hunter2");
      expect(body.error.message).toBe("サーバー側で問題が発生しました。もう一度お試しください。");
      const lines = log.mock.calls.map(([line]) => JSON.parse(String(line)));
      const logged = lines.find((l) => l.msg === "unhandled error");
      expect(logged.requestId).toBe(body.error.requestId);
      expect(logged.err.stack).toContain("hunter2");
    } finally {
      log.mockRestore();
    }
  });
});
