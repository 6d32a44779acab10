import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";

/**
 * wrangler.toml rewritten for a config file at `path`: the same bindings, queues, crons and
 * vars, with relative paths re-anchored and the build swapped:
 *  - `worker: undefined` drops the built entry and its module rules (the test pool runs
 *    src/index.ts through Vite; the rules would also make it load node_modules' .mjs files a
 *    second time, outside Vite, and break `instanceof` across the copies);
 *  - `worker: <dir>` points at another build of scripts/build-worker.mjs (the bench entry).
 * Either way the `[build]` step is dropped: whoever writes the file builds first.
 */
export function writeDerivedWranglerConfig(path: string, worker?: string): string {
  const here = dirname(resolve(path));
  const from = (target: string) => relative(here, resolve(target)) || ".";
  let toml = readFileSync("wrangler.toml", "utf8")
    .replace(/^\[build\]\n(?:.+\n)*/m, "")
    .replace(/^directory = "(.+)"$/m, (_, dir: string) => `directory = "${from(dir)}"`);
  if (worker) {
    toml = toml
      .replace(/^main = .*$/m, `main = "${from(`${worker}/index.mjs`)}"`)
      .replace(/^base_dir = .*$/m, `base_dir = "${from(worker)}"`);
  } else {
    toml = toml.replace(/^(main|no_bundle|find_additional_modules|base_dir|rules) = .*\n/gm, "");
  }
  mkdirSync(here, { recursive: true });
  writeFileSync(path, toml);
  return path;
}
