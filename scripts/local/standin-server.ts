import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** Request bodies the stand-ins accept; anything bigger is not what the real service takes. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The HTTP plumbing every local stand-in shares: listens on 127.0.0.1, turns a handler's throw
 * into `onError`'s answer (one bad request never takes the stand-in down), passes each
 * finished request to `log`, and stops without waiting for keep-alive connections to go idle.
 */
export async function serveStandIn(options: {
  port: number;
  handle(req: IncomingMessage, res: ServerResponse): Promise<unknown>;
  onError(res: ServerResponse, error: Error): void;
  log?(line: string): void;
}): Promise<{ stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    res.on("finish", () => options.log?.(`${req.method} ${req.url} → ${res.statusCode}`));
    options.handle(req, res).catch((error: Error) => {
      if (!res.headersSent) options.onError(res, error);
      else res.end();
    });
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  return {
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The whole body as text, or null when it is larger than a stand-in accepts. */
export async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
