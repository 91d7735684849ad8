import { describe, expect, it } from "vitest";
import {
  gridResolution,
  linspace,
  quiverField,
  sampleCurve,
  sampleGrid,
} from "../../src/core/grid.ts";

const bowl = {
  f: (x: number, y: number) => x * x + 3 * y * y,
  dfdx: (x: number) => 2 * x,
  dfdy: (_x: number, y: number) => 6 * y,
};
const box = { xmin: -2, xmax: 4, ymin: -1, ymax: 1 };

describe("sampleGrid", () => {
  it("places nodes evenly from edge to edge and stores f at each node row by row", () => {
    const grid = sampleGrid(bowl, box, 7, 5);
    expect([...grid.xs]).toEqual([-2, -1, 0, 1, 2, 3, 4]);
    expect([...grid.ys]).toEqual([-1, -0.5, 0, 0.5, 1]);
    // Node (i = 5, j = 1) is (3, -0.5): 9 + 3 * 0.25.
    expect(grid.values[1 * 7 + 5]).toBe(9.75);
    for (let j = 0; j < 5; j++) {
      for (let i = 0; i < 7; i++) {
        const x = -2 + i;
        const y = -1 + 0.5 * j;
        expect(grid.values[j * 7 + i]).toBeCloseTo(x * x + 3 * y * y, 12);
        expect(grid.gradX![j * 7 + i]).toBeCloseTo(2 * x, 12);
        expect(grid.gradY![j * 7 + i]).toBeCloseTo(6 * y, 12);
      }
    }
    expect(grid.min).toBe(0);
    expect(grid.max).toBe(16 + 3);
    expect(grid.finiteCount).toBe(35);
  });

  it("keeps NaN where f is undefined and leaves it out of min and max", () => {
    const grid = sampleGrid(
      { f: (x) => Math.log(x) },
      { xmin: -1, xmax: 1, ymin: 0, ymax: 1 },
      3,
      2,
    );
    expect(Number.isNaN(grid.values[0]!)).toBe(true);
    expect(grid.values[1]).toBe(-Infinity);
    expect(grid.values[2]).toBe(0);
    expect(grid.finiteCount).toBe(2);
    expect(grid.min).toBe(0);
    expect(grid.max).toBe(0);
    expect(grid.gradX).toBeNull();
  });

  it("rejects empty boxes and absurd sizes with a message naming the problem", () => {
    expect(() => sampleGrid(bowl, { xmin: 1, xmax: 1, ymin: 0, ymax: 1 }, 4)).toThrow(
      /xmin must be less than xmax/,
    );
    expect(() => sampleGrid(bowl, box, 1)).toThrow(/nx must be an integer from 2/);
    expect(() => sampleGrid(bowl, box, 4, 5000)).toThrow(/ny must be/);
  });
});

describe("linspace and sampleCurve", () => {
  it("ends exactly on the upper bound", () => {
    const xs = linspace(0, 0.3, 4);
    expect(xs[3]).toBe(0.3);
    expect(xs[1]).toBeCloseTo(0.1, 15);
  });

  it("samples the fence area A(l) = 100 l - l^2 with its maximum 2500 at l = 50", () => {
    const curve = sampleCurve((l) => 100 * l - l * l, 0, 100, 101);
    expect(curve.values[50]).toBe(2500);
    expect(curve.max).toBe(2500);
    expect(curve.min).toBe(0);
  });
});

describe("gridResolution", () => {
  it("uses fewer nodes while interacting", () => {
    expect(gridResolution("interactive")).toBeLessThan(gridResolution("full"));
    expect(gridResolution("interactive", 1)).toBeLessThan(gridResolution("full", 1));
  });
});

describe("quiverField", () => {
  it("points along the negative gradient with lengths capped at maxLength", () => {
    const grid = sampleGrid(bowl, { xmin: -1, xmax: 1, ymin: -1, ymax: 1 }, 5, 5);
    const arrows = quiverField(grid, 0.3);
    for (let k = 0; k < 25; k++) {
      const [x, y, angle, length] = [...arrows.slice(4 * k, 4 * k + 4)] as number[];
      expect(length!).toBeLessThanOrEqual(0.3 + 1e-7);
      if (x === 0 && y === 0) {
        expect(length).toBe(0);
        continue;
      }
      // -grad f = (-2x, -6y): the unit arrow direction must match it.
      const norm = Math.hypot(2 * x!, 6 * y!);
      expect(Math.cos(angle!)).toBeCloseTo((-2 * x!) / norm, 5);
      expect(Math.sin(angle!)).toBeCloseTo((-6 * y!) / norm, 5);
    }
    // The steepest corner (|grad| = sqrt(40)) is capped; (0.5, 0) with |grad| = 1 is shorter.
    const corner = arrows[4 * 24 + 3]!;
    const gentle = arrows[4 * (2 * 5 + 3) + 3]!;
    expect(corner).toBeCloseTo(0.3, 6);
    expect(gentle).toBeLessThan(corner);
  });

  it("caps lengths in picture units when the axes have different scales", () => {
    // f = 100x + y: ∇f = (100, 1) everywhere. Drawn with 0.01 picture units per unit of x and
    // 1 per unit of y, the step −∇f is p = (−1, −1): every |p| is √2, the reference, so every
    // arrow is drawn maxLength long, along the math angle atan2(−1, −100).
    const slope = { f: (x: number, y: number) => 100 * x + y, dfdx: () => 100, dfdy: () => 1 };
    const grid = sampleGrid(slope, { xmin: 0, xmax: 300, ymin: 0, ymax: 3 }, 4, 3, true);
    const arrows = quiverField(grid, 0.5, 0.01, 1);
    for (let k = 0; k < 12; k++) {
      const angle = arrows[4 * k + 2]!;
      const length = arrows[4 * k + 3]!;
      expect(angle).toBeCloseTo(Math.atan2(-1, -100), 6);
      // The math vector length·(cos a, sin a) is drawn (0.01·length·cos a, length·sin a) long.
      const drawn = Math.hypot(0.01 * length * Math.cos(angle), length * Math.sin(angle));
      expect(drawn).toBeCloseTo(0.5, 6);
      // maxLength · |∇f| / |p| = 0.5 · √10001 / √2.
      expect(length).toBeCloseTo((0.5 * Math.sqrt(10001)) / Math.SQRT2, 4);
    }
  });

  it("with both units 1 is the unscaled field", () => {
    const grid = sampleGrid(bowl, box, 7, 5, true);
    expect(quiverField(grid, 0.3, 1, 1)).toEqual(quiverField(grid, 0.3));
  });
});
