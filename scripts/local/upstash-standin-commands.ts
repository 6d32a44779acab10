import { createHash } from "node:crypto";

/**
 * What the stand-in does with one command: answer it itself (`reply`/`error`, both in the
 * command's slot), refuse it before anything runs (`rejected`: a 400 for one command, EXECABORT
 * for a transaction), or send `command` to the backend.
 */
export type CommandPlan =
  | { reply: unknown }
  | { error: string }
  | { rejected: string }
  | { command: string[] };

const NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

// Commands that change the state of the one backend connection every request shares, or need
// a streaming connection the REST protocol does not have (Upstash serves pub/sub as SSE, which
// nothing here uses).
const CONNECTION_COMMANDS = new Set(
  [
    "auth",
    "client",
    "discard",
    "exec",
    "hello",
    "monitor",
    "multi",
    "psubscribe",
    "punsubscribe",
    "quit",
    "reset",
    "select",
    "ssubscribe",
    "subscribe",
    "sunsubscribe",
    "unsubscribe",
    "unwatch",
    "watch",
  ].map((name) => name.toUpperCase()),
);

// On a shared Redis (CI, a teammate's server) a flush would wipe other runs' keys; callers
// isolate themselves by key prefix and delete their own keys instead.
const FLUSH_COMMANDS = new Set(["FLUSHALL", "FLUSHDB"]);

/**
 * The commands the stand-in answers or rewrites itself, and its Lua script cache.
 *
 * @upstash/ratelimit's scripts start with `#!lua flags=allow-key-locking`, which Redis 7.0
 * rejects and ioredis-mock's Lua (fengari) cannot parse, so the backend only ever runs scripts
 * with that line blanked, through EVAL. The client, though, computes EVALSHA hashes from the
 * text it sent, so the cache is keyed by the sha1 of exactly that text.
 */
export class StandInCommands {
  private readonly scripts = new Map<string, string>();

  constructor(private readonly sharedBackend: boolean) {}

  plan(command: string[]): CommandPlan {
    const name = (command[0] ?? "").toUpperCase();
    const args = command.slice(1);
    if (CONNECTION_COMMANDS.has(name)) {
      return { rejected: `ERR ${name} is not available over the Upstash REST protocol` };
    }
    if (this.sharedBackend && FLUSH_COMMANDS.has(name)) {
      return {
        rejected: `ERR ${name} is disabled by the local Upstash stand-in: its Redis may be shared; delete your own keys`,
      };
    }
    switch (name) {
      case "EVAL":
      case "EVAL_RO":
        return this.evalScript(name, args);
      case "EVALSHA":
      case "EVALSHA_RO":
        return this.evalCached(name.replace("SHA", ""), args);
      case "SCRIPT":
        return this.scriptCommand(args);
      default:
        return { command: [name, ...args] };
    }
  }

  private evalScript(name: string, [script, ...rest]: string[]): CommandPlan {
    if (script === undefined) return { rejected: `ERR wrong number of arguments for '${name}'` };
    this.scripts.set(sha1(script), script);
    return { command: [name, runnable(script), ...rest] };
  }

  private evalCached(evalName: string, [hash, ...rest]: string[]): CommandPlan {
    if (hash === undefined)
      return { rejected: `ERR wrong number of arguments for '${evalName}SHA'` };
    // Redis treats the hash case-insensitively; it is a run-time error, so it takes its slot.
    const script = this.scripts.get(hash.toLowerCase());
    if (script === undefined) return { error: NOSCRIPT };
    return { command: [evalName, runnable(script), ...rest] };
  }

  private scriptCommand([subcommand, ...rest]: string[]): CommandPlan {
    switch (subcommand?.toUpperCase()) {
      case "LOAD": {
        if (rest[0] === undefined)
          return { rejected: "ERR wrong number of arguments for 'script|load'" };
        const hash = sha1(rest[0]);
        this.scripts.set(hash, rest[0]);
        return { reply: hash };
      }
      case "EXISTS":
        return { reply: rest.map((hash) => (this.scripts.has(hash.toLowerCase()) ? 1 : 0)) };
      case "FLUSH":
        this.scripts.clear();
        return { reply: "OK" };
      default:
        return {
          rejected: `ERR SCRIPT ${subcommand ?? ""} is not supported by the local stand-in`,
        };
    }
  }
}

// Blanked rather than removed, so line numbers in Lua error messages still match the source.
function runnable(script: string): string {
  return script.startsWith("#!") ? script.replace(/^#![^\n]*/, "") : script;
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}
