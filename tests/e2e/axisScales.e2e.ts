import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { useApp, waitForQuiet } from "./support.ts";
import { decodePng, type RgbaImage } from "./harness.ts";

const app = useApp();

/** The contour map's picture: the element with the map's accessible name. */
const contourMap = (page: Page) =>
  page.getByRole("region", { name: "Contour map" }).getByRole("img", { name: /^Contour map/ });

/**
 * The colour-mapped part of a map's picture: the columns and the rows holding at least `least`
 * clearly coloured pixels (not grey: the channels spread by more than 48), counted, and where
 * the first and last of them are. A run's marker or a label adds a few pixels to a line, too
 * few to count it.
 */
function paintedArea(image: RgbaImage, least = 20) {
  const columns = new Array<number>(image.width).fill(0);
  const rows = new Array<number>(image.height).fill(0);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 48) {
        columns[x]!++;
        rows[y]!++;
      }
    }
  }
  const painted = (counts: number[]) => {
    const lines = counts.flatMap((count, k) => (count >= least ? [k] : []));
    return { count: lines.length, first: lines[0] ?? NaN, last: lines[lines.length - 1] ?? NaN };
  };
  return { columns: painted(columns), rows: painted(rows) };
}

/** A map's tick labels: their axis, value and centre in the map's own CSS pixels. */
async function ticks(map: Locator) {
  return map.locator("[data-tick]").evaluateAll((nodes) => {
    const frame = nodes[0]!.parentElement!.getBoundingClientRect();
    return nodes.map((node) => {
      const box = node.getBoundingClientRect();
      return {
        axis: (node as HTMLElement).dataset.tick!,
        value: Number(node.textContent!.replace("−", "-")),
        x: box.left + box.width / 2 - frame.left,
        y: box.top + box.height / 2 - frame.top,
      };
    });
  });
}

/** The text the element's aria-describedby points at, or null without one. */
function description(map: Locator): Promise<string | null> {
  return map.evaluate((element) => {
    const ids = element.getAttribute("aria-describedby");
    if (!ids) return null;
    return ids
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" ");
  });
}

describe("axes at different scales", () => {
  it("draws a 3 × 130 loss box as a square map, its ticks spanning it both ways", async () => {
    const { page, errors } = await app.open("/?scenario=fence-mae");
    await page.setViewportSize({ width: 1280, height: 800 });
    const map = contourMap(page);
    await expect.poll(() => map.count(), { timeout: 15000 }).toBe(1);
    await waitForQuiet(page);

    const image = decodePng(await map.screenshot());
    const { columns, rows } = paintedArea(image);
    // a in [−2.5, 0.5] against b in [0, 130] at one scale was a strip a few pixels wide.
    expect(rows.count).toBeGreaterThan(100);
    expect(columns.count).toBeGreaterThanOrEqual(rows.count / 2);

    const labels = await ticks(map);
    const xs = labels.filter((t) => t.axis === "x").sort((p, q) => p.value - q.value);
    const ys = labels.filter((t) => t.axis === "y").sort((p, q) => p.value - q.value);
    expect(xs.length).toBeGreaterThanOrEqual(3);
    expect(ys.length).toBeGreaterThanOrEqual(3);
    const [x0, x1] = [xs[0]!, xs[xs.length - 1]!];
    const [y0, y1] = [ys[0]!, ys[ys.length - 1]!];
    // The labels cover most of each side: at least 2 of a's 3 and 100 of b's 130.
    expect(x0.value).toBeGreaterThanOrEqual(-2.5);
    expect(x1.value).toBeLessThanOrEqual(0.5);
    expect(x1.value - x0.value).toBeGreaterThanOrEqual(2);
    expect(y0.value).toBeGreaterThanOrEqual(0);
    expect(y1.value).toBeLessThanOrEqual(130);
    expect(y1.value - y0.value).toBeGreaterThanOrEqual(100);
    // Each axis's labels are laid out at that axis's own scale: 3 units of a span the painted
    // width, 130 units of b its height (within a few pixels), b increasing upwards.
    const perA = (x1.x - x0.x) / (x1.value - x0.value);
    const perB = (y0.y - y1.y) / (y1.value - y0.value);
    const paintedWidth = columns.last - columns.first + 1;
    const paintedHeight = rows.last - rows.first + 1;
    expect(Math.abs(perA * 3 - paintedWidth)).toBeLessThan(6);
    expect(Math.abs(perB * 130 - paintedHeight)).toBeLessThan(6);
    // The a labels sit under the painted area, the b labels left of it.
    expect(x0.x).toBeGreaterThanOrEqual(columns.first - 2);
    expect(x1.x).toBeLessThanOrEqual(columns.last + 2);
    expect(x0.y).toBeGreaterThan(rows.last);
    expect(y0.x).toBeLessThan(columns.first);

    // Said where a student looks, and to a screen reader, without renaming the map.
    await expect
      .poll(() => map.locator(".axis-scale-note").textContent())
      .toBe("axes at different scales");
    expect(await description(map)).toMatch(
      /^Axes at different scales: a spans 3 and b spans 130, drawn the same length/,
    );
    expect(await map.getAttribute("aria-label")).toMatch(
      /^Contour map of f over x from [-−]2\.5 to 0\.5 and y from 0 to 130\. /,
    );
    const surface = page.getByRole("region", { name: "3D surface" }).getByRole("img").first();
    expect(await description(surface)).toMatch(/^Axes at different scales: a spans 3/);
    expect((await surface.locator(".axis-scale-note").innerText()).trim()).toBe(
      "Axes at different scales.",
    );
    expect(errors).toEqual([]);
  });

  it("keeps one scale for an ordinary preset: the bowl's square box is a square map", async () => {
    const { page, errors } = await app.open("/?scenario=convex-bowl");
    await page.setViewportSize({ width: 1280, height: 800 });
    const map = contourMap(page);
    await expect.poll(() => map.count(), { timeout: 15000 }).toBe(1);
    await waitForQuiet(page);
    const { columns, rows } = paintedArea(decodePng(await map.screenshot()));
    expect(rows.count).toBeGreaterThan(100);
    expect(Math.abs(columns.last - columns.first - (rows.last - rows.first))).toBeLessThanOrEqual(
      2,
    );
    expect(await map.locator(".axis-scale-note").count()).toBe(0);
    expect(await description(map)).toBeNull();
    const surface = page.getByRole("region", { name: "3D surface" }).getByRole("img").first();
    expect(await description(surface)).toBeNull();
    expect(errors).toEqual([]);
  });
});
