import path from "node:path";
import { defineConfig } from "vitest/config";

// End-to-end: the production build served by server.ts, driven by Debian's Chromium through
// playwright-core, with axe on every page. Files run one at a time (2-core machine).
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "../../app") } },
  test: {
    name: "e2e",
    include: ["tests/e2e/**/*.e2e.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { TZ: "Europe/Oslo" },
  },
});
