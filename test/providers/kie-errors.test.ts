import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { failNextProviderCall, testKieProvider } from "../support/kie";
import { expectFailure, expectOk, modelById, nonce, submitInput } from "./kie-helpers";

// How every way a KieAI call can go wrong reaches the pipeline: a typed ProviderFailure.
const provider = testKieProvider();
const CREATE = "/api/v1/jobs/createTask";
const RECORD = "/api/v1/jobs/recordInfo";

/** Submits a nano-banana task whose request alone takes the forced answer. */
async function submitWithForcedAnswer(status: number, body?: unknown) {
  const word = nonce();
  await failNextProviderCall(CREATE, status, body, { match: word });
  return expectFailure(
    await provider.submit(submitInput("nano-banana", { prompt: `a fox ${word}` })),
  );
}

describe("KieAI error mapping", () => {
  it.each([
    [401, "unauthorized", false],
    [402, "insufficient_provider_balance", false],
    [400, "invalid_request", false],
    [404, "invalid_request", false],
    [422, "invalid_request", false],
    [429, "rate_limited", true],
    [455, "unavailable", true],
    [503, "unavailable", true],
    [500, "server_error", true],
    [502, "server_error", true],
  ])("HTTP %i → %s (retryable %s)", async (status, kind, retryable) => {
    const error = await submitWithForcedAnswer(status);
    expect(error).toMatchObject({ kind, retryable, httpStatus: status, providerCode: status });
    expect(error.message).not.toBe("");
  });

  it("maps the envelope code when KieAI answers HTTP 200", async () => {
    const error = await submitWithForcedAnswer(200, {
      code: 402,
      msg: "Credits insufficient",
      data: null,
    });
    expect(error).toEqual({
      kind: "insufficient_provider_balance",
      httpStatus: 200,
      providerCode: 402,
      message: "Credits insufficient",
      retryable: false,
    });
    const limited = await submitWithForcedAnswer(200, { code: 429, msg: "Too many requests" });
    expect(limited).toMatchObject({ kind: "rate_limited", retryable: true, httpStatus: 200 });
  });

  it("reads the message from `msg` or from `message`", async () => {
    const fromMessage = await submitWithForcedAnswer(200, {
      code: 422,
      message: "image_size is invalid",
    });
    expect(fromMessage.message).toBe("image_size is invalid");
    const fromMsg = await submitWithForcedAnswer(422, {
      code: 422,
      msg: "from msg",
      message: "other",
    });
    expect(fromMsg.message).toBe("from msg");
  });

  it("calls an answer without KieAI's JSON envelope a bad_response (retryable)", async () => {
    const html = await submitWithForcedAnswer(200, "<html>gateway hiccup</html>");
    expect(html).toMatchObject({
      kind: "bad_response",
      retryable: true,
      httpStatus: 200,
      providerCode: null,
    });
    const noCode = await submitWithForcedAnswer(200, { data: { taskId: "x" } });
    expect(noCode.kind).toBe("bad_response");
    const noTaskId = await submitWithForcedAnswer(200, { code: 200, msg: "success", data: {} });
    expect(noTaskId).toMatchObject({ kind: "bad_response", retryable: true });
  });

  it("never puts the API key in a message", async () => {
    const error = await submitWithForcedAnswer(500, {
      code: 500,
      msg: `rejected Bearer ${env.KIE_API_KEY}`,
    });
    expect(error.message).not.toContain(env.KIE_API_KEY);
    expect(error.message).toContain("[redacted]");
  });

  it("answers unauthorized for a wrong key, as the stand-in's real check does", async () => {
    const wrongKey = testKieProvider({ apiKey: "not-the-key" });
    const error = expectFailure(await wrongKey.submit(submitInput("nano-banana")));
    expect(error).toMatchObject({ kind: "unauthorized", httpStatus: 401, providerCode: 401 });
    expect(error.message).toBe("You do not have access permissions");
  });

  it("gets KieAI's refusal for a missing prompt", async () => {
    const error = expectFailure(await provider.submit(submitInput("z-image", { prompt: "   " })));
    expect(error).toMatchObject({ kind: "invalid_request", providerCode: 422, retryable: false });
    expect(error.message).toBe("prompt is required");
  });

  it("maps record-info failures the same way, and an unknown task to invalid_request", async () => {
    const model = modelById("nano-banana");
    const { taskId } = expectOk(await provider.submit(submitInput("nano-banana")));
    await failNextProviderCall(RECORD, 503, undefined, { match: taskId });
    expect(expectFailure(await provider.recordInfo(model, taskId))).toMatchObject({
      kind: "unavailable",
      retryable: true,
    });
    expect(expectFailure(await provider.recordInfo(model, "task_unknown_1"))).toMatchObject({
      kind: "invalid_request",
      providerCode: 422,
      message: "recordInfo is null",
    });
  });

  it("calls a success without a readable resultJson a bad_response", async () => {
    const model = modelById("nano-banana");
    const taskId = `task_google_${nonce()}`;
    const data = { taskId, state: "success", resultJson: "{not json" };
    await failNextProviderCall(RECORD, 200, { code: 200, msg: "success", data }, { match: taskId });
    expect(expectFailure(await provider.recordInfo(model, taskId)).kind).toBe("bad_response");
  });

  it("calls no answer at all a network failure: refused connection and timeout", async () => {
    const closed = testKieProvider({ baseUrl: "http://127.0.0.1:1" });
    const refused = expectFailure(await closed.submit(submitInput("nano-banana")));
    expect(refused).toMatchObject({
      kind: "network",
      retryable: true,
      httpStatus: null,
      providerCode: null,
    });

    const word = nonce();
    await failNextProviderCall(CREATE, 200, undefined, { match: word, delayMs: 2_000 });
    const impatient = testKieProvider({ timeoutMs: 200 });
    const timedOut = expectFailure(
      await impatient.submit(submitInput("nano-banana", { prompt: `a fox ${word}` })),
    );
    expect(timedOut).toMatchObject({ kind: "network", retryable: true });
    expect(timedOut.message).toContain("no answer within 200 ms");
  });

  it("refuses a request it cannot build (video options missing) as a typed failure, not a throw", async () => {
    for (const id of ["runway", "sora-2", "kling"]) {
      const error = expectFailure(await provider.submit(submitInput(id)));
      expect(error).toMatchObject({ kind: "invalid_request", retryable: false, httpStatus: null });
      expect(error.message).toContain("video options are required");
    }
  });
});
