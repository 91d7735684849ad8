import { describe, expect, it } from "vitest";
import {
  axisScaleText,
  placeCoordinate,
  chooseHeightRule,
  createWorldTransform,
  niceTicks,
  normalizedHeight,
  valueAtHeight,
  worldArrow,
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

describe("createWorldTransform with axes of very different lengths", () => {
  // a in [-2.5, 0.5] (3 wide) and b in [0, 130]: 130 / 3 > 4, so each axis gets its own scale,
  // sx = 2 / 3 and sy = 2 / 130, and the box fills the square [-1, 1]² of world x and z.
  const box = { xmin: -2.5, xmax: 0.5, ymin: 0, ymax: 130 };
  const transform = createWorldTransform(box, chooseHeightRule([0, 1]));

  it("is stretched, with a scale per axis and the one-scale value kept in unitsPerMath", () => {
    expect(transform.stretched).toBe(true);
    expect(transform.unitsPerMathX).toBeCloseTo(2 / 3, 14);
    expect(transform.unitsPerMathY).toBeCloseTo(2 / 130, 14);
    // WORLD_SIZE over the longer side, as for any box.
    expect(transform.unitsPerMath).toBeCloseTo(2 / 130, 14);
    expect(transform.halfWidth).toBeCloseTo(1, 14);
    expect(transform.halfDepth).toBeCloseTo(1, 14);
  });

  it("puts the box's corners on the world square's corners, math y away from the viewer", () => {
    // Centre (-1, 65). worldX(-2.5) = (2/3)(-1.5) = -1; worldZ(0) = -(2/130)(-65) = 1.
    const corners: [number, number, number, number][] = [
      [-2.5, 0, -1, 1],
      [0.5, 0, 1, 1],
      [0.5, 130, 1, -1],
      [-2.5, 130, -1, -1],
    ];
    for (const [x, y, wx, wz] of corners) {
      expect(transform.worldX(x)).toBeCloseTo(wx, 14);
      expect(transform.worldZ(y)).toBeCloseTo(wz, 14);
    }
    expect(transform.worldX(-1)).toBe(0);
    expect(transform.worldZ(65)).toBeCloseTo(0, 14);
    // A tenth of each side is a tenth of the world square's side, 0.2.
    expect(transform.worldX(-2.2) - transform.worldX(-2.5)).toBeCloseTo(0.2, 14);
    expect(transform.worldZ(0) - transform.worldZ(13)).toBeCloseTo(0.2, 14);
  });

  it("inverts with mathX and mathY", () => {
    // mathX(w) = -1 + w / (2/3) = -1 + 1.5 w; mathY(w) = 65 - w / (2/130) = 65 - 65 w.
    expect(transform.mathX(0.5)).toBeCloseTo(-0.25, 14);
    expect(transform.mathX(-1)).toBeCloseTo(-2.5, 14);
    expect(transform.mathY(-0.5)).toBeCloseTo(97.5, 12);
    expect(transform.mathY(1)).toBeCloseTo(0, 12);
    for (const [x, y] of [
      [-2.5, 0],
      [-1.7, 12.5],
      [0.5, 130],
      [40, -300],
    ] as const) {
      expect(transform.mathX(transform.worldX(x))).toBeCloseTo(x, 12);
      expect(transform.mathY(transform.worldZ(y))).toBeCloseTo(y, 10);
    }
  });

  it("measures a math displacement per axis", () => {
    expect(transform.worldLength(3, 0)).toBeCloseTo(2, 14);
    expect(transform.worldLength(0, -130)).toBeCloseTo(2, 14);
    expect(transform.worldLength(3, 130)).toBeCloseTo(2 * Math.SQRT2, 14);
    // (0.3, 6.5) is (0.2, 0.1) in world units.
    expect(transform.worldLength(0.3, 6.5)).toBeCloseTo(Math.sqrt(0.05), 14);
  });

  it("says so in words, with the axes' names and spans", () => {
    expect(axisScaleText(transform, "a", "b")).toBe(
      "Axes at different scales: a spans 3 and b spans 130, drawn the same length: shapes and angles are stretched.",
    );
  });
});

describe("createWorldTransform at one scale", () => {
  it("keeps one scale for a 5 × 4 box: s = 2 / 5", () => {
    const transform = createWorldTransform(
      { xmin: 0, xmax: 5, ymin: 0, ymax: 4 },
      chooseHeightRule([0, 1]),
    );
    expect(transform.stretched).toBe(false);
    expect(transform.unitsPerMath).toBe(0.4);
    expect(transform.unitsPerMathX).toBe(0.4);
    expect(transform.unitsPerMathY).toBe(0.4);
    expect(transform.worldX(5)).toBeCloseTo(1, 15);
    expect(transform.worldZ(4)).toBeCloseTo(-0.8, 15);
    expect(transform.halfWidth).toBeCloseTo(1, 15);
    expect(transform.halfDepth).toBeCloseTo(0.8, 15);
    expect(transform.mathX(-1)).toBeCloseTo(0, 15);
    expect(transform.mathY(0.8)).toBeCloseTo(0, 15);
    // A 3-4-5 displacement: 5 math units, 2 world units.
    expect(transform.worldLength(3, 4)).toBeCloseTo(2, 15);
    expect(axisScaleText(transform)).toBeNull();
  });

  it("keeps one scale at a ratio of exactly 4 and stretches just past it", () => {
    const rule = chooseHeightRule([0, 1]);
    const wide = createWorldTransform({ xmin: 0, xmax: 4, ymin: 0, ymax: 1 }, rule);
    expect(wide.stretched).toBe(false);
    expect(wide.halfDepth).toBe(0.25);
    const tall = createWorldTransform({ xmin: -1, xmax: 0, ymin: 10, ymax: 14 }, rule);
    expect(tall.stretched).toBe(false);
    expect(tall.halfWidth).toBe(0.25);
    const wider = createWorldTransform({ xmin: 0, xmax: 4.5, ymin: 0, ymax: 1 }, rule);
    expect(wider.stretched).toBe(true);
    expect(wider.halfDepth).toBeCloseTo(1, 15);
    expect(wider.unitsPerMathY).toBe(2);
    const taller = createWorldTransform({ xmin: 0, xmax: 1, ymin: 0, ymax: 4.5 }, rule);
    expect(taller.stretched).toBe(true);
    expect(taller.unitsPerMathX).toBe(2);
  });
});

describe("worldArrow", () => {
  const rule = chooseHeightRule([0, 1]);

  /** The tip of an arrow drawn with heading h and length L from world (wx, wz): a rotation by h
   * about world +y takes +x to (cos h, 0, −sin h). */
  const tip = (wx: number, wz: number, arrow: { heading: number; length: number }) => [
    wx + arrow.length * Math.cos(arrow.heading),
    wz - arrow.length * Math.sin(arrow.heading),
  ];

  it("leaves angle and math length at one scale but for the factor s", () => {
    const transform = createWorldTransform({ xmin: 0, xmax: 5, ymin: 0, ymax: 4 }, rule);
    expect(worldArrow(transform, 2.5, 0.5)).toEqual({ heading: 2.5, length: 0.2 });
  });

  it("points, when stretched, where the math vector's tip lands in the picture", () => {
    const transform = createWorldTransform({ xmin: -2.5, xmax: 0.5, ymin: 0, ymax: 130 }, rule);
    // Along a: 1.5 math units are 1 world unit; along b: 13 math units are 0.2.
    const alongA = worldArrow(transform, 0, 1.5);
    expect(alongA.heading).toBe(0);
    expect(alongA.length).toBeCloseTo(1, 14);
    const alongB = worldArrow(transform, Math.PI / 2, 13);
    expect(alongB.heading).toBeCloseTo(Math.PI / 2, 14);
    expect(alongB.length).toBeCloseTo(0.2, 14);
    // The math vector (0.3, 6.5) is (0.2, 0.1) across and up the picture: 0.2 along world x
    // and 0.1 along world −z, so heading atan(1/2) and length √0.05, not the math angle.
    const diagonal = worldArrow(transform, Math.atan2(6.5, 0.3), Math.hypot(0.3, 6.5));
    expect(diagonal.heading).toBeCloseTo(Math.atan(0.5), 12);
    expect(diagonal.length).toBeCloseTo(Math.sqrt(0.05), 12);
    // Any arrow ends where its math vector's tip is placed by the transform.
    for (const angle of [-3, -2, -0.7, 0.1, 1, 2.2, 3.1]) {
      const length = 4;
      const [x, y] = [-1.2, 40];
      const [tx, tz] = tip(
        transform.worldX(x),
        transform.worldZ(y),
        worldArrow(transform, angle, length),
      );
      expect(tx).toBeCloseTo(transform.worldX(x + length * Math.cos(angle)), 12);
      expect(tz).toBeCloseTo(transform.worldZ(y + length * Math.sin(angle)), 12);
    }
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
