import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import type { Plugin } from "vite";

/**
 * The built page's Content-Security-Policy: everything from the page's own origin, nothing
 * inline, no plugins, no base or form targets elsewhere. One exception is named: 'unsafe-eval',
 * because the expression compiler (src/core/compile.ts) turns each checked formula into a
 * function with `new Function`, which the browser compiles like hand-written code (the
 * `expression` bench: about 2.5 ns an evaluation, 100× to 250× faster than interpreting the
 * formula); the parser admits only the formula language, so no text from anywhere reaches it
 * as code. Images and media may be blob: and data: URLs (exported pictures and recordings),
 * fonts data: URLs (the build inlines the smallest font files).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * Writes the policy into the built page's head, so it holds wherever the files are served. The
 * development server (`npm start`) goes without: its live reloading injects inline styles.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: "descent-lab-content-security-policy",
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: CONTENT_SECURITY_POLICY },
        injectTo: "head-prepend",
      },
    ],
  };
}

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
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
  // The preview sends the policy as a header too, as a server for the built page should.
  preview: {
    host: "127.0.0.1",
    port: 4173,
    headers: { "Content-Security-Policy": CONTENT_SECURITY_POLICY },
  },
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
