import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { stepText, useApp, waitForQuiet } from "./support.ts";

/** The legend's items as the page shows them. */
async function legendItems(page: Page): Promise<string[]> {
  return page.getByRole("region", { name: "Basins" }).getByRole("listitem").allInnerTexts();
}

/** The percentage an item of the legend ends with ("…: 26.0% of the box" → 26). */
function share(item: string): number {
  const match = /:\s*(<?)([\d.]+)%/.exec(item);
  if (!match) throw new Error(`no share in ${JSON.stringify(item)}`);
  return Number(match[2]);
}

async function setField(page: Page, name: string, value: string): Promise<void> {
  const field = page.getByLabel(name, { exact: true });
  await field.fill(value);
  await field.press("Enter");
}

describe("the basin map", () => {
  const app = useApp();

  it("shows Himmelblau's four minima, whose shares make 100% less the diverged share", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await page.getByRole("checkbox", { name: "Basin map" }).check();
    const basins = page.getByRole("region", { name: "Basins" });
    // Coarse first, then finer: the finest map names its size.
    await expect.poll(() => basins.innerText(), { timeout: 30_000 }).toContain("200×200 starts");
    const items = await legendItems(page);
    const minima = items.filter((item) => item.startsWith("minimum"));
    expect(minima).toHaveLength(4);
    // Himmelblau's minima: (3, 2), (−2.805118, 3.131312), (−3.779310, −3.283186),
    // (3.584428, −1.848126), each with f = 0.
    for (const point of ["(3, 2)", "(-2.805, 3.131)", "(-3.779, -3.283)", "(3.584, -1.848)"]) {
      expect(minima.some((item) => item.includes(point))).toBe(true);
    }
    const diverged = items.find((item) => item.startsWith("diverged"));
    expect(diverged).toBeDefined();
    const others = items.filter((item) => !item.startsWith("minimum") && item !== diverged);
    const total = minima.reduce((sum, item) => sum + share(item), 0);
    const rest = others.reduce((sum, item) => sum + share(item), 0);
    // Shares are written to 0.1%: four of them round by at most 0.05 each.
    expect(Math.abs(total + rest - (100 - share(diverged!)))).toBeLessThanOrEqual(0.2);
    // Each basin takes a real part of the box.
    for (const item of minima) expect(share(item)).toBeGreaterThan(10);
    expect(errors).toEqual([]);
  });

  it("draws the map over the contour map's fill", async () => {
    const { page } = await app.open("/?scenario=himmelblau");
    const map = page.getByRole("region", { name: "Contour map" }).locator("canvas");
    await page.getByRole("checkbox", { name: "Quiver field of −∇f" }).uncheck();
    await waitForQuiet(page);
    const before = await map.screenshot();
    await page.getByRole("checkbox", { name: "Basin map" }).check();
    await expect
      .poll(() => page.getByRole("region", { name: "Basins" }).innerText(), { timeout: 30_000 })
      .toContain("200×200 starts");
    await waitForQuiet(page);
    const after = await map.screenshot();
    expect(after.equals(before)).toBe(false);
  });

  it("Cancel stops a long map, and the page answers input while a map computes", async () => {
    // The cars' loss sums over 392 rows at every iterate; with a tiny rate and a large budget
    // every start of the map runs 10,000 steps, and central differences sum five times a step:
    // seconds of work for the workers.
    const { page, errors } = await app.open("/?data=cars");
    await page.getByLabel("Gradient", { exact: true }).selectOption("central");
    await setField(page, "Learning rate", "0.0000001");
    await setField(page, "Step budget", "10000");
    await waitForQuiet(page);
    const before = await stepText(page);
    await page.getByRole("checkbox", { name: "Basin map" }).check();
    const bar = page.getByRole("progressbar", { name: /^Basin map/ });
    await bar.waitFor({ timeout: 20_000 });
    // The budget leaves one coarse map of ⌊√(4e8 / (10,001 · 39.2))⌋ = 31 cells a side.
    expect(await bar.getAttribute("aria-label")).toBe("Basin map 31×31");
    // While it computes, the playback still steps at a key press.
    await page.getByRole("button", { name: "Step forward" }).click();
    await expect.poll(async () => (await stepText(page)).k).toBe(before.k + 1);
    expect(await bar.isVisible()).toBe(true);
    // The run itself is long at this budget too, with its own Cancel in the run list: the map's
    // is in the Basins region.
    await page
      .getByRole("region", { name: "Basins" })
      .getByRole("button", { name: "Cancel" })
      .click();
    await expect.poll(() => bar.count()).toBe(0);
    // No map arrives after the cancel.
    await page.waitForTimeout(1500);
    expect(await legendItems(page)).toEqual([]);
    // A new setting computes again: the cars' loss for a line is a convex bowl, one minimum.
    await setField(page, "Step budget", "1000");
    await expect
      .poll(async () => (await legendItems(page)).length, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  }, 120_000);
});
