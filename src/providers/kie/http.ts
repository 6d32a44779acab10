import type { ProviderErrorKind, ProviderFailure, ProviderResult } from "../types";

export interface KieClientOptions {
  /** https://api.kie.ai in production; the local stand-in in development and tests. */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Per call, covering the answer's body too. */
  timeoutMs?: number;
}

/** One KieAI API call, unwrapped from the `{code, msg, data}` envelope; never throws. */
export type KieCall = (
  method: "GET" | "POST",
  path: string,
  body?: unknown,
) => Promise<ProviderResult<unknown>>;

const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_MESSAGE_LENGTH = 500;
const RETRYABLE_KINDS: ReadonlySet<ProviderErrorKind> = new Set([
  "rate_limited",
  "unavailable",
  "server_error",
  "network",
  "bad_response",
]);

export function createKieCall(options: KieClientOptions): KieCall {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Called through a wrapper: workerd refuses a bare `fetch` invoked with another `this`.
  const send =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const fail = (
    kind: ProviderErrorKind,
    message: string,
    httpStatus: number | null,
    providerCode: number | null,
  ) => ({
    ok: false as const,
    error: failure(kind, redact(message, options.apiKey), httpStatus, providerCode),
  });

  return async (method, path, body) => {
    let response: Response;
    let text: string;
    try {
      response = await send(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      const reason = timedOut ? `no answer within ${timeoutMs} ms` : describe(error);
      return fail("network", `KieAI ${method} ${pathOnly(path)}: ${reason}`, null, null);
    }

    const envelope = parseEnvelope(text);
    if (!response.ok) {
      const message = envelope?.message ?? `HTTP ${response.status}`;
      return fail(kindForCode(response.status), message, response.status, envelope?.code ?? null);
    }
    if (!envelope) {
      return fail(
        "bad_response",
        `KieAI ${pathOnly(path)} answered without its JSON envelope`,
        response.status,
        null,
      );
    }
    // KieAI often answers HTTP 200 and puts the real outcome in the envelope's code.
    if (envelope.code !== 200) {
      const message = envelope.message ?? `KieAI code ${envelope.code}`;
      return fail(kindForCode(envelope.code), message, response.status, envelope.code);
    }
    return { ok: true, value: envelope.data };
  };
}

/** The same table for HTTP statuses and envelope codes: KieAI uses one for both. */
export function kindForCode(code: number): ProviderErrorKind {
  if (code === 401) return "unauthorized";
  if (code === 402) return "insufficient_provider_balance";
  if (code === 429) return "rate_limited";
  if (code === 455 || code === 503) return "unavailable";
  if (code >= 500) return "server_error";
  return "invalid_request";
}

export function failure(
  kind: ProviderErrorKind,
  message: string,
  httpStatus: number | null = null,
  providerCode: number | null = null,
): ProviderFailure {
  return { kind, httpStatus, providerCode, message, retryable: RETRYABLE_KINDS.has(kind) };
}

interface Envelope {
  code: number;
  message: string | null;
  data: unknown;
}

function parseEnvelope(text: string): Envelope | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== "object" || json === null) return null;
  const { code, msg, message, data } = json as Record<string, unknown>;
  if (typeof code !== "number") return null;
  // Most endpoints say `msg`; some market pages document `message`.
  const said = typeof msg === "string" && msg ? msg : typeof message === "string" ? message : null;
  return { code, message: said || null, data };
}

// Messages end up in logs and generation rows: never with our key, never unbounded.
function redact(message: string, apiKey: string): string {
  const clean = apiKey ? message.split(apiKey).join("[redacted]") : message;
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH)}…` : clean;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : "request failed";
}

function pathOnly(path: string): string {
  return path.split("?")[0] ?? path;
}
