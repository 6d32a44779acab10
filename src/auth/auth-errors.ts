import type { Translate } from "../i18n/translate";
import { ApiError, type ErrorCode } from "../lib/errors";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./constants";

interface AuthErrorBody {
  code?: string;
  message?: string;
}

const FIELD_ERRORS: Record<string, { path: string; code: string }> = {
  PASSWORD_TOO_SHORT: { path: "password", code: "too_small" },
  PASSWORD_TOO_LONG: { path: "password", code: "too_big" },
  INVALID_EMAIL: { path: "email", code: "invalid_format" },
};

const CODE_BY_AUTH_CODE: Record<string, ErrorCode> = {
  USER_ALREADY_EXISTS: "EMAIL_ALREADY_REGISTERED",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "EMAIL_ALREADY_REGISTERED",
  INVALID_EMAIL_OR_PASSWORD: "INVALID_CREDENTIALS",
  INVALID_PASSWORD: "INVALID_CREDENTIALS",
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: "VALIDATION_FAILED",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "VALIDATION_FAILED",
  429: "RATE_LIMITED",
};

/**
 * better-auth answers errors as `{code, message}` with its own statuses (422 for a taken
 * email, 429 with X-Retry-After). This turns them into our one error shape: our code, a
 * localised message, and better-auth's code in `details.authCode` for clients that want it.
 */
export async function toApiError(response: Response, t: Translate): Promise<ApiError> {
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as AuthErrorBody;
  const authCode = typeof body.code === "string" ? body.code : undefined;
  const details: Record<string, unknown> = authCode ? { authCode } : {};
  if (response.status === 429) {
    return new ApiError("RATE_LIMITED", {
      retryAfter: Number(response.headers.get("x-retry-after")) || 60,
      details,
    });
  }
  const field = authCode && response.status < 500 ? FIELD_ERRORS[authCode] : undefined;
  // The password rule is spelled out so a sign-up form can show it (issue: "400 with the rule").
  if (field) {
    const message =
      field.path === "password"
        ? t("auth.passwordLength", { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })
        : (body.message ?? authCode);
    return new ApiError("VALIDATION_FAILED", {
      details: {
        ...details,
        issues: [{ path: field.path, code: field.code, message }],
        ...(field.path === "password"
          ? { rule: { minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH } }
          : {}),
      },
    });
  }
  const code: ErrorCode =
    (authCode ? CODE_BY_AUTH_CODE[authCode] : undefined) ??
    CODE_BY_STATUS[response.status] ??
    (response.status >= 500 ? "INTERNAL_ERROR" : "VALIDATION_FAILED");
  if (code === "VALIDATION_FAILED" && body.message) {
    details.issues = [{ path: "", code: authCode ?? "invalid", message: body.message }];
  }
  return new ApiError(code, { details });
}
