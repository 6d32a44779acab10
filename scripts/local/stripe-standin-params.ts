import { randomBytes } from "node:crypto";

// How Stripe's v1 API reads requests and reports errors: form-encoded bodies with bracketed
// keys (`line_items[0][price]`, `metadata[k]`, `expand[]`), and one error envelope.

export type Json = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** An API error in Stripe's shape: `{ error: { type, message, param?, code? } }`. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { type?: string; param?: string; code?: string } = {},
  ) {
    super(message);
  }

  body(): Json {
    const { type = "invalid_request_error", param, code } = this.details;
    return {
      error: { ...(code && { code }), message: this.message, ...(param && { param }), type },
    };
  }
}

export function noSuch(kind: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError(param === "id" ? 404 : 400, `No such ${kind}: '${id}'`, {
    code: "resource_missing",
    param,
  });
}

export function missingParam(param: string): StripeApiError {
  return new StripeApiError(400, `Missing required param: ${param}.`, {
    code: "parameter_missing",
    param,
  });
}

export function invalidParam(param: string, message: string): StripeApiError {
  return new StripeApiError(400, message, { param });
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * `a[b][0][c]=v&expand[]=x` → `{ a: { b: [{ c: "v" }] }, expand: ["x"] }`. Objects whose keys are
 * all indexes become arrays, as the stripe client sends arrays indexed (qs "indices" format).
 */
export function parseForm(text: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match?.[1]) throw new StripeApiError(400, `Invalid parameter name: ${key}`);
    const path = [match[1], ...[...(match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])];
    let node = root;
    for (let i = 0; i < path.length; i++) {
      let segment = path[i] ?? "";
      if (FORBIDDEN_KEYS.has(segment)) throw new StripeApiError(400, `Invalid parameter: ${key}`);
      // `x[]=` appends: give it the next free index.
      if (segment === "") segment = String(Object.keys(node).length);
      if (i === path.length - 1) {
        node[segment] = value;
      } else {
        const next = node[segment];
        const child = (typeof next === "object" && next !== null ? next : {}) as Params;
        node[segment] = child;
        node = child;
      }
    }
  }
  return indexedToArrays(root) as Params;
}

function indexedToArrays(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, indexedToArrays(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

/** Rejects parameters the endpoint does not take, as Stripe does (`prefix` for nested ones). */
export function checkKnown(params: Params, known: readonly string[], prefix?: string): void {
  for (const key of Object.keys(params)) {
    if (known.includes(key) || (key === "expand" && !prefix)) continue;
    const param = prefix ? `${prefix}[${key}]` : key;
    throw new StripeApiError(400, `Received unknown parameter: ${param}`, {
      code: "parameter_unknown",
      param,
    });
  }
}

export function optionalString(params: Params, name: string): string | null {
  const value = params[name];
  if (value === undefined || value === "") return null;
  if (typeof value !== "string") throw invalidParam(name, `Invalid string: ${name}`);
  return value;
}

export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === null) throw missingParam(name);
  return value;
}

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === "true" || value === true) return true;
  if (value === "false" || value === false) return false;
  throw invalidParam(name, `Invalid boolean: ${String(value)}`);
}

/** Metadata as Stripe keeps it: strings only; an empty value removes the key on update. */
export function metadataParam(params: Params, name: string, current: Json = {}): Json {
  const value = params[name];
  if (value === undefined) return current;
  if (value === "") return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidParam(name, `Invalid object: ${name}`);
  }
  const next: Json = { ...current };
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string") throw invalidParam(`${name}[${key}]`, "Invalid string");
    if (v === "") delete next[key];
    else next[key] = v;
  }
  return next;
}

export function expandParam(params: Params): string[] {
  const value = params.expand;
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw invalidParam("expand", "Invalid array: expand");
  }
  return value as string[];
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Shaped like Stripe's: a prefix and random base-62 characters (cus_…, sub_…, cs_test_…). */
export function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return `${prefix}_${out}`;
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
