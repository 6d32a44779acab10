import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ConfigFileError } from "../configs/load";
import type { AppEnv } from "../context";
import { EnvConfigError } from "../env";
import { DEFAULT_LOCALE } from "../i18n/catalogues";
import { translator } from "../i18n/translate";
import { ApiError, ERROR_STATUS, type ErrorCode } from "../lib/errors";
import { createLogger } from "../lib/logger";

// Statuses Hono itself raises (body parsing, limits) mapped onto our codes.
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: "INVALID_JSON",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

export interface ClassifiedError {
  code: ErrorCode;
  status: (typeof ERROR_STATUS)[ErrorCode];
  details?: Record<string, unknown>;
  retryAfter?: number;
}

/** Maps any error onto our codes, logging the ones that are our own fault. */
export function classifyError(err: Error, c: Context<AppEnv>): ClassifiedError {
  const requestId = c.get("requestId") ?? "unknown";
  const logger = c.get("logger") ?? createLogger({ base: { requestId } });
  let code: ErrorCode;
  let details: Record<string, unknown> | undefined;
  let retryAfter: number | undefined;
  if (err instanceof ApiError) {
    ({ code, details, retryAfter } = err);
    if (ERROR_STATUS[code] >= 500) logger.error("request failed", { code, err: err.cause ?? err });
  } else if (err instanceof EnvConfigError || err instanceof ConfigFileError) {
    code = "SERVICE_MISCONFIGURED";
    // Names of the bad settings only; values (secrets) never leave the Worker.
    details = { problems: err.problems };
    logger.error("service misconfigured", { problems: err.problems });
  } else if (err instanceof HTTPException && CODE_BY_STATUS[err.status]) {
    code = CODE_BY_STATUS[err.status] as ErrorCode;
  } else {
    code = "INTERNAL_ERROR";
    logger.error("unhandled error", { err });
  }
  return { code, status: ERROR_STATUS[code], details, retryAfter };
}

/** Every error, ours or not, leaves as `{ error: { code, message, requestId, details? } }`. */
export function renderError(err: Error, c: Context<AppEnv>): Response {
  const requestId = c.get("requestId") ?? "unknown";
  const t = c.get("t") ?? translator(DEFAULT_LOCALE);
  const { code, status, details, retryAfter } = classifyError(err, c);
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers["Retry-After"] = String(Math.max(1, Math.ceil(retryAfter)));
  return c.json(
    { error: { code, message: t(`errors.${code}`), requestId, ...(details ? { details } : {}) } },
    status,
    headers,
  );
}
