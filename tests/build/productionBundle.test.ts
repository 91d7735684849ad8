/**
 * What `npm run build` ships: the page's test hook (`window.__descentLab`) is only in builds
 * made for tests, so a normal build must not carry it anywhere, code or source maps. Builds the
 * app for real (a few seconds) into a temporary directory.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../e2e/harness.ts";

const HOOK = "__descentLab";

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe("the production build", () => {
  let dist = "";
  let files: { path: string; text: string }[] = [];

  beforeAll(async () => {
    dist = await buildApp("production");
    files = await Promise.all(
      (await filesUnder(dist)).map(async (path) => ({ path, text: await readFile(path, "utf8") })),
    );
  }, 120_000);

  afterAll(async () => {
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it("is the app: a page, its script and text the app shows", () => {
    const names = files.map((f) => f.path.slice(dist.length + 1));
    expect(names).toContain("index.html");
    const scripts = files.filter((f) => f.path.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    // A label rendered by the app (src/ui/CopyLink.tsx): the scan below reads the real bundle.
    expect(scripts.some((f) => f.text.includes("Copy link"))).toBe(true);
  });

  it("carries no test hook in any file, source maps included", () => {
    const carrying = files.filter((f) => f.text.includes(HOOK)).map((f) => f.path);
    expect(carrying).toEqual([]);
  });
});
