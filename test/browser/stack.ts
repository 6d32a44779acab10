import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** `npm run dev` started for a browser test run: its own data directory and free ports. */
export interface DevStack {
  base: string;
  stripeUrl: string;
  log: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the product exactly as a developer does (`npm run dev`: wrangler dev, embedded
 * Postgres, the KieAI/Stripe/Upstash stand-ins, migrations and the demo seed) and waits until
 * /health reports the database. Always on an embedded database of its own: the browser tests
 * never write into a server database another suite uses.
 */
export async function startDevStack(): Promise<DevStack> {
  const names = [
    "PORT",
    "DEV_DB_PORT",
    "DEV_DB_PROXY_PORT",
    "UPSTASH_STANDIN_PORT",
    "KIE_STANDIN_PORT",
    "STRIPE_STANDIN_PORT",
  ];
  const ports: Record<string, string> = {};
  for (const name of names) ports[name] = String(await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), "aniforge-browser-"));
  const logFile = join(dataDir, "dev.log");
  const out = openSync(logFile, "a");
  const env: NodeJS.ProcessEnv = { ...process.env, ...ports, DEV_DATA_DIR: join(dataDir, "data") };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn("npm", ["run", "dev"], { detached: true, env, stdio: ["ignore", out, out] });
  closeSync(out);
  const log = () => readFileSync(logFile, "utf8");
  const base = `http://127.0.0.1:${ports.PORT}`;

  const stop = async () => {
    if (child.pid) {
      try {
        process.kill(-child.pid, "SIGINT");
      } catch {
        // Already gone.
      }
      if (!(await exited(child, 10_000))) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`npm run dev exited early:\n${log()}`);
    }
    const healthy = await fetch(`${base}/health`)
      .then((res) => res.text())
      .then((body) => body.includes('"database":{"ok":true'))
      .catch(() => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      const output = log();
      await stop();
      throw new Error(`npm run dev did not become healthy in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { base, stripeUrl: `http://127.0.0.1:${ports.STRIPE_STANDIN_PORT}`, log, stop };
}
