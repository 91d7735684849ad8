import { defineConfig } from "vitest/config";

// The real-browser suite: one Chromium, one test file at a time (software WebGL on two
// cores is the bottleneck; running files side by side only makes every frame slower).
export default defineConfig({
  test: {
    name: "e2e",
    root: new URL("../..", import.meta.url).pathname,
    include: ["tests/e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["tests/e2e/globalSetup.ts"],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
