import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { pixelStats } from "./harness.ts";
import { capture, labHandle, region, useApp, waitForQuiet } from "./support.ts";

/** Waits until the service worker has installed and controls the page. */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise<void>((done) =>
      navigator.serviceWorker.addEventListener("controllerchange", () => done(), { once: true }),
    );
  });
}

describe("offline and installable", () => {
  const app = useApp();

  it("after the first visit the page opens and draws with no network", async () => {
    const { page, context, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    await controlled(page);
    await context.setOffline(true);
    // The network is gone: a file the worker does not keep cannot be fetched (and the browser
    // logs that failure, the only error expected here).
    const logged = errors.length;
    const unkept = await page.evaluate(() =>
      fetch(`/not-kept-${Math.random()}.txt`)
        .then((response) => `status ${response.status}`)
        .catch(() => "failed"),
    );
    expect(unkept).toBe("failed");
    await expect.poll(() => errors.length).toBe(logged + 1);
    expect(errors.splice(logged)).toEqual([
      "console.error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED",
    ]);
    await page.reload({ waitUntil: "load" });
    await page.waitForFunction(() => "__descentLab" in window);
    await waitForQuiet(page);
    const lab = await labHandle(page);
    expect(await lab.evaluate((hook) => hook.store.getState().scenarioId)).toBe("himmelblau");
    for (const name of ["3D surface", "Contour map"] as const) {
      const image = await capture(region(page, name).locator("canvas").first(), `offline-${name}`);
      expect(pixelStats(image).distinctColours, name).toBeGreaterThan(50);
    }
    // The compare sweep's worker comes from the cache too.
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await expect
      .poll(() => page.getByRole("region", { name: "Learning-rate sweep" }).innerText(), {
        timeout: 20_000,
      })
      .toMatch(/\d+ rates from/);
    await capture(page.locator("#root"), "offline-compare");
    await context.setOffline(false);
    expect(errors).toEqual([]);
  });

  it("has a manifest an install uses: name, start, icons", async () => {
    const { page, errors } = await app.open("/");
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).not.toBeNull();
    const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), href!);
    expect(manifest.name).toBe("Descent Lab");
    expect(manifest.display).toBe("standalone");
    const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
      expect(status, icon.src).toBe(200);
    }
    expect(errors).toEqual([]);
  });
});
