// The benchmark Worker: the product Worker plus the baselines of `npm run bench`. Started by
// scripts/bench/run.ts with `wrangler dev` in place of src/index.ts; wrangler.toml's `main`
// never names it, so nothing here is deployed.
import { createApp } from "../../../src/app";
import type { Env } from "../../../src/env";
import worker from "../../../src/index";
import { rawFeed } from "./raw-feed";
import { benchRoutes } from "./routes";

const app = createApp();
app.route("/", benchRoutes);

export default {
  ...worker,
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname === "/__bench/raw-feed") return rawFeed(request, env, ctx);
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
