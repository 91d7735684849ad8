import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: 5173, strictPort: false },
  preview: { host: "127.0.0.1", port: 4173 },
  build: { sourcemap: true, chunkSizeWarningLimit: 2000 },
  // Workers (src/workers) are ES modules, as `new Worker(..., { type: "module" })` asks.
  worker: { format: "es" },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "tests/core/**/*.test.ts",
            "tests/cli/**/*.test.ts",
            "tests/store/**/*.test.{ts,tsx}",
            "tests/ui/**/*.test.{ts,tsx}",
            "tests/build/**/*.test.ts",
            "tests/workers/**/*.test.ts",
          ],
          environment: "node",
          setupFiles: ["tests/setup.ts"],
          testTimeout: 30000,
        },
      },
    ],
  },
});
