import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { capture, loadScenario, region, snapshot, useApp, waitForQuiet } from "./support.ts";

/**
 * Starts watching, in the page, for the one-variable view ("Curve of f") and for the 3D surface
 * going away; `seen()` reads what was seen since. A MutationObserver catches a view that shows
 * for a single frame, which polling from the test could miss.
 */
async function watchViews(
  page: Page,
): Promise<{ seen(): Promise<{ curve: boolean; lost3d: boolean }> }> {
  await page.evaluate(() => {
    const flags = { curve: false, lost3d: false };
    (window as unknown as { __viewFlags: typeof flags }).__viewFlags = flags;
    const check = () => {
      if (document.querySelector('[aria-label="Curve of f"]')) flags.curve = true;
      if (!document.querySelector('[aria-label="3D surface"]')) flags.lost3d = true;
    };
    new MutationObserver(check).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["aria-label"],
    });
  });
  return {
    seen: () =>
      page.evaluate(() => ({
        ...(window as unknown as { __viewFlags: { curve: boolean; lost3d: boolean } }).__viewFlags,
      })),
  };
}

describe("typing a function of two variables", () => {
  const app = useApp();

  it("typing x^2 + y^2 key by key never shows the one-variable view", async () => {
    const { page, errors } = await app.open("/");
    await waitForQuiet(page);
    const editor = page.getByRole("textbox", { name: "Function" });
    await editor.click();
    await page.keyboard.press("Control+A");
    const watcher = await watchViews(page);
    // 120 ms between keys, a brisk typist, well under the 600 ms pause.
    await page.keyboard.type("x^2 + y^2", { delay: 120 });
    await expect.poll(async () => (await snapshot(page)).surfaceText).toBe("x^2 + y^2");
    await page.waitForTimeout(1000);
    expect(await watcher.seen()).toEqual({ curve: false, lost3d: false });
    expect(await editor.inputValue()).toBe("x^2 + y^2");
    await expect(region(page, "3D surface").count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });

  it("a pause after a function of one variable does switch to the curve (the watch sees it)", async () => {
    const { page } = await app.open("/");
    await waitForQuiet(page);
    const editor = page.getByRole("textbox", { name: "Function" });
    await editor.click();
    await page.keyboard.press("Control+A");
    const watcher = await watchViews(page);
    await page.keyboard.type("x^2", { delay: 120 });
    await expect.poll(() => region(page, "Curve of f").count(), { timeout: 5000 }).toBe(1);
    expect((await watcher.seen()).curve).toBe(true);
  });
});

/** Screenshots of the run list (scrolled into view in the sidebar) and the loss curve. */
async function captureLegend(page: Page, name: string): Promise<void> {
  await page.getByRole("region", { name: "Runs" }).evaluate((e) => e.scrollIntoView());
  const sidebar = page.getByRole("complementary", { name: "Settings" });
  await capture(sidebar, `explain2-run-list-${name}`);
  // The other runs' lines, below the selected run's settings.
  await page.getByRole("button", { name: "Add run" }).evaluate((e) => e.scrollIntoView());
  await capture(sidebar, `explain2-run-lines-${name}`);
  await capture(region(page, "Loss curve"), `explain2-loss-legend-${name}`);
}

describe("runs say what sets them apart", () => {
  const app = useApp();

  it("each run's loss curve has its own line pattern and marker, the same in the legend", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    const legend = region(page, "Loss curve").getByRole("group", { name: "Legend" });
    const patterns = await legend
      .locator("svg.legend-line line")
      .evaluateAll((lines) =>
        lines.map((line) => line.getAttribute("stroke-dasharray") ?? "solid"),
      );
    // Four runs, four patterns: colour is not the only thing that tells them apart.
    expect(patterns).toHaveLength(4);
    expect(new Set(patterns).size).toBe(4);
    expect(patterns[0]).toBe("solid");
    // And four marker shapes, the same as the loss curve's current points and the contour map's.
    const shapes = await legend
      .locator("svg.legend-line [data-shape]")
      .evaluateAll((marks) => marks.map((mark) => mark.getAttribute("data-shape")));
    expect(shapes).toEqual(["circle", "square", "triangle", "diamond"]);
    await capture(region(page, "Loss curve"), "loss-line-patterns");
    expect(errors).toEqual([]);
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1024, height: 768 },
  ]) {
    const size = `${viewport.width}x${viewport.height}`;
    it(`the run list and the loss curve's legend name each learning rate (${size})`, async () => {
      const { page, context, errors } = await app.open("/");
      await page.setViewportSize(viewport);
      await waitForQuiet(page);
      const legend = region(page, "Loss curve").getByRole("group", { name: "Legend" });
      // The elongated bowl: gd at 0.09 and 0.02, momentum 0.02 with μ 0.8, Adam at 0.2. They
      // share nothing, so each entry says it all.
      expect(await legend.locator("p").count()).toBe(0);
      expect(await legend.getByRole("listitem").allTextContents()).toEqual([
        "Run 1: Gradient descent · lr 0.09",
        "Run 2: Gradient descent · lr 0.02",
        "Run 3: Momentum · lr 0.02, μ 0.8",
        "Run 4: Adam · lr 0.2",
      ]);
      const lines = await page.locator(".run-summary").allTextContents();
      expect(lines).toEqual([
        "Gradient descent · lr 0.09",
        "Gradient descent · lr 0.02",
        "Momentum · lr 0.02, μ 0.8",
        "Adam · lr 0.2",
      ]);
      // The legend lies inside the loss curve's canvas, and nothing in it is cut off.
      const box = await legend.boundingBox();
      const canvas = await region(page, "Loss curve").locator("canvas").first().boundingBox();
      if (!box || !canvas) throw new Error("legend or canvas not laid out");
      expect(box.x).toBeGreaterThanOrEqual(canvas.x);
      expect(box.y).toBeGreaterThanOrEqual(canvas.y);
      expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
      expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height);
      const clipped = await page
        .locator(".run-summary")
        .evaluateAll((elements) => elements.filter((e) => e.scrollWidth > e.clientWidth).length);
      expect(clipped).toBe(0);
      await captureLegend(page, `elongated-${size}`);

      // Four runs of one optimizer: said once; the entries show the learning rates.
      await loadScenario(page, "lr-regimes");
      expect(await legend.locator("p").textContent()).toBe("All runs: Gradient descent");
      expect(await legend.getByRole("listitem").allTextContents()).toEqual([
        "Run 1: lr 0.01",
        "Run 2: lr 0.22",
        "Run 3: lr 0.45",
        "Run 4: lr 0.6",
      ]);
      expect(await page.locator(".run-summary").allTextContents()).toEqual([
        "Gradient descent · lr 0.01",
        "Gradient descent · lr 0.22",
        "Gradient descent · lr 0.45",
        "Gradient descent · lr 0.6",
      ]);
      await captureLegend(page, `lr-regimes-${size}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
