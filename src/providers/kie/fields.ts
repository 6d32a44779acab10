import type { ProviderResult, SubmittedTask } from "../types";
import { failure } from "./http";

/** Readers for KieAI's loosely typed JSON: a wrong type reads as absent, never throws. */

export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** Task ids seen at KieAI: `task_google_1765…`, 32 hex digits, UUIDs. */
export function asTaskId(value: unknown): string | null {
  return typeof value === "string" && /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(value)
    ? value
    : null;
}

/** `""` and `null` both mean "none" in KieAI answers; codes come as strings or numbers. */
export function textOrNull(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

export function numberOrNull(value: unknown): number | null {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : null;
}

/** Epoch milliseconds (the documented form) or a date string (seen in older examples). */
export function dateOrNull(value: unknown): Date | null {
  const millis = numberOrNull(value);
  if (millis !== null) return millis > 0 ? new Date(millis) : null;
  if (typeof value !== "string") return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

/**
 * Veo and Runway answer times as "2025-06-06 10:00:00" without a zone; we read them as UTC.
 * They are informative only: our own clock decides deadlines and completion times.
 */
export function kieDateOrNull(value: unknown): Date | null {
  if (typeof value === "string") {
    const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value.trim());
    if (match) return dateOrNull(`${match[1]}T${match[2]}Z`);
  }
  return dateOrNull(value);
}

export function urlList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  return value.every((item) => typeof item === "string") ? (value as string[]) : null;
}

export function badResponse<T>(message: string): ProviderResult<T> {
  return { ok: false, error: failure("bad_response", message) };
}

/**
 * `data.taskId` of a create answer, the same in every family, with what was asked of the
 * provider (kept on the generation: the source of its normalised video parameters).
 */
export function createdTaskId(
  data: unknown,
  providerModel?: string,
  providerParams?: Record<string, unknown>,
): ProviderResult<SubmittedTask> {
  const taskId = asTaskId(asRecord(data)?.taskId);
  return taskId
    ? { ok: true, value: { taskId, providerModel, providerParams } }
    : badResponse("KieAI created a task without a taskId");
}

// Reference and callback URLs carry signed tokens, and the prompt is kept on the generation
// already: neither is worth a second copy.
const NOT_KEPT = new Set([
  "prompt",
  "callBackUrl",
  "image_urls",
  "imageUrls",
  "imageUrl",
  "image_input",
  "input_urls",
  "filesUrl",
]);

/** Request parameters without the prompt and the fields that hold URLs. */
export function withoutUrls(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => !NOT_KEPT.has(key)));
}
