import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LoadJob, LoadResult } from "./load-job";

/** The load process (load.ts), forked once and fed one job at a time. */
export class LoadClient {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    (reply: { result?: LoadResult; error?: string }) => void
  >();

  constructor() {
    this.child = fork(fileURLToPath(new URL("./load.ts", import.meta.url)), {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (reply: { id: number; result?: LoadResult; error?: string }) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  run(job: LoadJob): Promise<LoadResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) =>
        reply.result ? resolve(reply.result) : reject(new Error(`load: ${reply.error}`)),
      );
      this.child.send({ id, job });
    });
  }

  stop(): void {
    this.child.kill();
  }
}
