import { z } from "zod";
import { ApiError } from "../lib/errors";
import { signHmac, toBase64Url, verifyHmac } from "../lib/hmac";

/**
 * Gallery cursors: the last item's sort keys, signed. The signature covers the list the cursor
 * belongs to (sort, filters, author, viewer list), so a cursor edited by hand, or carried over to
 * another sort or filter, is INVALID_CURSOR (400) rather than a query with foreign values.
 */
const PayloadSchema = z.tuple([
  z.array(z.union([z.string().max(40), z.number().int()])).max(3),
  z.uuid(),
]);

export interface SortPosition {
  /** The sort keys of the last row, as the database printed them (exact, microseconds). */
  keys: (string | number)[];
  id: string;
}

const CURSOR_PURPOSE = "gallery-cursor:v1";
const encoder = new TextEncoder();

function scoped(scope: string, payload: string): string {
  return `${CURSOR_PURPOSE}|${scope}|${payload}`;
}

export async function encodeSignedCursor(
  secret: string,
  scope: string,
  position: SortPosition,
): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify([position.keys, position.id])));
  return `${payload}.${await signHmac(secret, scoped(scope, payload))}`;
}

/** The position a cursor names, after checking it was issued by us for this very list. */
export async function decodeSignedCursor(
  secret: string,
  scope: string,
  raw: string | undefined,
): Promise<SortPosition | null> {
  if (raw === undefined || raw === "") return null;
  const [payload, signature, extra] = raw.split(".");
  if (!payload || !signature || extra !== undefined) throw new ApiError("INVALID_CURSOR");
  if (!(await verifyHmac(secret, scoped(scope, payload), signature))) {
    throw new ApiError("INVALID_CURSOR");
  }
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const [keys, id] = PayloadSchema.parse(JSON.parse(json));
    return { keys, id };
  } catch {
    throw new ApiError("INVALID_CURSOR");
  }
}
