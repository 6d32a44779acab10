/** Writing a downloaded body into R2: whole or not at all, and never more than allowed. */
import { asMediaFetchError, MediaFetchError } from "./fetch-guard";

export const tooLarge = (maxBytes: number) =>
  new MediaFetchError("too_large", true, `result is larger than ${maxBytes} bytes`);

/** The first chunks of a body, already read to sniff it, and whether the body ended there. */
export interface Prefix {
  chunks: Uint8Array[];
  bytes: number;
  done: boolean;
}

export function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Without a Content-Length the object is buffered, at most maxBytes of it: images are small.
 * Video ingest will use a multipart upload instead, which needs no length up front.
 */
export async function putBuffered(
  bucket: R2Bucket,
  key: string,
  options: R2PutOptions,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  prefix: Prefix,
  maxBytes: number,
): Promise<number> {
  const chunks = [...prefix.chunks];
  let total = prefix.bytes;
  if (total > maxBytes) throw tooLarge(maxBytes);
  for (let done = prefix.done; !done; ) {
    const read = await reader.read();
    done = read.done;
    if (read.value) {
      total += read.value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(read.value);
    }
  }
  await storeOrThrow(() => bucket.put(key, concat(chunks, total), options));
  return total;
}

/**
 * With a Content-Length the body streams straight into R2 through a FixedLengthStream (R2
 * needs the length up front). A body shorter or longer than declared fails the download, and
 * R2 then stores nothing.
 */
export async function putStreamed(
  bucket: R2Bucket,
  key: string,
  options: R2PutOptions,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  prefix: Prefix,
  length: number,
): Promise<number> {
  const { readable, writable } = new FixedLengthStream(length);
  const writer = writable.getWriter();
  const stored = bucket.put(key, readable, options);
  // A put that fails first must not leave the pump waiting on a stream nobody reads.
  stored.catch(() => writer.abort().catch(() => {}));
  const [pumped, put] = await Promise.allSettled([pump(reader, prefix, writer, length), stored]);
  // The download's own failure explains a failed put; otherwise the failure is R2's.
  if (pumped.status === "rejected" && pumped.reason instanceof MediaFetchError) {
    throw pumped.reason;
  }
  if (put.status === "rejected") throw storageError(put.reason);
  if (pumped.status === "rejected") throw storageError(pumped.reason);
  return length;
}

async function pump(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  prefix: Prefix,
  writer: WritableStreamDefaultWriter<Uint8Array>,
  length: number,
): Promise<void> {
  const truncated = () =>
    new MediaFetchError("network", false, "download did not match its Content-Length");
  let total = 0;
  try {
    const write = async (chunk: Uint8Array) => {
      total += chunk.byteLength;
      if (total > length) throw truncated();
      await writer.write(chunk);
    };
    for (const chunk of prefix.chunks) await write(chunk);
    for (let done = prefix.done; !done; ) {
      const read = await reader.read().catch((error: unknown) => {
        throw asMediaFetchError(error);
      });
      done = read.done;
      if (read.value) await write(read.value);
    }
    if (total !== length) throw truncated();
    await writer.close();
  } catch (error) {
    await writer.abort(error).catch(() => {});
    throw error;
  }
}

async function storeOrThrow(put: () => Promise<unknown>): Promise<void> {
  try {
    await put();
  } catch (error) {
    throw storageError(error);
  }
}

const storageError = (cause: unknown) =>
  new MediaFetchError("storage", false, "could not store the result in R2", { cause });
