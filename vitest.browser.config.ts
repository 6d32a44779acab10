import { defineConfig } from "vitest/config";

// The browser tests (`npm run test:browser`): Node drives Debian's Chromium (playwright-core)
// against the product started as `npm run dev` starts it. One file, in order: each step builds
// on what the one before created, the way a user's session does.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.browser.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
