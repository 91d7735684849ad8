import { describe, expect, it } from "vitest";
import { sampleGrid } from "../../src/core/grid.ts";
import {
  contourLevels,
  contourLines,
  marchingSquares,
  quantileSorted,
} from "../../src/core/contour.ts";

function endpoints(segments: Float32Array): [number, number][] {
  const points: [number, number][] = [];
  for (let k = 0; k < segments.length; k += 2) points.push([segments[k]!, segments[k + 1]!]);
  return points;
}

function totalLength(segments: Float32Array): number {
  let length = 0;
  for (let k = 0; k < segments.length; k += 4) {
    length += Math.hypot(segments[k + 2]! - segments[k]!, segments[k + 3]! - segments[k + 1]!);
  }
  return length;
}

describe("marchingSquares", () => {
  const paraboloid = sampleGrid(
    { f: (x, y) => x * x + y * y },
    { xmin: -2, xmax: 2, ymin: -2, ymax: 2 },
    81,
    81,
  );

  it.each([0.5, 1, 1.5])("draws the level r^2 of x^2 + y^2 on the circle of radius %s", (r) => {
    const segments = marchingSquares(paraboloid, r * r);
    expect(segments.length).toBeGreaterThan(0);
    for (const [x, y] of endpoints(segments)) {
      // Edge interpolation of a quadratic over a cell of side 0.05 is off by at most h^2/(8r).
      expect(Math.abs(Math.hypot(x, y) - r)).toBeLessThan(0.0025 / r + 1e-6);
    }
    expect(totalLength(segments)).toBeCloseTo(2 * Math.PI * r, 2);
  });

  it("closes the circle: every endpoint is shared by exactly two segments", () => {
    const counts = new Map<string, number>();
    // 1.1 passes through no grid node, so no crossing degenerates to a corner point.
    for (const [x, y] of endpoints(marchingSquares(paraboloid, 1.1))) {
      const key = `${x.toFixed(5)},${y.toFixed(5)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const count of counts.values()) expect(count).toBe(2);
  });

  it("is exact on a plane: endpoints satisfy x + 2y = c", () => {
    const plane = sampleGrid(
      { f: (x, y) => x + 2 * y },
      { xmin: -1, xmax: 1, ymin: -1, ymax: 1 },
      9,
      7,
    );
    const segments = marchingSquares(plane, 0.3);
    expect(segments.length).toBeGreaterThan(0);
    for (const [x, y] of endpoints(segments)) expect(x + 2 * y).toBeCloseTo(0.3, 6);
  });

  it("follows both axes through the saddle of x*y at level 0", () => {
    const saddle = sampleGrid(
      { f: (x, y) => x * y },
      { xmin: -1, xmax: 1, ymin: -1, ymax: 1 },
      10,
      10,
    );
    const segments = marchingSquares(saddle, 0);
    for (const [x, y] of endpoints(segments))
      expect(Math.min(Math.abs(x), Math.abs(y))).toBeLessThan(1e-6);
    // Both axes (length 2 + 2), except in the centre cell of side 2/9, where marching squares
    // cannot draw a cross and joins neighbouring edge midpoints instead: two diagonals of
    // length sqrt(2)/9 replace four half-axes of length 1/9.
    expect(totalLength(segments)).toBeCloseTo(4 - 4 / 9 + (2 * Math.SQRT2) / 9, 5);
  });

  it("draws nothing for a level outside the range, and skips undefined cells", () => {
    expect(marchingSquares(paraboloid, 100).length).toBe(0);
    const partial = sampleGrid(
      { f: (x) => Math.sqrt(x) },
      { xmin: -1, xmax: 1, ymin: 0, ymax: 1 },
      21,
      3,
    );
    const segments = marchingSquares(partial, 0.5);
    for (const [x] of endpoints(segments)) expect(x).toBeCloseTo(0.25, 2);
  });
});

describe("contourLevels", () => {
  it("uses the quantiles k/(n+1) of the values (NumPy's default definition)", () => {
    const values = Array.from({ length: 101 }, (_, k) => k); // 0..100
    // Quantile p of 0..100 is 100 p: levels 25, 50, 75.
    expect(contourLevels(values, 3)).toEqual([25, 50, 75]);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it("puts levels in the shallow basin of a surface with a steep wall", () => {
    // exp(x^2+y^2) on [-3,3]^2 reaches 6.6e7 at the corners but most of the box lies below 1000.
    const grid = sampleGrid(
      { f: (x, y) => Math.exp(x * x + y * y) },
      { xmin: -3, xmax: 3, ymin: -3, ymax: 3 },
      61,
      61,
    );
    const levels = contourLevels(grid.values, 12);
    expect(levels.filter((l) => l < 100).length).toBeGreaterThanOrEqual(4);
    // Evenly spaced levels would put none below 5e6.
    const even = Array.from({ length: 12 }, (_, k) => 1 + ((grid.max - 1) * (k + 1)) / 13);
    expect(even.filter((l) => l < 100).length).toBe(0);
  });

  it("gives no levels for a constant surface and ignores NaN", () => {
    expect(contourLevels([2, 2, 2, 2], 5)).toEqual([]);
    expect(contourLevels([NaN, 0, 1, 2, 3, 4, NaN], 1)).toEqual([2]);
  });
});

describe("contourLines", () => {
  it("packs levels one after another with offsets", () => {
    const grid = sampleGrid(
      { f: (x, y) => x * x + y * y },
      { xmin: -2, xmax: 2, ymin: -2, ymax: 2 },
      41,
      41,
    );
    const set = contourLines(grid, [1, 2.25]);
    const inner = set.segments.slice(set.offsets[0], set.offsets[1]);
    const outer = set.segments.slice(set.offsets[1], set.offsets[2]);
    expect(totalLength(inner)).toBeCloseTo(2 * Math.PI, 1);
    expect(totalLength(outer)).toBeCloseTo(3 * Math.PI, 1);
    expect(set.offsets[2]).toBe(set.segments.length);
  });
});
