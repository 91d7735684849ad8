import { describe, expect, it } from "vitest";
import {
  placeCoordinate,
  chooseHeightRule,
  createWorldTransform,
  niceTicks,
  normalizedHeight,
  valueAtHeight,
  WORLD_HEIGHT,
  WORLD_SIZE,
} from "../../src/core/transform.ts";
import { sampleGrid } from "../../src/core/grid.ts";

describe("createWorldTransform", () => {
  const box = { xmin: -2, xmax: 6, ymin: 1, ymax: 3 };
  const transform = createWorldTransform(box, chooseHeightRule([0, 10]));

  it("maps the box centre to the origin and the longer side to WORLD_SIZE", () => {
    expect(transform.worldX(2)).toBe(0);
    expect(transform.worldZ(2)).toBeCloseTo(0, 15);
    expect(transform.worldX(6) - transform.worldX(-2)).toBeCloseTo(WORLD_SIZE, 12);
    // Equal aspect: 2 math units of y are a quarter of the 8 units of x.
    expect(Math.abs(transform.worldZ(3) - transform.worldZ(1))).toBeCloseTo(WORLD_SIZE / 4, 12);
    expect(transform.halfWidth).toBeCloseTo(1, 12);
    expect(transform.halfDepth).toBeCloseTo(0.25, 12);
  });

  it("points math y away from a viewer on +z (world z = -y)", () => {
    expect(transform.worldZ(3)).toBeLessThan(transform.worldZ(1));
  });

  it("round-trips math -> world -> math", () => {
    for (const [x, y] of [
      [-2, 1],
      [0.3, 2.7],
      [6, 3],
      [100, -50],
    ] as const) {
      expect(transform.mathX(transform.worldX(x))).toBeCloseTo(x, 10);
      expect(transform.mathY(transform.worldZ(y))).toBeCloseTo(y, 10);
    }
  });

  it("puts fmin at height 0 and fmax at WORLD_HEIGHT, clamping beyond and grounding NaN", () => {
    expect(transform.worldY(0)).toBe(0);
    expect(transform.worldY(10)).toBe(WORLD_HEIGHT);
    expect(transform.worldY(5)).toBeCloseTo(WORLD_HEIGHT / 2, 12);
    expect(transform.worldY(1e18)).toBeCloseTo(1.1 * WORLD_HEIGHT, 12);
    expect(transform.worldY(NaN)).toBe(0);
    expect(transform.colorParameter(-5)).toBe(0);
  });

  it("refuses an empty box", () => {
    expect(() =>
      createWorldTransform({ xmin: 0, xmax: 0, ymin: 0, ymax: 1 }, chooseHeightRule([0, 1])),
    ).toThrow(/xmin must be less than xmax/);
  });
});

describe("chooseHeightRule", () => {
  it("stays linear for an ordinary bowl and says so", () => {
    const grid = sampleGrid(
      { f: (x, y) => x * x + 3 * y * y },
      { xmin: -2, xmax: 2, ymin: -2, ymax: 2 },
      41,
    );
    const rule = chooseHeightRule(grid.values);
    expect(rule.mode).toBe("linear");
    expect(rule.fmin).toBe(0);
    expect(rule.fmax).toBe(16);
    expect(rule.text).toContain("linear");
    expect(rule.text).toContain("16");
  });

  it("switches to a log centred at fmin when a few values dwarf the rest", () => {
    const grid = sampleGrid(
      { f: (x, y) => Math.exp(x * x + y * y) },
      { xmin: -3, xmax: 3, ymin: -3, ymax: 3 },
      61,
    );
    const rule = chooseHeightRule(grid.values);
    expect(rule.mode).toBe("log");
    expect(rule.center).toBe(1);
    expect(rule.text).toMatch(/log10/);
    // The median gets a fair share of the height instead of ~0 under a linear rule.
    const sorted = [...grid.values].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(normalizedHeight(rule, median)).toBeGreaterThan(0.1);
    expect((median - rule.fmin) / (rule.fmax - rule.fmin)).toBeLessThan(0.001);
  });

  it("mirrors the log when a few values are far below the rest", () => {
    const grid = sampleGrid(
      { f: (x, y) => -Math.exp(x * x + y * y) },
      { xmin: -3, xmax: 3, ymin: -3, ymax: 3 },
      61,
    );
    const rule = chooseHeightRule(grid.values);
    expect(rule.mode).toBe("log");
    expect(rule.center).toBe(-1);
    expect(normalizedHeight(rule, rule.fmax)).toBeCloseTo(1, 12);
    expect(normalizedHeight(rule, rule.fmin)).toBeCloseTo(0, 12);
  });

  it("keeps heights increasing in f, and valueAtHeight inverts normalizedHeight", () => {
    const rule = chooseHeightRule([0, 0.5, 1, 2, 1e6, 3, 1, 0.2, 4, 5, 0.1]);
    expect(rule.mode).toBe("log");
    let previous = -Infinity;
    for (const f of [-10, 0, 0.5, 3, 100, 1e6, 1e9]) {
      const n = normalizedHeight(rule, f);
      expect(n).toBeGreaterThan(previous);
      previous = n;
      expect(valueAtHeight(rule, n)).toBeCloseTo(f, Math.abs(f) > 1e5 ? -2 : 8);
    }
    const linear = chooseHeightRule([1, 2, 3]);
    expect(valueAtHeight(linear, normalizedHeight(linear, 2.5))).toBeCloseTo(2.5, 12);
  });

  it("handles constant and empty samples without dividing by zero", () => {
    const flat = chooseHeightRule([4, 4, 4]);
    expect(normalizedHeight(flat, 4)).toBe(0.5);
    const none = chooseHeightRule([NaN, Infinity]);
    expect(Number.isFinite(normalizedHeight(none, 0.5))).toBe(true);
  });
});

describe("niceTicks", () => {
  it("steps by 1, 2 or 5 times a power of ten", () => {
    expect(niceTicks(-2, 2, 4)).toEqual([-2, -1, 0, 1, 2]);
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.1, 0.95, 4)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(-3, 3, 5)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(niceTicks(-3, 3, 3)).toEqual([-2, 0, 2]);
  });

  it("returns nothing for an empty range", () => {
    expect(niceTicks(1, 1)).toEqual([]);
    expect(niceTicks(NaN, 1)).toEqual([]);
  });
});

describe("placeCoordinate", () => {
  it("rounds to the fewest decimals that resolve a thousandth of the range", () => {
    // Range 10: a thousandth is 0.01, two decimals.
    expect(placeCoordinate(-2.3456789, -5, 5)).toBe(-2.35);
    // Range 6: a thousandth is 0.006, so three decimals (0.001 ≤ 0.006 < 0.01).
    expect(placeCoordinate(1.23456, -3, 3)).toBe(1.235);
    // Range 0.02: a thousandth is 2e-5, five decimals.
    expect(placeCoordinate(1.0012345, 0.99, 1.01)).toBe(1.00123);
    // Range 5000: a thousandth is 5, whole numbers; range 2e6: multiples of 1000.
    expect(placeCoordinate(1234.56, -2500, 2500)).toBe(1235);
    expect(placeCoordinate(123456, -1e6, 1e6)).toBe(123000);
  });

  it("clamps into the range, keeping an edge exact", () => {
    expect(placeCoordinate(7, -5, 5)).toBe(5);
    expect(placeCoordinate(5.004, -5, 5)).toBe(5);
    expect(placeCoordinate(-9, -5, 5)).toBe(-5);
    // 1.23456 rounds to 1.235, past the edge: the edge itself is kept.
    expect(placeCoordinate(1.23456, -1.23456, 1.23456)).toBe(1.23456);
  });

  it("moves a point by at most half a thousandth of the range", () => {
    let seed = 7;
    const uniform = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let k = 0; k < 2000; k++) {
      const extent = 10 ** (uniform() * 12 - 6);
      const lo = (uniform() - 0.5) * 10 * extent;
      const value = lo + uniform() * extent;
      const placed = placeCoordinate(value, lo, lo + extent);
      expect(Math.abs(placed - value)).toBeLessThanOrEqual(extent / 2000 + 1e-12 * Math.abs(value));
    }
  });
});
