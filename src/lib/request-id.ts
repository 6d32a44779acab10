// A caller-supplied id is kept (so a proxy's trace id survives) only when it is short and
// plain; anything else is replaced, so it cannot inject into logs or headers.
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

export const REQUEST_ID_HEADER = "x-request-id";

export function pickRequestId(incoming: string | null | undefined): string {
  return incoming && ACCEPTABLE.test(incoming) ? incoming : crypto.randomUUID();
}
