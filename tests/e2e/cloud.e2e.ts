import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { differingFraction, type RgbaImage } from "./harness.ts";
import { capture, labHandle, region, stepText, useApp, waitForQuiet } from "./support.ts";

// The six-hump camel function on x ∈ [−2, 2], y ∈ [−1, 1] (Molga & Smutnicki 2005, §2.11): six
// minima, the two global ones f = −1.0316 at (±0.0898, ∓0.7126), then f = −0.2155 at
// (±1.7036, ∓0.7961) and f = 2.1043 at (±1.6071, ±0.5687). Gradient descent with lr 0.01 is stable
// over the whole box (the largest curvature there, about 67 at x = ±2, is below 2/0.01).
const CAMEL = "4x^2 - 2.1x^4 + x^6/3 + x*y - 4y^2 + 4y^4";
const PUBLISHED_VALUES = [-1.0316, -1.0316, -0.2155, -0.2155, 2.1043, 2.1043];

function camelLink(lr: number): string {
  return (
    "/?" +
    new URLSearchParams({
      f: CAMEL,
      box: "-2,2,-1,1",
      start: "1,0.5",
      optimizer: "gd",
      lr: String(lr),
    }).toString()
  );
}

function cloudRegion(page: Page): Locator {
  return page.getByRole("region", { name: "Random starts" });
}

/** Types the number of starts and presses "Random starts". */
async function addCloud(page: Page, count: number): Promise<void> {
  await page.getByRole("textbox", { name: "Number of starts" }).fill(String(count));
  await page.getByRole("button", { name: "Random starts", exact: true }).click();
}

/** A count as the page writes it ("2,000") as a number. */
function countOf(text: string): number {
  return Number(text.replace(/,/g, ""));
}

/** What the summary says: each minimum's value and count, and the other outcomes' counts. */
async function readSummary(page: Page) {
  const summary = cloudRegion(page);
  const items = await summary.getByRole("listitem").allInnerTexts();
  const minima = items.map((item) => {
    const match = /^([\d,]+) starts? at \(.+\), f = (\S+)$/.exec(item.trim());
    if (!match) throw new Error(`no count and value in ${JSON.stringify(item)}`);
    return { count: countOf(match[1]!), value: Number(match[2]) };
  });
  const text = (await summary.innerText()).replace(/\s+/g, " ");
  const others: Record<string, number> = {};
  for (const match of text.matchAll(
    /(Diverged|Not converged|Stopped at a saddle or maximum|f not defined at the start): ([\d,]+)/g,
  )) {
    others[match[1]!] = countOf(match[2]!);
  }
  return { minima, others, text };
}

/** Pixels of a dot's white core: pure white, which neither the fill nor the field ever is. */
function whitePixels(image: RgbaImage): number {
  let count = 0;
  for (let p = 0; p < image.data.length; p += 4) {
    if (image.data[p] === 255 && image.data[p + 1] === 255 && image.data[p + 2] === 255) count++;
  }
  return count;
}

describe("random starts", () => {
  const app = useApp();

  it("2,000 starts of gradient descent on the six-hump camel reach its six minima", async () => {
    const { page, errors } = await app.open(camelLink(0.01));
    await waitForQuiet(page);
    await addCloud(page, 2000);
    await cloudRegion(page).waitFor({ timeout: 60_000 });
    const { minima, others, text } = await readSummary(page);
    expect(text).toMatch(/^2,000 starts: 6 minima reached/);
    expect(minima).toHaveLength(6);
    // Lowest first, each at a published value.
    expect(minima.map((m) => m.value)).toEqual(
      [...minima.map((m) => m.value)].sort((a, b) => a - b),
    );
    minima.forEach((m, i) => expect(Math.abs(m.value - PUBLISHED_VALUES[i]!)).toBeLessThan(1e-3));
    for (const m of minima) expect(m.count).toBeGreaterThan(0);
    expect(others["Diverged"]).toBeDefined();
    expect(others["Not converged"]).toBeDefined();
    const total =
      minima.reduce((sum, m) => sum + m.count, 0) +
      Object.values(others).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(2000);
    expect(text).toMatch(/Lowest value found: f = -1\.0316/);

    // The best start becomes an ordinary run in one click, and it ends at a global minimum.
    const lab = await labHandle(page);
    await cloudRegion(page).getByRole("button", { name: "Add the best start as a run" }).click();
    await expect.poll(() => lab.evaluate((hook) => hook.store.getState().runs.length)).toBe(2);
    const added = await lab.evaluate((hook) => {
      const run = hook.store.getState().runs[1]!;
      return { optimizer: run.optimizer, lr: run.params.lr, value: run.result.final.value };
    });
    expect(added.optimizer).toBe("gd");
    expect(added.lr).toBe(0.01);
    expect(added.value).toBeCloseTo(-1.0316, 4);

    await page.getByRole("button", { name: "Remove random starts" }).click();
    await expect.poll(() => cloudRegion(page).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("Cancel stops a big cloud: the progress bar goes and no summary comes", async () => {
    const { page, errors } = await app.open(camelLink(0.0001));
    await waitForQuiet(page);
    // 10,000 starts that never converge within 10,000 steps: about 10⁸ steps of work.
    await page.getByLabel("Step budget", { exact: true }).fill("10000");
    await waitForQuiet(page);
    await addCloud(page, 10_000);
    const bar = page.getByRole("progressbar", { name: "Computing 10,000 starts" });
    await bar.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1000);
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect.poll(() => bar.count()).toBe(0);
    expect(await page.getByRole("button", { name: "Remove random starts" }).count()).toBe(0);
    // Long enough for a piece already under way to finish: its answer is dropped.
    await page.waitForTimeout(3000);
    expect(await cloudRegion(page).count()).toBe(0);
    expect(await bar.count()).toBe(0);
    const lab = await labHandle(page);
    expect(await lab.evaluate((hook) => hook.store.getState().cloud)).toBeNull();
    // The pool is free again: a small cloud comes at once.
    await page.getByLabel("Step budget", { exact: true }).fill("1000");
    await page.getByLabel("Learning rate", { exact: true }).first().fill("0.01");
    await addCloud(page, 500);
    await cloudRegion(page).waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
  });

  it("the dots on the contour map move with the timeline", async () => {
    const { page, errors } = await app.open(camelLink(0.01));
    await waitForQuiet(page);
    const contour = region(page, "Contour map").locator("canvas").first();
    const without = await capture(contour, "cloud-none-step0");
    const stray = whitePixels(without);
    expect(stray).toBeLessThan(50);

    await addCloud(page, 2000);
    await cloudRegion(page).waitFor({ timeout: 60_000 });
    await waitForQuiet(page);
    const start = await capture(contour, "cloud-step0");
    // 2,000 dots with a white core of a few pixels each, many of them overlapping.
    expect(whitePixels(start) - stray).toBeGreaterThan(2000);

    await page.getByRole("button", { name: "Play", exact: true }).click();
    await expect
      .poll(async () => (await stepText(page)).k, { timeout: 30_000, interval: 100 })
      .toBeGreaterThanOrEqual(60);
    await page.getByRole("button", { name: "Pause", exact: true }).click();
    await waitForQuiet(page);
    const later = await capture(contour, "cloud-later");
    // By step 60 most starts have gathered at the six minima: the dots pile up there.
    expect(differingFraction(start, later)).toBeGreaterThan(0.02);
    expect(whitePixels(later)).toBeLessThan(whitePixels(start) / 2);
    expect(whitePixels(later)).toBeGreaterThan(6);
    expect(errors).toEqual([]);
  });
});
