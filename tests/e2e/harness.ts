/**
 * Shared launch helpers for the real-browser tests and the browser benchmark: build the app
 * once (the production build with the page's test hook), serve it on a free 127.0.0.1 port,
 * and start Debian's Chromium (software WebGL through SwiftShader) with playwright-core.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserServer,
  type JSHandle,
  type Page,
} from "playwright-core";
import type { ExplorerState } from "../../src/store/index.ts";

export const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
export const artifactsDir = join(repoRoot, "test-artifacts");

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** Flags that make headless Chromium quiet, offline and able to run WebGL in software. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Where Chromium is, or an error that says how to get it. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install it with \`apt-get install chromium\` (Debian) or set CHROMIUM_PATH`,
    );
  }
  return path;
}

/**
 * How to build the app: "e2e" is the production build plus the page's test hook
 * (`window.__descentLab`, installed by src/main.tsx only in this mode); "production" is what
 * `npm run build` ships.
 */
export type BuildMode = "e2e" | "production";

/** Runs `vite build --mode <mode>` into a fresh temporary directory and returns that directory. */
export async function buildApp(mode: BuildMode): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), "descent-lab-dist-"));
  const viteBin = join(repoRoot, "node_modules", "vite", "bin", "vite.js");
  const built = new Promise<void>((resolveBuild, rejectBuild) => {
    const child = spawn(
      process.execPath,
      [viteBin, "build", "--mode", mode, "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
      { cwd: repoRoot, stdio: ["ignore", "inherit", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", rejectBuild);
    child.on("exit", (code) => {
      if (code === 0) resolveBuild();
      else rejectBuild(new Error(`vite build failed (exit ${code}):\n${stderr.slice(-4000)}`));
    });
  });
  try {
    await built;
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
  return outDir;
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".webmanifest": "application/manifest+json",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built app directory. Paths without a file fall back to index.html, as a
 * single-page host would, so links like `/?f=...` load the app.
 */
export async function serveDirectory(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
      let file = normalize(join(root, pathname));
      if (file !== root && !file.startsWith(root + sep)) {
        response.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || info.isDirectory()) file = join(root, "index.html");
      try {
        const body = await readFile(file);
        response.writeHead(200, {
          "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
          "cache-control": "no-store",
        });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("server has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Starts Chromium as a server other processes can connect to (the test workers). */
export async function launchBrowserServer(): Promise<BrowserServer> {
  // playwright-core gives every launch a fresh temporary profile (user-data-dir).
  return chromium.launchServer({
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs,
  });
}

/** Starts Chromium in this process (the benchmark). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
}

export async function connectBrowser(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint);
}

/** A built, served app plus a browser: what both the tests and the benchmark need. */
export interface AppUnderTest {
  baseURL: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startAppUnderTest(): Promise<AppUnderTest> {
  chromiumPath();
  const dist = await buildApp("e2e");
  const server = await serveDirectory(dist);
  const browser = await launchBrowser();
  return {
    baseURL: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await rm(dist, { recursive: true, force: true });
    },
  };
}

/** Errors collected for each opened page, so failures elsewhere can say what the page said. */
const pageErrors = new WeakMap<Page, string[]>();

function errorsOf(page: Page): string {
  const errors = pageErrors.get(page) ?? [];
  return errors.length > 0 ? `; page errors: ${errors.join(" | ")}` : "";
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen since the page opened. */
  errors: string[];
}

/**
 * Opens `path` in a fresh context at the given viewport and waits until the test hook
 * exists. Console errors and uncaught exceptions are collected, never ignored.
 */
export async function openApp(
  browser: Browser,
  baseURL: string,
  path = "/",
  viewport = { width: 1280, height: 800 },
  options: { waitForHook?: boolean } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  // tsx and esbuild with keepNames wrap named functions in `__name(...)`; functions
  // passed to page.evaluate are serialised and need that helper in the page too.
  await context.addInitScript("globalThis.__name = globalThis.__name || ((fn) => fn);");
  // Anything the page's Content-Security-Policy refuses is an error of the test.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `Content-Security-Policy violation: ${event.violatedDirective} refused ${event.blockedURI || "inline code"}`,
      );
    });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(baseURL + path, { waitUntil: "load" });
  if (options.waitForHook ?? true) {
    // A test build's main.tsx installs the hook while the module runs, before "load" fires.
    await page
      .waitForFunction(() => "__descentLab" in window, null, { timeout: 5_000 })
      .catch(() => {
        throw new Error(
          `window.__descentLab is missing on ${path}: the page must install the test hook` +
            ` (src/main.tsx, in a build made with --mode e2e).` +
            ` Page errors so far: ${errors.join(" | ") || "none"}`,
        );
      });
  }
  return { context, page, errors };
}

// ---------------------------------------------------------------------------------------
// The page's test hook: `window.__descentLab = { store, renderStats, getProjector, getPlayhead }`.

export interface LabHook {
  store: {
    getState(): ExplorerState;
    subscribe(listener: (state: ExplorerState, previous: ExplorerState) => void): () => void;
  };
  renderStats: { frames: number; stillDraws: number; reuseStill: boolean };
  getProjector(
    name: "contour" | "surface",
  ): ((x: number, y: number) => { clientX: number; clientY: number }) | null | undefined;
  getPlayhead(): { step: number };
}

/** The test hook as a handle; `lab.evaluate((hook, arg) => ..., arg)` runs in the page. */
export function labHandle(page: Page): Promise<JSHandle<LabHook>> {
  return page.evaluateHandle(() => (window as unknown as { __descentLab: LabHook }).__descentLab);
}

export async function renderedFrames(page: Page): Promise<number> {
  const lab = await labHandle(page);
  return lab.evaluate((hook) => hook.renderStats.frames);
}

/**
 * Waits until something has been drawn and no frame has been drawn for `quietMs`.
 * Fails (times out) if the page keeps drawing.
 */
export async function waitForQuiet(page: Page, quietMs = 400, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await renderedFrames(page);
  let lastChange = Date.now();
  for (;;) {
    await page.waitForTimeout(100);
    const now = await renderedFrames(page);
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    } else if (now > 0 && Date.now() - lastChange >= quietMs) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        now === 0
          ? `nothing was drawn: renderStats.frames is still 0 after ${timeoutMs} ms${errorsOf(page)}`
          : `page never went quiet: renderStats.frames still moving (${now})${errorsOf(page)}`,
      );
    }
  }
}

export function ensureArtifactsDir(): string {
  mkdirSync(artifactsDir, { recursive: true });
  return artifactsDir;
}

// ---------------------------------------------------------------------------------------
// Pixels: a small PNG decoder (8-bit RGB/RGBA, as Chromium writes screenshots), so pixel
// checks need no extra dependency and no help from the page under test.

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

export function decodePng(png: Buffer): RgbaImage {
  const signature = "89504e470d0a1a0a";
  if (png.subarray(0, 8).toString("hex") !== signature) throw new Error("not a PNG");
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  let bitDepth = 0;
  let interlace = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("ascii", offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      bitDepth = body[8] ?? 0;
      colourType = body[9] ?? 0;
      interlace = body[12] ?? 0;
    } else if (type === "IDAT") {
      idat.push(body);
    } else if (type === "IEND") {
      break;
    }
    offset += 12 + length;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  if (bitDepth !== 8 || channels === 0 || interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colourType}`);
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)] ?? 0;
    const src = row * (stride + 1) + 1;
    const dst = row * stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i] ?? 0;
      const a = i >= channels ? (pixels[dst + i - channels] ?? 0) : 0;
      const b = row > 0 ? (pixels[dst - stride + i] ?? 0) : 0;
      const c = row > 0 && i >= channels ? (pixels[dst - stride + i - channels] ?? 0) : 0;
      let value: number;
      if (filter === 0) value = x;
      else if (filter === 1) value = x + a;
      else if (filter === 2) value = x + b;
      else if (filter === 3) value = x + ((a + b) >> 1);
      else if (filter === 4) value = x + paeth(a, b, c);
      else throw new Error(`bad PNG filter ${filter}`);
      pixels[dst + i] = value & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    data[p * 4] = pixels[p * channels] ?? 0;
    data[p * 4 + 1] = pixels[p * channels + 1] ?? 0;
    data[p * 4 + 2] = pixels[p * channels + 2] ?? 0;
    data[p * 4 + 3] = channels === 4 ? (pixels[p * channels + 3] ?? 0) : 255;
  }
  return { width, height, data };
}

export interface PixelStats {
  width: number;
  height: number;
  /** Distinct colours after dropping the low 3 bits of each channel (ignores dithering). */
  distinctColours: number;
  /**
   * Distinct colours (same quantisation) that are clearly not grey: text, axes and
   * backgrounds are grey, so only drawn colour (a colour map, coloured paths) counts here.
   */
  saturatedColours: number;
  /** Fraction of pixels that are clearly not grey: how much of the area is colour-mapped. */
  saturatedFraction: number;
  /** Standard deviation of luma (0..255) over all pixels. */
  lumaStdDev: number;
}

export function pixelStats(image: RgbaImage): PixelStats {
  const colours = new Set<number>();
  const saturated = new Set<number>();
  let saturatedPixels = 0;
  let sum = 0;
  let sumSquares = 0;
  const count = image.width * image.height;
  for (let p = 0; p < count; p++) {
    const r = image.data[p * 4] ?? 0;
    const g = image.data[p * 4 + 1] ?? 0;
    const b = image.data[p * 4 + 2] ?? 0;
    const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    colours.add(key);
    if (Math.max(r, g, b) - Math.min(r, g, b) > 48) {
      saturated.add(key);
      saturatedPixels++;
    }
    const luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += luma;
    sumSquares += luma * luma;
  }
  const mean = sum / count;
  return {
    width: image.width,
    height: image.height,
    distinctColours: colours.size,
    saturatedColours: saturated.size,
    saturatedFraction: saturatedPixels / count,
    lumaStdDev: Math.sqrt(Math.max(0, sumSquares / count - mean * mean)),
  };
}

/** Fraction of pixels whose colour differs by more than `threshold` in any channel. */
export function differingFraction(a: RgbaImage, b: RgbaImage, threshold = 24): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  const count = a.width * a.height;
  for (let p = 0; p < count; p++) {
    for (let ch = 0; ch < 3; ch++) {
      if (Math.abs((a.data[p * 4 + ch] ?? 0) - (b.data[p * 4 + ch] ?? 0)) > threshold) {
        differing++;
        break;
      }
    }
  }
  return differing / count;
}
