import { describe, expect, it } from "vitest";
import { basinMap, basinDiverged, basinUndefinedStart } from "../../../src/core/batch.ts";
import {
  BASIN_WORK_BUDGET,
  basinColor,
  basinPixels,
  basinResolutions,
  basinShares,
  legendPoint,
} from "../../../src/core/landscape/basinMapView.ts";
import { parseSurface } from "../../../src/core/surface.ts";
import { iterateCost } from "../../../src/core/run.ts";

/** A root of p by Newton's method from x0: an independent check of where the minima lie. */
function newton(p: (x: number) => number, dp: (x: number) => number, x0: number): number {
  let x = x0;
  for (let i = 0; i < 50; i++) x -= p(x) / dp(x);
  return x;
}

describe("basin map legend", () => {
  // A tilted double well: f = (x² − 1)² + 0.3x + y². ∂f/∂x = 4x³ − 4x + 0.3, so the minima are
  // the outer roots of 4x³ − 4x + 0.3 = 0 (y = 0) and the ridge between them is the middle root.
  const surface = parseSurface("(x^2 - 1)^2 + 0.3*x + y^2");
  const dfdx = (x: number) => 4 * x ** 3 - 4 * x + 0.3;
  const d2fdx2 = (x: number) => 12 * x ** 2 - 4;
  const left = newton(dfdx, d2fdx2, -1);
  const right = newton(dfdx, d2fdx2, 1);
  const ridge = newton(dfdx, d2fdx2, 0);
  const value = (x: number) => (x * x - 1) ** 2 + 0.3 * x;
  const box = { xmin: -2, xmax: 2, ymin: -1, ymax: 1 };
  const map = basinMap(surface, {
    optimizer: "gd",
    params: { lr: 0.02 },
    maxSteps: 3000,
    box,
    columns: 200,
    rows: 10,
  });

  it("orders minima of different depth lowest first, at the roots worked by Newton's method", () => {
    expect(map.minima).toHaveLength(2);
    expect(value(left)).toBeLessThan(value(right));
    expect(map.minima[0]!.point[0]).toBeCloseTo(left, 3);
    expect(map.minima[0]!.value).toBeCloseTo(value(left), 6);
    expect(map.minima[1]!.point[0]).toBeCloseTo(right, 3);
    expect(map.minima[1]!.value).toBeCloseTo(value(right), 6);
  });

  it("gives each minimum the share of the box on its side of the ridge", () => {
    // Cell centres are x = −2 + 0.02·(k + ½); those left of the ridge (x ≈ 0.0754) run down to
    // the lower minimum: k + ½ < 103.76, so k = 0…103, 104 of the 200 columns.
    const leftColumns = Math.floor((ridge + 2) / 0.02 - 0.5) + 1;
    expect(ridge).toBeCloseTo(0.0754, 4);
    expect(leftColumns).toBe(104);
    const shares = basinShares(map);
    expect(shares.minima[0]).toBeCloseTo((100 * leftColumns) / 200, 9);
    expect(shares.minima[1]).toBeCloseTo((100 * (200 - leftColumns)) / 200, 9);
    const total =
      shares.minima.reduce((sum, share) => sum + share, 0) +
      shares.diverged +
      shares.notConverged +
      shares.notMinimum +
      shares.undefinedStart;
    expect(total).toBeCloseTo(100, 9);
  });

  it("counts a diverged start and a start where f is undefined apart from the minima", () => {
    // log(x) is undefined left of 0; a rate past the edge 2/λ = 2/2 sends y off to infinity.
    const wild = basinMap(parseSurface("(log(x))^2 + y^2"), {
      optimizer: "gd",
      params: { lr: 1.5 },
      maxSteps: 200,
      box: { xmin: -1, xmax: 3, ymin: -1, ymax: 1 },
      columns: 4,
      rows: 2,
    });
    // Columns centred at x = −0.5 (undefined), 0.5, 1.5, 2.5; every row has y = ±0.5 ≠ 0.
    expect(Array.from(wild.basin.filter((label) => label === basinUndefinedStart))).toHaveLength(2);
    expect(wild.diverged).toBe(6);
    const shares = basinShares(wild);
    expect(shares.undefinedStart).toBe(25);
    expect(shares.diverged).toBe(75);
    const pixels = basinPixels(wild);
    // Undefined cells are holes; diverged ones are drawn dark.
    expect(pixels[3]).toBe(0);
    expect(Array.from(pixels.slice(4, 8))).toEqual([0x40, 0x40, 0x40, 255]);
    expect(basinColor(basinDiverged)).toBe("#404040");
  });

  it("paints each cell in its minimum's colour, row by row from ymin", () => {
    const pixels = basinPixels(map);
    // Cell 0 (left column) belongs to the lower minimum: Set3's first colour #8dd3c7.
    expect(Array.from(pixels.slice(0, 4))).toEqual([0x8d, 0xd3, 0xc7, 255]);
    // Cell 199 (right column) to the other: #ffffb3.
    expect(Array.from(pixels.slice(4 * 199, 4 * 200))).toEqual([0xff, 0xff, 0xb3, 255]);
  });
});

describe("a minimum's point in the legend", () => {
  it("shows a coordinate within a millionth of the box's size of zero as zero", () => {
    const box = { xmin: -2.5, xmax: 2.5, ymin: -2, ymax: 2 };
    expect(legendPoint([-1.473, -4.6e-7], box)).toEqual([-1.473, 0]);
    expect(legendPoint([6e-6, 1e-3], box)).toEqual([6e-6, 1e-3]);
  });
});

describe("basin map resolutions", () => {
  it("refines 50, 100, 200 for the default budget of 1000 steps", () => {
    expect(basinResolutions(1000)).toEqual([50, 100, 200]);
  });

  it("leaves out sizes that pass the work budget", () => {
    // 100² · 100,001 > 4e8 ≥ 50² · 100,001.
    expect(basinResolutions(100_000)).toEqual([50]);
    // 50² · (10⁶ + 1) > 4e8: one size of ⌊√(4e8 / (10⁶ + 1))⌋ = 19 cells a side.
    expect(basinResolutions(1_000_000)).toEqual([19]);
    expect(19 * 19 * 1_000_001).toBeLessThanOrEqual(BASIN_WORK_BUDGET);
  });

  it("counts an iterate over data as a tenth of a row's cost per row", async () => {
    const { resolveData } = await import("../../../src/core/data/sources.ts");
    const { noisyLine } = await import("../../../src/core/data/datasets.ts");
    const line = resolveData(
      { source: "line", model: "line", loss: "mse", standardize: false },
      {},
    );
    expect(noisyLine().xs.length).toBe(50);
    expect(iterateCost(line.surface)).toBe(5);
    expect(iterateCost(parseSurface("x^2 + y^2"))).toBe(1);
    // The cars' 392 rows: 200² · 1001 · 39.2 > 4e8 ≥ 100² · 1001 · 39.2.
    expect(basinResolutions(1000, 200, 39.2)).toEqual([50, 100]);
    expect(basinResolutions(1000, 200, 5)).toEqual([50, 100, 200]);
  });

  it("stops at a finer or coarser size when asked", () => {
    expect(basinResolutions(1000, 300)).toEqual([50, 100, 300]);
    expect(basinResolutions(1000, 100)).toEqual([50, 100]);
  });
});
