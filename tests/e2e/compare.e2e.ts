import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { noisyLine } from "../../src/core/data/datasets.ts";
import { formatNumber } from "../../src/core/format.ts";
import { blurFocus, labHandle, useApp, waitForQuiet } from "./support.ts";
import {
  decodePng,
  differingFraction,
  ensureArtifactsDir,
  pixelStats,
  type RgbaImage,
} from "./harness.ts";

const app = useApp();

/** x² + 2y² with one plain descent run from (−2.5, 2) at lr 0.01. */
const BOWL = "/?f=x%5E2%2B2*y%5E2&start=-2.5,2&optimizer=gd&lr=0.01";

const contourRegions = (page: Page) => page.getByRole("region", { name: /^Contour map: / });

/**
 * The fraction of each map panel's area that is colour-mapped, in the panels' order: every
 * panel draws its own map (the panels share one canvas, each drawing into its own rectangle).
 */
async function mapColourFractions(page: Page): Promise<number[]> {
  const regions = contourRegions(page);
  const fractions: number[] = [];
  for (let i = 0; i < (await regions.count()); i++) {
    const body = regions.nth(i).locator(".variant-body");
    fractions.push(pixelStats(decodePng(await body.screenshot())).saturatedFraction);
  }
  return fractions;
}

/** Each map panel's picture, in the panels' order. */
async function panelPictures(page: Page): Promise<RgbaImage[]> {
  const regions = contourRegions(page);
  const pictures: RgbaImage[] = [];
  for (let i = 0; i < (await regions.count()); i++) {
    pictures.push(decodePng(await regions.nth(i).locator(".variant-body").screenshot()));
  }
  return pictures;
}

/**
 * The tick labels of panel `index` and where they sit in it, x then y: which part of the box the
 * panel shows (equal panels showing the same part give the same list).
 */
function tickTexts(page: Page, index: number): Promise<string[]> {
  return contourRegions(page)
    .nth(index)
    .locator("[data-tick]")
    .evaluateAll((ticks) =>
      ticks.map((tick) => {
        const { left, top } = (tick as HTMLElement).style;
        return `${tick.textContent} at ${Math.round(parseFloat(left))},${Math.round(parseFloat(top))}`;
      }),
    );
}

async function regionNames(page: Page): Promise<string[]> {
  const regions = contourRegions(page);
  const names: string[] = [];
  for (let i = 0; i < (await regions.count()); i++) {
    names.push((await regions.nth(i).getAttribute("aria-label")) ?? "");
  }
  return names;
}

describe("compare mode", () => {
  it("turns the run into four learning rates, then four regimes with the edge 0.5", async () => {
    const { page, errors } = await app.open(BOWL);
    await waitForQuiet(page);
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await expect
      .poll(() => regionNames(page))
      .toEqual([
        "Contour map: lr = 0.01",
        "Contour map: lr = 0.03",
        "Contour map: lr = 0.1",
        "Contour map: lr = 0.3",
      ]);
    await expect
      .poll(() => page.getByRole("combobox", { name: "Compare by" }).inputValue())
      .toBe("lr");

    await page.getByRole("button", { name: "Four regimes", exact: true }).click();
    await expect
      .poll(() => regionNames(page))
      .toEqual([
        "Contour map: lr = 0.01",
        "Contour map: lr = 0.25",
        "Contour map: lr = 0.45",
        "Contour map: lr = 0.6",
      ]);
    await expect(page.locator(".compare-edge").textContent()).resolves.toContain("2/λmax = 0.5");
    const fourth = page.getByRole("region", { name: "Contour map: lr = 0.6" });
    // Each panel shows its outcome in brief, and keeps the full sentence for a screen reader.
    const shown = (panel: typeof fourth) =>
      panel.locator('.variant-status [aria-hidden="true"]').textContent();
    const spoken = (panel: typeof fourth) =>
      panel.locator(".variant-status .visually-hidden").textContent();
    await expect(shown(fourth)).resolves.toMatch(/^diverged, \d+ steps?$/);
    await expect(spoken(fourth)).resolves.toMatch(/^diverged after \d+ steps?: /);
    const third = page.getByRole("region", { name: "Contour map: lr = 0.45" });
    await expect(shown(third)).resolves.toMatch(/^converged, \d+ steps$/);
    await expect(spoken(third)).resolves.toMatch(/^converged to a minimum in \d+ steps$/);
    await expect(page.locator(".variant-why").nth(2).textContent()).resolves.toMatch(/oscillates/);

    await waitForQuiet(page);
    const dir = ensureArtifactsDir();
    await page.screenshot({ path: join(dir, "compare-1280x800.png") });
    // Every map is drawn, in every column and row (an undrawn panel is under 1% colour).
    for (const fraction of await mapColourFractions(page)) expect(fraction).toBeGreaterThan(0.15);
    await page.setViewportSize({ width: 1024, height: 768 });
    await waitForQuiet(page);
    await page.screenshot({ path: join(dir, "compare-1024x768.png") });
    for (const fraction of await mapColourFractions(page)) expect(fraction).toBeGreaterThan(0.15);
    // Reflowed, the four maps still each have room to read.
    const box = await fourth.boundingBox();
    expect(box!.width).toBeGreaterThan(150);
    expect(box!.height).toBeGreaterThan(120);
    expect(errors).toEqual([]);
  });

  it("zooms and pans every map together; Fit the box brings the whole box back", async () => {
    const { page, errors } = await app.open(BOWL);
    await waitForQuiet(page);
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await expect.poll(() => contourRegions(page).count()).toBe(4);
    await waitForQuiet(page);
    const before = await panelPictures(page);
    const fittedTicks = await tickTexts(page, 0);

    // Scroll up over the first map: every map zooms in about the same point.
    const body = contourRegions(page).first().locator(".variant-body");
    const box = (await body.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await waitForQuiet(page);
    const zoomed = await panelPictures(page);
    const zoomedTicks = await tickTexts(page, 0);
    expect(zoomedTicks).not.toEqual(fittedTicks);
    for (let i = 0; i < 4; i++) {
      expect(differingFraction(before[i]!, zoomed[i]!)).toBeGreaterThan(0.2);
      await expect(tickTexts(page, i)).resolves.toEqual(zoomedTicks);
    }

    // Drag an empty spot of the last map: every map pans with it.
    const last = (await contourRegions(page).last().locator(".variant-body").boundingBox())!;
    const from = { x: last.x + last.width * 0.8, y: last.y + last.height * 0.75 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 60, from.y - 40, { steps: 6 });
    await page.mouse.up();
    await waitForQuiet(page);
    const panned = await panelPictures(page);
    const pannedTicks = await tickTexts(page, 0);
    expect(pannedTicks).not.toEqual(zoomedTicks);
    for (let i = 0; i < 4; i++) {
      expect(differingFraction(zoomed[i]!, panned[i]!)).toBeGreaterThan(0.05);
      await expect(tickTexts(page, i)).resolves.toEqual(pannedTicks);
    }

    // Fit the box: the pictures are the fitted ones again.
    await page.getByRole("button", { name: "Fit the box", exact: true }).click();
    await waitForQuiet(page);
    const fitted = await panelPictures(page);
    for (let i = 0; i < 4; i++) {
      expect(differingFraction(before[i]!, fitted[i]!)).toBeLessThan(0.01);
    }
    await expect(tickTexts(page, 0)).resolves.toEqual(fittedTicks);
    expect(errors).toEqual([]);
  });

  it("adds, edits and removes a variant in place; C leaves compare mode and comes back", async () => {
    const { page, errors } = await app.open(BOWL);
    await waitForQuiet(page);
    await blurFocus(page);
    await page.keyboard.press("c");
    await expect.poll(() => contourRegions(page).count()).toBe(4);

    await page.getByRole("button", { name: "Add variant", exact: true }).click();
    await expect.poll(() => contourRegions(page).count()).toBe(5);
    await expect.poll(() => regionNames(page)).toContain("Contour map: lr = 0.9");

    // Edit the second variant's rate in place: its panel follows, the others keep their paths.
    const lab = await labHandle(page);
    const firstPath = () =>
      lab.evaluate((hook) => {
        const state = hook.store.getState();
        return state.runs.find((run) => run.id === state.compare?.runIds[0])?.result.steps;
      });
    const before = await firstPath();
    await page.getByRole("textbox", { name: "Learning rate of variant 2" }).fill("0.2");
    await expect.poll(() => regionNames(page)).toContain("Contour map: lr = 0.2");
    expect(await firstPath()).toBe(before);

    await page.getByRole("button", { name: /^Remove variant 5 / }).click();
    await expect.poll(() => contourRegions(page).count()).toBe(4);
    await expect.poll(() => regionNames(page)).not.toContain("Contour map: lr = 0.9");

    await blurFocus(page);
    await page.keyboard.press("c");
    await expect.poll(() => contourRegions(page).count()).toBe(0);
    await expect(
      page.getByRole("region", { name: "Contour map", exact: true }).count(),
    ).resolves.toBe(1);
    expect(errors).toEqual([]);
  });

  it("compares learning-rate schedules: five maps, one edited in place", async () => {
    const { page, errors } = await app.open(BOWL);
    await waitForQuiet(page);
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await page
      .getByRole("combobox", { name: "Compare by" })
      .selectOption({ label: "learning-rate schedule" });
    await expect
      .poll(() => regionNames(page))
      .toEqual([
        "Contour map: constant lr",
        "Contour map: step, γ = 0.1 every 10",
        "Contour map: exponential, γ = 0.95",
        "Contour map: cosine, t_max = 50",
        "Contour map: warm-up, 5 steps",
      ]);
    await page
      .getByRole("combobox", { name: "Schedule of variant 1" })
      .selectOption({ label: "Exponential decay" });
    await expect
      .poll(async () => (await regionNames(page))[0])
      .toBe("Contour map: exponential, γ = 0.95");
    expect(errors).toEqual([]);
  });

  it("races seven optimizers, and says so when the Hessian is not positive definite", async () => {
    const { page, errors } = await app.open(BOWL);
    await waitForQuiet(page);
    await page.getByRole("button", { name: "Race optimizers", exact: true }).click();
    await expect.poll(() => contourRegions(page).count()).toBe(7);
    await expect.poll(() => regionNames(page)).toContain("Contour map: Adam");

    // Nine variants stay readable at 1280×800: every map keeps room for its box and labels.
    await page.getByRole("button", { name: "Add variant", exact: true }).click();
    await page.getByRole("button", { name: "Add variant", exact: true }).click();
    await expect.poll(() => contourRegions(page).count()).toBe(9);
    await expect(
      page.getByRole("button", { name: "Add variant", exact: true }).isDisabled(),
    ).resolves.toBe(true);
    await waitForQuiet(page);
    const dir = ensureArtifactsDir();
    await page.screenshot({ path: join(dir, "compare-9-1280x800.png") });
    // At 1024×768 the nine maps share the full width in a 5 + 4 grid: about 140 px each.
    const sizes: { width: number; height: number; least: number }[] = [
      { width: 1280, height: 800, least: 140 },
      { width: 1024, height: 768, least: 130 },
    ];
    for (const size of sizes) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await waitForQuiet(page);
      for (let i = 0; i < 9; i++) {
        const box = (await contourRegions(page).nth(i).boundingBox())!;
        expect(box.width, `panel ${i} at ${size.width}`).toBeGreaterThan(size.least);
        expect(box.height, `panel ${i} at ${size.width}`).toBeGreaterThan(100);
      }
    }
    await page.screenshot({ path: join(dir, "compare-9-1024x768.png") });

    const saddle = await app.open("/?f=x%5E2-y%5E2&start=1,1&optimizer=gd&lr=0.01");
    await waitForQuiet(saddle.page);
    await saddle.page.getByRole("button", { name: "Four regimes", exact: true }).click();
    await expect
      .poll(() =>
        saddle.page.getByRole("status").filter({ hasText: "not positive definite" }).count(),
      )
      .toBe(1);
    await expect(contourRegions(saddle.page).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    expect(saddle.errors).toEqual([]);
  });

  it("draws the learning-rate sweep off the main thread; clicking a point adds that rate", async () => {
    const { page, errors } = await app.open(BOWL);
    await waitForQuiet(page);
    await page.getByRole("button", { name: "Four regimes", exact: true }).click();
    const sweep = page.getByRole("region", { name: "Learning-rate sweep" });
    const plot = sweep.locator(".sweep-plot");
    await expect.poll(() => plot.getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
    expect(Number(await plot.getAttribute("data-points"))).toBeGreaterThanOrEqual(30);
    await expect(sweep.locator(".sweep-status").textContent()).resolves.toContain("2/λmax = 0.5");
    // The chart has drawn: its canvas holds more than the background.
    const drawn = await sweep.locator("canvas").evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext("2d")!;
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 0 && data[i]! > 150 !== data[i + 1]! > 150) coloured++;
      }
      return coloured;
    });
    expect(drawn).toBeGreaterThan(50);

    // Hover a third of the way along: the readout names a rate; a click adds it as a variant.
    const box = (await plot.boundingBox())!;
    const x = box.x + 66 + (box.width - 80) * 0.33;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    const readout = await sweep.locator(".sweep-status").textContent();
    const lr = /^lr = ([^:]+):/.exec(readout ?? "")?.[1];
    expect(lr, `readout "${readout}"`).toBeDefined();
    await page.mouse.click(x, y);
    await expect.poll(() => contourRegions(page).count()).toBe(5);
    await expect.poll(() => regionNames(page)).toContain(`Contour map: lr = ${lr}`);
    await page.screenshot({ path: join(ensureArtifactsDir(), "compare-sweep-1280x800.png") });
    expect(errors).toEqual([]);
  });

  it("sweeps the learning rate on a data scenario: the line's MSE and its edge 2/λmax", async () => {
    const { page, errors } = await app.open("/?data=line");
    await expect
      .poll(() => page.getByRole("region", { name: "Data", exact: true }).count(), {
        timeout: 15000,
      })
      .toBe(1);
    await waitForQuiet(page);
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    const sweep = page.getByRole("region", { name: "Learning-rate sweep" });
    const plot = sweep.locator(".sweep-plot");
    await expect.poll(() => plot.getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
    expect(Number(await plot.getAttribute("data-points"))).toBeGreaterThanOrEqual(30);
    // The line's MSE over the noisy line's xs has the Hessian (2/n)·[[Σx², Σx], [Σx, n]]
    // everywhere, so the edge the sweep finds at its minimum is 2/λmax of that.
    const xs = Array.from(noisyLine().xs);
    const n = xs.length;
    const a = (2 / n) * xs.reduce((sum, x) => sum + x * x, 0);
    const b = (2 / n) * xs.reduce((sum, x) => sum + x, 0);
    const edge = 2 / ((a + 2) / 2 + Math.sqrt(((a - 2) / 2) ** 2 + b * b));
    await expect(sweep.locator(".sweep-status").textContent()).resolves.toContain(
      `2/λmax = ${formatNumber(edge, 4)}`,
    );
    const drawn = await sweep.locator("canvas").evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext("2d")!;
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 0 && data[i]! > 150 !== data[i + 1]! > 150) coloured++;
      }
      return coloured;
    });
    expect(drawn).toBeGreaterThan(50);
    expect(errors).toEqual([]);
  });

  it("sweeps on the cars, which the sweep's worker loads for itself", async () => {
    const { page, errors } = await app.open("/?data=cars&standardize=1");
    await expect
      .poll(() => page.getByRole("region", { name: "Data", exact: true }).count(), {
        timeout: 15000,
      })
      .toBe(1);
    await waitForQuiet(page);
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    const plot = page.getByRole("region", { name: "Learning-rate sweep" }).locator(".sweep-plot");
    await expect.poll(() => plot.getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
    expect(Number(await plot.getAttribute("data-points"))).toBeGreaterThanOrEqual(30);
    expect(errors).toEqual([]);
  });
});
