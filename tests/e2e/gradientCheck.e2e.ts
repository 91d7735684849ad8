import { describe, expect, it } from "vitest";
import type { Locator } from "playwright-core";
import { blurFocus, useApp, waitForQuiet } from "./support.ts";

/** The number after "slope of the <kind> error on the truncation side:" in the region's text. */
async function shownSlope(region: Locator, kind: string): Promise<number> {
  const text = (await region.innerText()).replace(/\u2212/g, "-");
  const match = new RegExp(
    String.raw`slope of the ${kind} error on the truncation side:\s*(-?[\d.]+(?:e-?\d+)?)`,
  ).exec(text);
  if (!match?.[1]) throw new Error(`no ${kind} slope in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

/** The table's body rows as text, one string a row. */
async function tableRows(region: Locator): Promise<string[]> {
  return region.locator("table tbody tr").allInnerTexts();
}

describe("the gradient check region", () => {
  const app = useApp();

  it("shows the table, the error chart with slopes near 1 and 2, and follows the steps", async () => {
    const f = encodeURIComponent("sin(x) * cos(y)");
    const { page, errors } = await app.open(`/?f=${f}&start=1,0.5&optimizer=gd&lr=0.1`);
    const region = page.getByRole("region", { name: "Gradient check" });
    expect(await region.count()).toBe(0);
    await page.getByRole("checkbox", { name: "Gradient check" }).check();
    await region.waitFor();
    await waitForQuiet(page);

    // The exact gradient against the three differences, each with a relative error.
    const table = region.getByRole("table");
    await expect
      .poll(() => table.getByRole("rowheader").allInnerTexts())
      .toEqual(["exact", "forward", "backward", "central"]);
    const headers = await table.getByRole("columnheader").allInnerTexts();
    expect(headers).toEqual(["Gradient", "∂f/∂x", "∂f/∂y", "relative error", "step h"]);
    // At x₀ = (1, 0.5): ∂f/∂x = cos 1 · cos 0.5 = 0.4741598818 (10 digits).
    const before = await tableRows(region);
    expect(before[0]).toContain("0.4741598818");

    // The canvas is drawn: many pixels that are not the white background, some in colour.
    const drawn = await region.locator("canvas").evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext("2d");
      if (!context) return { ink: 0, coloured: 0 };
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        if (a > 0 && (r < 235 || g < 235 || b < 235)) ink++;
        if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 80) coloured++;
      }
      return { ink, coloured };
    });
    expect(drawn.ink).toBeGreaterThan(2000);
    expect(drawn.coloured).toBeGreaterThan(500);

    // Truncation error falls like h (one-sided) and h² (central).
    const central = await shownSlope(region, "central");
    expect(central).toBeGreaterThan(1.7);
    expect(central).toBeLessThan(2.3);
    for (const kind of ["forward", "backward"]) {
      const slope = await shownSlope(region, kind);
      expect(slope).toBeGreaterThan(0.7);
      expect(slope).toBeLessThan(1.3);
    }
    expect(await region.innerText()).toMatch(/best h of the central difference:\s*\S+/);

    // One step on: the point moves and the table follows it.
    await blurFocus(page);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.getByRole("heading").first().innerText()).toMatch(/x₁ of Run 1/);
    await expect.poll(() => tableRows(region)).not.toEqual(before);
    const after = await tableRows(region);
    expect(after[0]).not.toContain("0.4741598818");
    expect(errors).toEqual([]);
  });

  it("says plainly where f is not defined, instead of a chart", async () => {
    const f = encodeURIComponent("log(x) + y^2");
    const { page, errors } = await app.open(`/?f=${f}&start=-1,1.5&optimizer=gd&lr=0.1`);
    await page.getByRole("checkbox", { name: "Gradient check" }).check();
    const region = page.getByRole("region", { name: "Gradient check" });
    await region.waitFor();
    await expect
      .poll(() => region.innerText())
      .toContain("f is not defined here (log of a negative number)");
    expect(await region.locator("canvas").count()).toBe(0);
    expect(await region.locator("table").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
