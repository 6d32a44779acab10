// Builds the Worker for wrangler (wrangler.toml [build]): esbuild with code splitting, so the
// modules loaded on first use (better-auth, the admin API, the queue and cron pipeline) become
// chunks of their own that the global scope never evaluates, and everything else stays
// scope-hoisted. Wrangler's own bundler has no code splitting: there a dynamic import wraps
// every module it reaches in a lazy initialiser, which made start-up slower than the deferral
// saved (docs/benchmarks.md). Options mirror what wrangler's bundler sets for this project.
//   node scripts/build-worker.mjs [--entry src/index.ts] [--outdir dist/worker]
import { readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";

const { values } = parseArgs({
  options: {
    entry: { type: "string", default: "src/index.ts" },
    outdir: { type: "string", default: "dist/worker" },
  },
});

// Node built-ins resolve in workerd under nodejs_compat; bare names become node: imports.
const builtins = new Set(builtinModules);
const nodeBuiltins = {
  name: "node-builtins",
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, "");
      if (!args.path.startsWith("node:") && !builtins.has(name)) return undefined;
      return { path: `node:${name}`, external: true };
    });
  },
};

// `import text from "./file.css?raw"`: the file's text, as Vite (the test pool) reads it too.
const rawText = {
  name: "raw-text",
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.slice(0, -"?raw".length)),
      namespace: "raw-text",
    }));
    build.onLoad({ filter: /.*/, namespace: "raw-text" }, (args) => ({
      contents: readFileSync(args.path, "utf8"),
      loader: "text",
      watchFiles: [args.path],
    }));
  },
};

const nodeEnv = JSON.stringify(process.env.NODE_ENV || "production");
rmSync(values.outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: { index: values.entry },
  outdir: values.outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  conditions: ["workerd", "worker", "browser"],
  keepNames: true,
  sourcemap: true,
  define: {
    "process.env.NODE_ENV": nodeEnv,
    "global.process.env.NODE_ENV": nodeEnv,
    "globalThis.process.env.NODE_ENV": nodeEnv,
  },
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  plugins: [nodeBuiltins, rawText],
  logLevel: "warning",
});
