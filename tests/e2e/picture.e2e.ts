import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { decodePng, differingFraction, pixelStats, type RgbaImage } from "./harness.ts";
import { labHandle, useApp, waitForQuiet } from "./support.ts";

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Opens "Export PNG", picks the view and resolution, saves, and decodes the download. */
async function exportPng(page: Page, view: string, scale: "1×" | "2×") {
  const panel = page.getByRole("group", { name: "Export PNG" });
  if (!(await panel.isVisible())) {
    await page.getByRole("button", { name: "Export PNG", exact: true }).click();
  }
  await panel.getByRole("combobox", { name: "View" }).selectOption({ label: view });
  await panel.getByRole("radio", { name: new RegExp(`^${scale}`) }).check();
  const waiting = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Save PNG" }).click();
  const download = await waiting;
  const path = join(
    await mkdtemp(join(tmpdir(), "descent-picture-")),
    download.suggestedFilename(),
  );
  await download.saveAs(path);
  const status = (await panel.getByRole("status").textContent()) ?? "";
  return { name: download.suggestedFilename(), image: decodePng(await readFile(path)), status };
}

/** The boxes of the page's view regions by name, and of the typeset f. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const box = (element: Element) => {
      const r = element.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height };
    };
    const regions = [...document.querySelectorAll("main.views > section[role='region']")];
    return {
      regions: Object.fromEntries(regions.map((r) => [r.getAttribute("aria-label")!, box(r)])),
      formula: box(document.querySelector(".formula .tex")!),
    };
  });
}

function crop(image: RgbaImage, box: Box): RgbaImage {
  const [x0, y0] = [Math.round(box.left), Math.round(box.top)];
  const [width, height] = [Math.round(box.width), Math.round(box.height)];
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = ((y0 + y) * image.width + x0 + x) * 4;
      data.set(image.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/**
 * Each pixel the mean of the 3 × 3 around it. The screen puts a canvas at a fractional place
 * and resamples it there, so a one-pixel line can be spread over two: compared after this
 * blur, that no longer counts as a difference, while other content still does.
 */
function blur(image: RgbaImage): RgbaImage {
  const { width, height } = image;
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let ch = 0; ch < 4; ch++) {
        let [sum, count] = [0, 0];
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const [px, py] = [x + dx, y + dy];
            if (px < 0 || py < 0 || px >= width || py >= height) continue;
            sum += image.data[(py * width + px) * 4 + ch]!;
            count++;
          }
        }
        data[(y * width + x) * 4 + ch] = Math.round(sum / count);
      }
    }
  }
  return { width, height, data };
}

/**
 * Where `patch` (cut from the screen) lies in `picture`: the offset, over a window of
 * candidates, at which the fewest pixels differ (both blurred), and that fraction.
 */
function locate(picture: RgbaImage, patch: RgbaImage, xs: number[], ys: number[]) {
  const soft = blur(patch);
  const softPicture = blur(picture);
  let best = { x: 0, y: 0, differing: 1 };
  for (const y of ys) {
    for (const x of xs) {
      if (x < 0 || y < 0 || x + patch.width > picture.width || y + patch.height > picture.height) {
        continue;
      }
      const differing = differingFraction(
        crop(softPicture, { left: x, top: y, width: patch.width, height: patch.height }),
        soft,
      );
      if (differing < best.differing) best = { x, y, differing };
    }
  }
  return best;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/** Pixels in rows [top, bottom) within `tolerance` of the colour `hex` in every channel. */
function pixelsNear(image: RgbaImage, hex: string, top: number, bottom: number, tolerance = 24) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < image.width; x++) {
      const p = (y * image.width + x) * 4;
      const d = [r!, g!, b!].map((c, ch) => Math.abs((image.data[p + ch] ?? 0) - c));
      if (Math.max(...d) <= tolerance) count++;
    }
  }
  return count;
}

/** Pixels in rows [top, bottom) dark enough to be text. */
function darkPixels(image: RgbaImage, top: number, bottom: number): number {
  let count = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < image.width; x++) {
      const p = (y * image.width + x) * 4;
      const luma =
        0.2126 * image.data[p]! + 0.7152 * image.data[p + 1]! + 0.0722 * image.data[p + 2]!;
      if (luma < 90) count++;
    }
  }
  return count;
}

/** Halves an image by averaging each 2 × 2 block. */
function halve(image: RgbaImage): RgbaImage {
  const [width, height] = [Math.floor(image.width / 2), Math.floor(image.height / 2)];
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let ch = 0; ch < 4; ch++) {
        let sum = 0;
        for (const [dx, dy] of [
          [0, 0],
          [1, 0],
          [0, 1],
          [1, 1],
        ]) {
          sum += image.data[((2 * y + dy!) * image.width + 2 * x + dx!) * 4 + ch]!;
        }
        data[(y * width + x) * 4 + ch] = Math.round(sum / 4);
      }
    }
  }
  return { width, height, data };
}

/** Doubles an image, each pixel becoming a 2 × 2 block. */
function enlarge(image: RgbaImage): RgbaImage {
  const [width, height] = [image.width * 2, image.height * 2];
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = ((y >> 1) * image.width + (x >> 1)) * 4;
      data.set(image.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** The fraction of aligned 2 × 2 blocks whose pixels differ by over 40 in some channel. */
function splitBlocks(image: RgbaImage): number {
  let [split, blocks] = [0, 0];
  for (let y = 0; y + 1 < image.height; y += 2) {
    for (let x = 0; x + 1 < image.width; x += 2) {
      blocks++;
      const corners = [
        [x, y],
        [x + 1, y],
        [x, y + 1],
        [x + 1, y + 1],
      ].map(([cx, cy]) => (cy! * image.width + cx!) * 4);
      for (let ch = 0; ch < 3; ch++) {
        const values = corners.map((p) => image.data[p + ch]!);
        if (Math.max(...values) - Math.min(...values) > 40) {
          split++;
          break;
        }
      }
    }
  }
  return split / blocks;
}

describe("Export PNG", () => {
  const app = useApp();

  it("puts every view in the picture as it is on screen, the formula above and the legend below", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    const before = await layout(page);
    const screen = decodePng(await page.screenshot());
    const runColors = await (
      await labHandle(page)
    ).evaluate((hook) => hook.store.getState().runs.map((run) => run.color));

    const { name, image, status } = await exportPng(page, "All views", "1×");
    expect(name).toMatch(/^himmelblau-all-views-\d{4}-\d{2}-\d{2}\.png$/);
    expect(status).toBe(`Saved ${name} (${image.width} × ${image.height} pixels).`);

    const boxes = Object.values(before.regions);
    const left = Math.min(...boxes.map((b) => b.left));
    const top = Math.min(...boxes.map((b) => b.top));
    const right = Math.max(...boxes.map((b) => b.left + b.width));
    const bottom = Math.max(...boxes.map((b) => b.top + b.height));
    // The views' width (or the formula's, if wider) and a margin on each side.
    const inner = Math.ceil(Math.max(right - left, before.formula.width));
    expect(image.width).toBeGreaterThanOrEqual(inner + 2);
    expect(image.width).toBeLessThanOrEqual(inner + 60);

    // Each view's body, cut from a screenshot, is found in the picture pixel for pixel, and
    // the views keep their places relative to one another.
    const found: Record<string, { x: number; y: number }> = {};
    for (const label of ["Contour map", "Loss curve", "3D surface"]) {
      const region = before.regions[label]!;
      // Where the view draws into its canvas, clear of the text laid over it (tick labels,
      // the loss curve's legend), which the picture draws as text of its own.
      const body =
        label === "Loss curve"
          ? {
              left: region.left + 80,
              top: region.top + region.height - 120,
              width: 120,
              height: 90,
            }
          : {
              left: region.left + region.width / 2 - 60,
              top: region.top + region.height / 2 - 30,
              width: 120,
              height: 90,
            };
      const patch = crop(screen, body);
      const expectedX = body.left - left;
      const expectedY = body.top - top;
      const spot = locate(
        image,
        patch,
        range(expectedX, expectedX + 40),
        range(expectedY, expectedY + 160),
      );
      // The flat views are copied exactly; the 3D view is drawn again for the picture, and where
      // its surface meets the white background the screen's resampling moves the edge a pixel.
      expect(spot.differing, label).toBeLessThan(label === "3D surface" ? 0.08 : 0.01);
      found[label] = { x: spot.x - expectedX, y: spot.y - expectedY };
    }
    // (Within a pixel: the page lays the views out at fractions of a pixel.)
    for (const label of ["Loss curve", "3D surface"]) {
      expect(Math.abs(found[label]!.x - found["Contour map"]!.x), label).toBeLessThanOrEqual(1);
      expect(Math.abs(found[label]!.y - found["Contour map"]!.y), label).toBeLessThanOrEqual(1);
    }

    // Above the views: the typeset f, dark text on white.
    const viewsTop = found["Contour map"]!.y;
    expect(viewsTop).toBeGreaterThan(before.formula.height);
    expect(darkPixels(image, 0, viewsTop)).toBeGreaterThan(300);
    // Below them: one legend entry in each run's colour.
    const legendTop = viewsTop + Math.ceil(bottom - top);
    expect(image.height).toBeGreaterThan(legendTop + 20 * Math.ceil(runColors.length / 2));
    for (const color of runColors) {
      expect(pixelsNear(image, color, legendTop, image.height), color).toBeGreaterThan(40);
    }
    expect(errors).toEqual([]);
  });

  it("at 2× doubles the picture and draws the views at twice the pixels, then gives the screen its own back", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    const screen = decodePng(await page.screenshot());
    const region = (await layout(page)).regions["Contour map"]!;
    const single = await exportPng(page, "Contour map", "1×");
    const double = await exportPng(page, "Contour map", "2×");
    expect(double.name).toMatch(/^himmelblau-contour-map@2x-\d{4}-\d{2}-\d{2}\.png$/);
    expect(Math.abs(double.image.width - 2 * single.image.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(double.image.height - 2 * single.image.height)).toBeLessThanOrEqual(2);

    // The middle of the map, as on screen, in the 1× picture.
    const middle = {
      left: region.left + region.width / 2 - 60,
      top: region.top + region.height / 2 - 40,
      width: 120,
      height: 80,
    };
    const x = Math.round(middle.left - region.left);
    const y = Math.round(middle.top - region.top);
    const spot = locate(single.image, crop(screen, middle), range(x, x + 30), range(y, y + 160));
    expect(spot.differing).toBeLessThan(0.02);
    // Halved, the 2× picture's map is the 1× map; at full size it is drawn afresh at twice the
    // pixels (contour lines and arrows one picture pixel wide), not the 1× map enlarged.
    const at = { left: spot.x, top: spot.y, width: 120, height: 80 };
    const doubleAt = { left: 2 * spot.x, top: 2 * spot.y, width: 240, height: 160 };
    const halved = crop(halve(double.image), at);
    expect(differingFraction(blur(halved), blur(crop(single.image, at)))).toBeLessThan(0.1);
    // Drawn afresh, the 2× map's thin lines split many 2 × 2 blocks; an enlarged 1× map has
    // none split (nearest) or only blurred ones (smoothed).
    const split = splitBlocks(crop(double.image, doubleAt));
    expect(splitBlocks(enlarge(crop(single.image, at)))).toBe(0);
    expect(split).toBeGreaterThan(0.03);

    // The page's canvases are back at one pixel per CSS pixel.
    await waitForQuiet(page);
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll("main.views canvas")].map((canvas) => [
        (canvas as HTMLCanvasElement).width,
        canvas.clientWidth,
      ]),
    );
    expect(sizes.length).toBeGreaterThan(0);
    for (const [width, client] of sizes) expect(width).toBe(client);
    expect(errors).toEqual([]);
  });

  it("pictures one view alone, from the keyboard", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    const button = page.getByRole("button", { name: "Export PNG", exact: true });
    await button.focus();
    await page.keyboard.press("Enter");
    const panel = page.getByRole("group", { name: "Export PNG" });
    await expect.poll(() => panel.isVisible()).toBe(true);
    await panel.getByRole("combobox", { name: "View" }).selectOption({ label: "3D surface" });
    const waiting = page.waitForEvent("download");
    await panel.getByRole("button", { name: "Save PNG" }).focus();
    await page.keyboard.press("Enter");
    const download = await waiting;
    expect(download.suggestedFilename()).toMatch(/^himmelblau-3d-surface-/);
    const path = join(
      await mkdtemp(join(tmpdir(), "descent-picture-")),
      download.suggestedFilename(),
    );
    await download.saveAs(path);
    const image = decodePng(await readFile(path));
    const region = (await layout(page)).regions["3D surface"]!;
    expect(Math.abs(image.width - (Math.ceil(region.width) + 24))).toBeLessThanOrEqual(1);
    // The surface is drawn: its colour map fills a good part of the picture.
    expect(pixelStats(image).saturatedFraction).toBeGreaterThan(0.05);
    // Escape closes the panel and puts focus back on its button.
    await panel.getByRole("combobox", { name: "View" }).focus();
    await page.keyboard.press("Escape");
    await expect.poll(() => panel.isVisible()).toBe(false);
    await expect
      .poll(() => button.evaluate((element) => element === document.activeElement))
      .toBe(true);
    expect(errors).toEqual([]);
  });
});
