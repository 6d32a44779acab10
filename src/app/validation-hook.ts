import type { Hook } from "@hono/zod-openapi";
import type { z } from "zod";
import { en, ja, zhCN } from "zod/locales";
import type { AppEnv } from "../context";
import type { Locale } from "../i18n/catalogues";
import { ApiError } from "../lib/errors";

const ZOD_LOCALES: Record<Locale, () => { localeError: z.core.$ZodErrorMap }> = {
  en,
  ja,
  zh: zhCN,
};

/**
 * The zod-openapi default hook: a failed request schema becomes VALIDATION_FAILED with one
 * entry per bad field, in the request's language. Our own refinement messages stay as written.
 */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const localeError = ZOD_LOCALES[c.get("locale") ?? "en"]().localeError;
  throw ApiError.fromZod(result.error, (issue) => {
    if (issue.code === "custom") return issue.message;
    const localized = localeError(issue as unknown as z.core.$ZodRawIssue);
    return typeof localized === "string" ? localized : (localized?.message ?? issue.message);
  });
};
