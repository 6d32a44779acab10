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
 * Without a Content-Length an image is buffered, at most maxBytes of it: images are small.
 * Videos go through putMultipart instead, which needs no length up front.
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

/**
 * Size of every multipart part but the last. R2 wants all of them equal and at least 5 MiB;
 * 8 MiB keeps a Worker's memory to one such buffer (the isolate has 128 MB) while a video at
 * the 500 MiB cap needs 63 parts, one billed write each, far below R2's 10 000-part limit.
 */
export const MULTIPART_PART_BYTES = 8 * 1024 * 1024;

/**
 * Without a Content-Length a video goes up in parts while it downloads, so memory holds one
 * part, never the whole file. The cap is checked on every chunk. A body that ends within the
 * first part is stored with a plain put (one R2 call instead of three). Any failure aborts the
 * upload, so no object appears; an upload left by a Worker that died mid-way is removed by
 * R2's lifecycle rule for unfinished uploads (7 days by default).
 */
export async function putMultipart(
  bucket: R2Bucket,
  key: string,
  options: R2PutOptions,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  prefix: Prefix,
  maxBytes: number,
): Promise<number> {
  // Reused for every part: each upload is awaited before the buffer is refilled.
  const part = new Uint8Array(MULTIPART_PART_BYTES);
  let filled = 0;
  let total = 0;
  // Typed by assertion: it is assigned inside `flush`, which TypeScript's narrowing cannot see.
  let upload = null as R2MultipartUpload | null;
  const uploaded: R2UploadedPart[] = [];
  const flush = async (bytes: Uint8Array) => {
    upload ??= await storeOrThrow(() => bucket.createMultipartUpload(key, options));
    const parts = upload;
    uploaded.push(await storeOrThrow(() => parts.uploadPart(uploaded.length + 1, bytes)));
  };
  try {
    const append = async (chunk: Uint8Array) => {
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      for (let offset = 0; offset < chunk.byteLength; ) {
        // A full part is sent only once more bytes arrive: the last part may be a full one.
        if (filled === part.byteLength) {
          await flush(part);
          filled = 0;
        }
        const take = Math.min(part.byteLength - filled, chunk.byteLength - offset);
        part.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
      }
    };
    for (const chunk of prefix.chunks) await append(chunk);
    for (let done = prefix.done; !done; ) {
      const read = await reader.read().catch((error: unknown) => {
        throw asMediaFetchError(error);
      });
      done = read.done;
      if (read.value) await append(read.value);
    }
    if (!upload) {
      await storeOrThrow(() => bucket.put(key, part.subarray(0, filled), options));
      return total;
    }
    await flush(part.subarray(0, filled));
    const parts = upload;
    await storeOrThrow(() => parts.complete(uploaded));
    return total;
  } catch (error) {
    // The abort's own failure must not hide why the download stopped.
    await upload?.abort().catch(() => {});
    throw error;
  }
}

async function storeOrThrow<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw storageError(error);
  }
}

const storageError = (cause: unknown) =>
  new MediaFetchError("storage", false, "could not store the result in R2", { cause });
