import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { WebSocketServer } from "ws";

// A Postgres Terminate message: 'X' then the int32 length 4. PGlite keeps a connection slot
// until the TCP side closes, so the proxy closes it as soon as a client says goodbye.
const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

export interface RunningProxy {
  /** Value for NEON_WS_PROXY: host:port of this proxy. */
  address: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The WebSocket→TCP bridge Neon runs in front of its Postgres, for local use: lets the
 * production driver (`@neondatabase/serverless` Pool) reach a local Postgres from workerd.
 * Only the given Postgres targets may be reached, so this never becomes an open proxy.
 */
export async function startNeonWsProxy(options: {
  port: number;
  allowedTargets: string[];
}): Promise<RunningProxy> {
  const allowed = new Set(options.allowedTargets);
  const http: Server = createServer((_req, res) => {
    res.writeHead(426).end("WebSocket only");
  });
  const wss = new WebSocketServer({ server: http, path: "/v1" });

  wss.on("connection", (ws, req) => {
    const target = new URL(req.url ?? "/", "http://proxy").searchParams.get("address") ?? "";
    if (!allowed.has(target)) {
      ws.close(1008, "target not allowed");
      return;
    }
    const [host, port] = splitHostPort(target);
    const tcp = connect({ host, port });
    tcp.setNoDelay(true);
    const pending: Buffer[] = [];
    let connected = false;

    tcp.on("connect", () => {
      connected = true;
      for (const chunk of pending.splice(0)) tcp.write(chunk);
    });
    tcp.on("data", (data) => ws.readyState === ws.OPEN && ws.send(data));
    tcp.on("close", () => ws.close());
    tcp.on("error", () => ws.close());

    ws.on("message", (data) => {
      const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (connected) tcp.write(chunk);
      else pending.push(chunk);
      if (chunk.length >= 5 && chunk.subarray(chunk.length - 5).equals(TERMINATE)) tcp.end();
    });
    ws.on("close", () => tcp.end());
    ws.on("error", () => tcp.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port, "127.0.0.1", resolve);
  });
  return {
    address: `127.0.0.1:${options.port}`,
    port: options.port,
    async stop() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function splitHostPort(target: string): [string, number] {
  const at = target.lastIndexOf(":");
  return [target.slice(0, at), Number(target.slice(at + 1))];
}
