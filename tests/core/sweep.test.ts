import { describe, expect, it } from "vitest";
import { parseSurface } from "../../src/core/surface.ts";
import { learningRateSweep, logSpaced, stabilityAt } from "../../src/core/sweep.ts";

describe("logSpaced", () => {
  it("spaces rates evenly in the logarithm, ends included", () => {
    const rates = logSpaced(0.001, 1, 4);
    [0.001, 0.01, 0.1, 1].forEach((expected, i) => expect(rates[i]).toBeCloseTo(expected, 14));
    expect(logSpaced(0.5, 0.5, 1)).toEqual([0.5]);
  });

  it("rounds every rate to 3 significant digits, more only where 3 would repeat one", () => {
    // 10^(−2 + k/3): 0.01, 0.0215443…, 0.0464158…, 0.1.
    expect(logSpaced(0.01, 0.1, 4)).toEqual([0.01, 0.0215, 0.0464, 0.1]);
    // 1·1.0001^(k/2): 1, 1.0000499…, 1.0001 need 6 digits to stay apart.
    expect(logSpaced(1, 1.0001, 3)).toEqual([1, 1.00005, 1.0001]);
    expect(logSpaced(0.123456, 0.123456, 1)).toEqual([0.123]);
  });

  it("rejects rates that are not positive and counts that are not whole", () => {
    expect(() => logSpaced(0, 1, 3)).toThrow(/greater than 0/);
    expect(() => logSpaced(1, 0.1, 3)).toThrow(/lrMin must not exceed lrMax/);
    expect(() => logSpaced(0.1, 1, 2.5)).toThrow(/count/);
  });
});

describe("learningRateSweep", () => {
  // H = [[2, 0], [0, 4]] everywhere: λmax = 4, edge 2/4 = 0.5.
  const bowl = parseSurface("x^2 + 2*y^2");

  it("reports λmax = 4 and the edge 0.5 on x² + 2y², and every rate falls on its side", () => {
    const sweep = learningRateSweep(bowl, {
      start: [3, 2],
      lrMin: 0.01,
      lrMax: 1,
      count: 21,
      maxSteps: 5000,
    });
    expect(sweep.stability).not.toBeNull();
    expect(sweep.stability!.lambdaMax).toBeCloseTo(4, 10);
    expect(sweep.stability!.edge).toBeCloseTo(0.5, 10);
    expect(sweep.stability!.minimum[0]).toBeCloseTo(0, 6);
    expect(sweep.entries).toHaveLength(21);
    for (const entry of sweep.entries) {
      if (entry.lr < 0.49) expect(entry.status, `lr ${entry.lr}`).toBe("converged");
      if (entry.lr > 0.51) expect(entry.status, `lr ${entry.lr}`).toBe("diverged");
    }
  });

  it("finds the curvature with a backtracking run when no swept rate converges", () => {
    const sweep = learningRateSweep(bowl, {
      start: [3, 2],
      lrMin: 1e-6,
      lrMax: 1e-5,
      count: 3,
      maxSteps: 50,
    });
    expect(sweep.entries.every((e) => e.status === "max-steps")).toBe(true);
    expect(sweep.stability!.edge).toBeCloseTo(0.5, 10);
  });

  it("has no edge where there is no minimum (a saddle)", () => {
    const saddle = parseSurface("x^2 - y^2");
    expect(stabilityAt(saddle, [0, 0])).toBeNull();
  });

  it("uses f'' in one variable: 3x² has λ = 6 and edge 1/3", () => {
    const parabola = parseSurface("3*x^2");
    const sweep = learningRateSweep(parabola, { start: [1], lrMin: 0.01, lrMax: 0.1, count: 2 });
    expect(sweep.stability!.lambdaMax).toBeCloseTo(6, 12);
    expect(sweep.stability!.edge).toBeCloseTo(1 / 3, 12);
  });

  it("refuses a rule without a learning rate", () => {
    expect(() =>
      learningRateSweep(bowl, {
        start: [1, 1],
        optimizer: "linesearch",
        lrMin: 0.1,
        lrMax: 1,
        count: 2,
      }),
    ).toThrow(/no learning rate/);
  });
});
