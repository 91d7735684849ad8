import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";

export default defineConfig({
  plugins: [
    react(),
    // The built page installs as an app and works offline after the first visit: a service
    // worker (workbox, generated at build time) precaches every file the page uses. A newer
    // build waits until the person chooses to reload (src/ui/UpdateNote.tsx).
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      includeAssets: ["favicon.svg"],
      manifest: {
        name: "Descent Lab",
        short_name: "Descent Lab",
        description: "Watch optimizers walk downhill on any function you type.",
        theme_color: "#ffffff",
        background_color: "#ffffff",
        display: "standalone",
        start_url: ".",
        icons: [
          { src: "icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "favicon.svg", sizes: "any", type: "image/svg+xml" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,woff2}"],
        // The three.js chunk is over the default 2 MiB limit.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        clientsClaim: true,
        navigateFallback: "index.html",
      },
    }),
  ],
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
            "tests/views/**/*.test.{ts,tsx}",
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
