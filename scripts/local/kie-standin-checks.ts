// Field checks every KieAI create endpoint shares. Each answers null when the field is fine, or
// the refusal message KieAI would put in its `{code: 422, msg}` answer.

export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
}

export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export function checkPrompt(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return "prompt is required";
  return value.length > 20_000 ? "prompt is too long" : null;
}

export function checkUrls(
  value: unknown,
  field: string,
  required: boolean,
  max: number,
): string | null {
  if (value === undefined) return required ? `${field} is required` : null;
  if (!Array.isArray(value) || !value.every(isHttpUrl)) return `${field} must be a list of URLs`;
  if (required && value.length === 0) return `${field} is required`;
  if (value.length > max) return `${field} takes at most ${max} images`;
  return null;
}

export function checkEnums(input: Json, enums: Record<string, readonly unknown[]>): string | null {
  for (const [field, values] of Object.entries(enums)) {
    const value = input[field];
    if (value !== undefined && !values.includes(value)) return `${field} is not supported`;
  }
  return null;
}

export function checkBooleans(input: Json, fields: readonly string[]): string | null {
  const wrong = fields.find((field) => ![undefined, true, false].includes(input[field] as never));
  return wrong ? `${wrong} must be a boolean` : null;
}

export function checkStrings(input: Json, fields: readonly string[]): string | null {
  const wrong = fields.find((field) => !["undefined", "string"].includes(typeof input[field]));
  return wrong ? `${wrong} must be a string` : null;
}

export function checkCallBackUrl(value: unknown): string | null {
  return value === undefined || isHttpUrl(value) ? null : "callBackUrl must be a URL";
}
