import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";

/** The closed set of error codes clients can rely on, each with its HTTP status. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  WEBHOOK_SIGNATURE_INVALID: 400,
  INVALID_JSON: 400,
  INVALID_CURSOR: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INSUFFICIENT_CREDITS: 402,
  FORBIDDEN: 403,
  API_KEY_SCOPE_MISSING: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMAIL_ALREADY_REGISTERED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  COST_ALREADY_EXISTS: 409,
  GENERATION_NOT_RETRYABLE: 409,
  NOTHING_TO_REFUND: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  DAILY_LIMIT_REACHED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_MISCONFIGURED: 500,
  PROVIDER_UNAVAILABLE: 502,
  PAYMENT_PROVIDER_UNAVAILABLE: 502,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export interface ApiErrorOptions {
  details?: Record<string, unknown>;
  /** Seconds, sent as Retry-After (429, 503). */
  retryAfter?: number;
  cause?: unknown;
}

/** The one error type services and handlers throw; `app.onError` turns it into the error shape. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly retryAfter?: number;

  constructor(code: ErrorCode, options: ApiErrorOptions = {}) {
    super(ERROR_STATUS[code], { message: code, cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }

  /** A validation failure from zod issues; `details.issues` points at each bad field. */
  static fromZod(error: z.ZodError, localize?: (issue: z.core.$ZodIssue) => string): ApiError {
    return new ApiError("VALIDATION_FAILED", {
      details: {
        issues: error.issues.map((issue) => ({
          path: issue.path.map(String).join("."),
          code: issue.code,
          message: localize?.(issue) ?? issue.message,
        })),
      },
    });
  }

  static validation(path: string, message: string, code = "custom"): ApiError {
    return new ApiError("VALIDATION_FAILED", { details: { issues: [{ path, code, message }] } });
  }
}

/** zod schema of the error body, for OpenAPI responses. */
export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      requestId: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: "Error" });
