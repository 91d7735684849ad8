import { join } from "node:path";
import { writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { alertTexts, useApp, waitForQuiet } from "./support.ts";
import { artifactsDir, decodePng, ensureArtifactsDir, type RgbaImage } from "./harness.ts";

const app = useApp();

const dataRegion = (page: Page) => page.getByRole("region", { name: "Data", exact: true });

/** The Data view's readout, "step k: w = …, b = …, MSE = …", as numbers. */
async function readout(page: Page): Promise<{ step: number; params: number[]; loss: number }> {
  const text =
    (await dataRegion(page)
      .locator("p", { hasText: /^step \d+:/ })
      .textContent()) ?? "";
  const match = /^step (\d+): \S+ = (\S+), \S+ = (\S+), \w+ = (\S+)$/.exec(text.trim());
  if (!match) throw new Error(`unexpected readout "${text}"`);
  const number = (s: string) => Number(s.replace("−", "-"));
  return {
    step: Number(match[1]),
    params: [number(match[2]!), number(match[3]!)],
    loss: number(match[4]!),
  };
}

/**
 * For each column holding a data point's dark pixels, the vertical distance to the nearest pixel
 * of the run's colour in that column; the median over the columns that have both. The points are
 * dark grey, the fitted curve the run's first palette colour #0072B2.
 */
function medianPointToCurve(image: RgbaImage): number {
  const distances: number[] = [];
  for (let x = 0; x < image.width; x++) {
    const points: number[] = [];
    const curve: number[] = [];
    for (let y = 0; y < image.height; y++) {
      const i = (y * image.width + x) * 4;
      const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
      if (r < 110 && g < 110 && b < 110 && Math.abs(r - b) < 20) points.push(y);
      else if (r < 60 && g > 80 && g < 150 && b > 140) curve.push(y);
    }
    if (curve.length === 0) continue;
    for (const p of points) distances.push(Math.min(...curve.map((c) => Math.abs(c - p))));
  }
  distances.sort((a, b) => a - b);
  return distances.length > 0 ? distances[Math.floor(distances.length / 2)]! : NaN;
}

describe("data scenarios", () => {
  it("opens the cars from a link with the least-squares fit of mpg on horsepower", async () => {
    const { page, errors } = await app.open("/?data=cars");
    await expect.poll(() => dataRegion(page).count(), { timeout: 15000 }).toBe(1);
    expect(await page.getByLabel("Dataset").inputValue()).toBe("cars");
    const facts = await page.locator(".data-facts").first().textContent();
    expect(facts).toMatch(/^392 points \(14 rows with a missing value left out\)/);
    // mpg ≈ 39.936 − 0.15784·hp: the textbook fit of these 392 cars (ISLR, table 3.9).
    const ls = await page.getByTestId("least-squares").textContent();
    expect(ls).toMatch(/w = -0\.15784\d*, b = 39\.93\d*/);
    expect(errors).toEqual([]);
  });

  it("plays standardized cars: the fitted line nears the points as the loss falls", async () => {
    const { page, errors } = await app.open("/?data=cars&standardize=1&lr=0.05");
    await expect.poll(() => dataRegion(page).count(), { timeout: 15000 }).toBe(1);
    await waitForQuiet(page);
    const canvas = dataRegion(page).getByRole("img");
    const before = await readout(page);
    expect(before.step).toBe(0);
    const startPicture = decodePng(await canvas.screenshot());

    await page.getByRole("button", { name: "Play", exact: true }).click();
    await expect
      .poll(async () => (await readout(page)).step, { timeout: 60000 })
      .toBeGreaterThan(120);
    await page.getByRole("button", { name: "Pause", exact: true }).click();
    await waitForQuiet(page);
    const after = await readout(page);
    const endPicture = decodePng(await canvas.screenshot());

    // The least-squares loss of these cars is 23.94 (raw or standardized inputs alike).
    expect(after.loss).toBeLessThan(before.loss / 4);
    expect(after.loss).toBeLessThan(24);
    const startGap = medianPointToCurve(startPicture);
    const endGap = medianPointToCurve(endPicture);
    expect(startGap).toBeGreaterThan(20);
    expect(endGap).toBeLessThan(startGap / 2);
    // Standardized, b of the fit is the mean mpg, 23.4459.
    const ls = await page.getByTestId("least-squares").textContent();
    expect(ls).toMatch(/b = 23\.4459/);
    expect(errors).toEqual([]);
    ensureArtifactsDir();
    await writeFile(join(artifactsDir, "data-cars.png"), await page.screenshot());
  });

  it("standardizes the inputs, names the parameters and goes back to the typed function", async () => {
    const { page } = await app.open("/?data=line");
    await expect.poll(() => dataRegion(page).count(), { timeout: 15000 }).toBe(1);
    await page.getByLabel("Standardize inputs").check();
    await expect
      .poll(() => page.locator(".data-facts").first().textContent())
      .toContain("Inputs rescaled to mean 0 and standard deviation 1");
    expect((await readout(page)).step).toBe(0);
    await page.getByLabel("Dataset").selectOption("none");
    await expect.poll(() => dataRegion(page).count()).toBe(0);
    expect(await page.getByRole("region", { name: "Contour map" }).count()).toBe(1);
  });

  it("uses pasted CSV data, naming the rows it skipped by line", async () => {
    const { page } = await app.open("/");
    await page.getByText("Your own data (CSV)").click();
    await page.getByLabel("CSV text").fill("x,y\n0,1\n1,3\nabc,4\n2,5\n3,7\n");
    await page.getByRole("button", { name: "Use pasted data" }).click();
    await expect.poll(() => dataRegion(page).count(), { timeout: 15000 }).toBe(1);
    const status = page.getByRole("status").filter({ hasText: "pasted data" });
    await expect.poll(() => status.textContent()).toContain("4 rows used, 1 skipped");
    expect(await status.textContent()).toContain("line 4");
    // y = 2x + 1 exactly: the least-squares line is w = 2, b = 1.
    await expect
      .poll(() => page.getByTestId("least-squares").textContent())
      .toMatch(/w = 2, b = 1,/);
    expect(await alertTexts(page)).toEqual([]);
  });

  it("the high-bias preset shows both datasets' best line side by side, with named axes and the fit marked", async () => {
    const { page } = await app.open("/");
    await page.getByRole("button", { name: "High bias" }).click();
    await expect.poll(() => dataRegion(page).count(), { timeout: 15000 }).toBe(1);
    // The textbook fits: MSE 0.18 on the noisy line, 8.35 on the parabola (see the unit tests).
    await expect
      .poll(() => page.getByTestId("high-bias").textContent())
      .toMatch(/noisy line 0\.18\d*, noisy parabola 8\.3\d*/);
    const map = page.getByRole("region", { name: "Contour map" });
    expect(await map.locator('[data-mark="x-name"]').textContent()).toBe("w");
    expect(await map.locator('[data-mark="y-name"]').textContent()).toBe("b");
    // The diamond sits where the map's own ticks put the least-squares fit (w ≈ 0, b ≈ 3.21):
    // interpolate between the tick labels' positions, which the page lays out independently.
    const ticks = await map.locator("[data-tick]").evaluateAll((nodes) =>
      nodes.map((node) => {
        const box = node.getBoundingClientRect();
        return {
          axis: (node as HTMLElement).dataset.tick!,
          value: Number(node.textContent!.replace("−", "-")),
          x: box.left + box.width / 2,
          y: box.top + box.height / 2,
        };
      }),
    );
    const xs = ticks.filter((t) => t.axis === "x");
    const ys = ticks.filter((t) => t.axis === "y");
    const along = (list: typeof ticks, value: number, key: "x" | "y") => {
      const [a, b] = [list[0]!, list[list.length - 1]!];
      return a[key] + ((value - a.value) / (b.value - a.value)) * (b[key] - a[key]);
    };
    const mark = await map.locator('[data-mark="fit"]').boundingBox();
    expect(mark).not.toBeNull();
    expect(Math.abs(mark!.x + mark!.width / 2 - along(xs, -0.0082, "x"))).toBeLessThan(4);
    expect(Math.abs(mark!.y + mark!.height / 2 - along(ys, 3.2143, "y"))).toBeLessThan(4);
  });

  it("refuses a link's own data and an unknown dataset by name, keeping the page", async () => {
    const { page } = await app.open("/?data=csv");
    await expect
      .poll(() => alertTexts(page))
      .toEqual([
        expect.stringContaining(
          'Link parameter "data": "csv": your own data travels in saved scenario files',
        ),
      ]);
    const other = await app.open("/?data=iris");
    await expect
      .poll(() => alertTexts(other.page))
      .toEqual([
        expect.stringContaining(
          '"iris" is not a dataset (known: line, parabola, fence, tanh, cars)',
        ),
      ]);
    expect(await dataRegion(other.page).count()).toBe(0);
  });
});

/** The leftmost and rightmost column holding a pixel of `rgb` (±30 a channel) on a canvas. */
async function columnsOf(page: Page, canvasIndex: number, rgb: [number, number, number]) {
  const url = await page
    .getByRole("region", { name: "Loss curve" })
    .locator("canvas")
    .nth(canvasIndex)
    .evaluate((node) => (node as HTMLCanvasElement).toDataURL("image/png"));
  const image = decodePng(Buffer.from(url.slice(url.indexOf(",") + 1), "base64"));
  let left = Infinity;
  let right = -Infinity;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      const near = [0, 1, 2].every((c) => Math.abs(image.data[i + c]! - rgb[c]!) <= 30);
      if (near && image.data[i + 3]! > 200) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return { left, right };
}

describe("the loss curve by epoch", () => {
  it("puts a mini-batch run's steps at their epochs beside the full-batch run", async () => {
    const { page } = await app.open("/?scenario=fit-line");
    await expect.poll(() => dataRegion(page).count(), { timeout: 15000 }).toBe(1);
    await page.getByLabel("Loss by epoch (passes over the data)").check();
    const canvas = page.getByRole("region", { name: "Loss curve" }).locator("[aria-label]").first();
    await expect.poll(() => canvas.getAttribute("aria-label")).toMatch(/^f against epoch/);
    await waitForQuiet(page);
    // Run 1 (full batch, #0072B2) converges in 69 steps: 69 epochs. Run 2 (batches of 5 of the
    // 50 points, #D55E00) takes 300 steps, 10 a pass: 30 epochs, so it ends 30/69 of the way.
    const full = await columnsOf(page, 0, [0, 114, 178]);
    const batched = await columnsOf(page, 0, [213, 94, 0]);
    expect(Math.abs(full.left - batched.left)).toBeLessThanOrEqual(3);
    const ratio = (batched.right - batched.left) / (full.right - full.left);
    expect(ratio).toBeGreaterThan(30 / 69 - 0.04);
    expect(ratio).toBeLessThan(30 / 69 + 0.04);
  });
});

describe("your own data from a file", () => {
  it("takes a CSV dropped on the page and one opened with Open CSV file, naming skipped lines", async () => {
    const { page } = await app.open("/");
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(
        new File(["height,weight\n150,50\n160,oops\n170,70\n180,80\n"], "heights.csv", {
          type: "text/csv",
        }),
      );
      window.dispatchEvent(
        new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    });
    await expect.poll(() => dataRegion(page).count(), { timeout: 15000 }).toBe(1);
    expect(await page.getByLabel("Dataset").inputValue()).toBe("csv");
    await expect
      .poll(() => alertTexts(page))
      .toEqual([expect.stringContaining("heights.csv: 3 rows used, 1 skipped: line 3:")]);
    // Weight = height − 100 exactly on the three rows kept: w = 1, b = −100.
    await expect
      .poll(() => page.getByTestId("least-squares").textContent())
      .toMatch(/w = 1, b = -100,/);

    await page.getByText("Your own data (CSV)").click();
    await page.getByLabel("CSV file").setInputFiles({
      name: "double.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("1;2\n2;4\n3;6\n"),
    });
    await expect
      .poll(() => page.getByTestId("least-squares").textContent())
      .toMatch(/w = 2, b = 0,/);
    expect(
      await page.getByRole("status").filter({ hasText: "double.csv" }).textContent(),
    ).toContain("double.csv: 3 rows used.");
  });
});
