/**
 * Large response bodies made chunk by chunk, never held whole: a header, then media bytes that
 * depend on their offset (a part stored twice or out of order changes the file's hash).
 */

export interface GeneratedBodyOptions {
  /** Media bytes after the header; Infinity for a body that never ends. */
  mediaBytes: number;
  /** Size of each media chunk; a multiple of 4. */
  chunkBytes?: number;
  /** Error the stream (a dropped connection) once this many bytes were sent. */
  failAfterBytes?: number;
}

export interface GeneratedBody {
  stream: ReadableStream<Uint8Array>;
  /** Bytes handed to the reader so far, and whether the reader cancelled. */
  stats: { sent: number; cancelled: boolean };
}

export function generatedBody(header: Uint8Array, options: GeneratedBodyOptions): GeneratedBody {
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const stats = { sent: 0, cancelled: false };
  let media = 0;
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (options.failAfterBytes !== undefined && stats.sent >= options.failAfterBytes) {
        controller.error(new TypeError("Network connection lost."));
        return;
      }
      if (!headerSent) {
        headerSent = true;
        stats.sent += header.byteLength;
        controller.enqueue(header.slice());
        return;
      }
      if (media >= options.mediaBytes) {
        controller.close();
        return;
      }
      const chunk = mediaChunk(media, Math.min(chunkBytes, options.mediaBytes - media));
      media += chunk.byteLength;
      stats.sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

function mediaChunk(offset: number, length: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(length / 4));
  const first = offset / 4;
  for (let i = 0; i < words.length; i++) words[i] = Math.imul(first + i + 1, 0x9e3779b1);
  return new Uint8Array(words.buffer, 0, length);
}

/** SHA-256 of a stream, hex, computed as it flows (workerd's DigestStream). */
export async function sha256(stream: ReadableStream<Uint8Array>): Promise<string> {
  const digest = new crypto.DigestStream("SHA-256");
  await stream.pipeTo(digest);
  return Buffer.from(await digest.digest).toString("hex");
}

/**
 * The ETag R2 (and miniflare) gives an object uploaded in parts of `partBytes`: the MD5 of the
 * parts' MD5s, then `-<parts>`. Matching it proves every stored part holds the source's bytes
 * without reading the object back.
 */
export async function multipartEtag(
  stream: ReadableStream<Uint8Array>,
  partBytes: number,
): Promise<string> {
  const part = new Uint8Array(partBytes);
  const digests: Uint8Array[] = [];
  let filled = 0;
  const digestPart = async () => {
    digests.push(new Uint8Array(await crypto.subtle.digest("MD5", part.subarray(0, filled))));
    filled = 0;
  };
  for await (const chunk of stream) {
    for (let offset = 0; offset < chunk.byteLength; ) {
      if (filled === partBytes) await digestPart();
      const take = Math.min(partBytes - filled, chunk.byteLength - offset);
      part.set(chunk.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
    }
  }
  if (filled > 0) await digestPart();
  const all = Buffer.concat(digests);
  const md5 = Buffer.from(await crypto.subtle.digest("MD5", all)).toString("hex");
  return `${md5}-${digests.length}`;
}
