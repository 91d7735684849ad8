import { describe, expect, it } from "vitest";
import { pixelStats } from "./harness.ts";
import { capture, region, renderedFrames, snapshot, useApp, waitForQuiet } from "./support.ts";

describe("page load", () => {
  const app = useApp();

  it("loads with every named control and no console errors", async () => {
    const { page, errors } = await app.open("/");
    await expect(page.title()).resolves.toBe("Descent Lab");
    for (const name of ["3D surface", "Contour map", "Loss curve"] as const) {
      await region(page, name).waitFor();
    }
    await page.getByRole("textbox", { name: "Function" }).waitFor();
    for (const name of ["Play", "Step forward", "Step back", "Reset"]) {
      await page.getByRole("button", { name, exact: true }).waitFor();
    }
    await page.getByRole("combobox", { name: "Optimizer" }).waitFor();
    await page.getByLabel("Learning rate", { exact: true }).first().waitFor();
    await page
      .getByText(/Step \d+ of \d+/)
      .first()
      .waitFor();
    const { runs } = await snapshot(page);
    expect(runs.length).toBeGreaterThan(0);
    for (let n = 1; n <= runs.length; n++) {
      await page.getByRole("listitem", { name: new RegExp(`^Run ${n}\\b`) }).waitFor();
    }
    await waitForQuiet(page);
    expect(errors).toEqual([]);
  });

  it("draws the surface, the contour map and the loss curve (screenshots in test-artifacts/)", async () => {
    const { page, errors } = await app.open("/");
    await waitForQuiet(page);
    await capture(page.locator("body"), "page");
    for (const [name, file] of [
      ["3D surface", "view-3d-surface"],
      ["Contour map", "view-contour-map"],
    ] as const) {
      const canvas = region(page, name).locator("canvas").first();
      const stats = pixelStats(await capture(canvas, file));
      // A blank canvas, or one with only grey axes and labels over it, has no saturated
      // colour; a colour-mapped surface with coloured paths has hundreds.
      expect(stats.saturatedColours, `${name}: saturated colours`).toBeGreaterThan(100);
      // The colour map covers a good part of the canvas, not just a few coloured paths.
      expect(stats.saturatedFraction, `${name}: coloured area`).toBeGreaterThan(0.05);
      expect(stats.lumaStdDev, `${name}: luma spread`).toBeGreaterThan(10);
    }
    await capture(region(page, "Loss curve"), "view-loss-curve");
    const lossCanvas = region(page, "Loss curve").locator("canvas").first();
    const loss = pixelStats(await capture(lossCanvas, "view-loss-curve-canvas"));
    // One coloured line per run (the default scenario has several), anti-aliased.
    expect(loss.saturatedColours, "Loss curve: saturated colours").toBeGreaterThan(8);
    expect(loss.lumaStdDev, "Loss curve: luma spread").toBeGreaterThan(5);
    expect(errors).toEqual([]);
  });

  it("draws no frames while nothing changes", async () => {
    const { page } = await app.open("/");
    await waitForQuiet(page);
    const before = await renderedFrames(page);
    expect(before).toBeGreaterThan(0);
    await page.waitForTimeout(1000);
    expect(await renderedFrames(page)).toBe(before);
  });
});
