/** What the runner asks the load process for, and what it gets back (plain JSON over IPC). */
export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export type LoadJob =
  | {
      kind: "timed";
      base: string;
      connections: number;
      seconds: number;
      request: LoadRequest;
      /** POST bodies built per request: a random user of the list and a fresh source id. */
      ledgerUsers?: string[];
      /** Requests picked per request in turn (e.g. callbacks of different generations). */
      rotate?: LoadRequest[];
    }
  | {
      kind: "replay";
      base: string;
      connections: number;
      /** Each sent exactly once, in order, `connections` at a time. */
      requests: LoadRequest[];
    };

export interface LoadResult {
  /** 2xx answers. */
  ok: number;
  /** Anything else: non-2xx answers, errors and timeouts, with a few status samples. */
  failed: number;
  statuses: Record<string, number>;
  seconds: number;
  /** 2xx answers per second. */
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number };
}
