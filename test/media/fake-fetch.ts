/** A network-free fetch for guard and ingest tests: answers by URL, records every call. */
export interface FakeFetch {
  fetch: typeof fetch;
  calls: { url: string; init: RequestInit | undefined }[];
}

export function fakeFetch(routes: Record<string, () => Response | Promise<Response>>): FakeFetch {
  const calls: FakeFetch["calls"] = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    calls.push({ url, init });
    const route = routes[url];
    if (!route) throw new TypeError(`fake fetch: no route for ${url}`);
    return route();
  };
  return { fetch: impl as typeof fetch, calls };
}

export const redirect =
  (location: string, status = 302) =>
  () =>
    new Response(null, { status, headers: { location } });

/** A body of unknown length (no Content-Length), delivered in chunks of `chunkSize`. */
export function streamed(bytes: Uint8Array, chunkSize = 16 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}
