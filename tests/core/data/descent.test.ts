import { describe, expect, it } from "vitest";
import {
  fenceData,
  noisyLine,
  tanhUnitData,
  tanhUnitPreset,
} from "../../../src/core/data/datasets.ts";
import { leastSquares } from "../../../src/core/data/leastSquares.ts";
import { dataLossSurface } from "../../../src/core/data/loss.ts";
import { classifyCriticalPoint } from "../../../src/core/critical.ts";
import { runOptimizer } from "../../../src/core/run.ts";

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);
}

describe("gradient descent on loss surfaces from data", () => {
  it("reaches the least-squares line on the noisy line from several starts", () => {
    const data = noisyLine();
    const solution = leastSquares(data, "line");
    if (!solution.ok) throw new Error(solution.reason);
    const surface = dataLossSurface(data, "line", "mse");
    // H = 2·[mean x², mean x; mean x, 1] ≈ diag(6.2, 2) here, so lr 0.1 < 2/6.2 is stable.
    for (const start of [
      [0, 0],
      [5, -4],
      [-3, 6],
      [2, 1],
    ]) {
      const run = runOptimizer(surface, {
        start,
        optimizer: "gd",
        params: { lr: 0.1 },
        maxSteps: 10000,
        tol: 1e-10,
      });
      expect(run.status).toBe("converged");
      expect(distance(run.final.point, solution.params)).toBeLessThan(1e-6);
      expect(run.classification?.classification).toBe("minimum");
    }
  });

  it("fits the fence areas by MAE: from (−2, 30) the loss falls and the run nears (−1, 100)", () => {
    const surface = dataLossSurface(fenceData(), "quadratic", "mae");
    const target = [-1, 100];
    // The true coefficients fit exactly: zero loss.
    expect(surface.f(-1, 100)).toBe(0);
    const run = runOptimizer(surface, {
      start: [-2, 30],
      optimizer: "gd",
      params: { lr: 1e-4 },
      maxSteps: 5000,
    });
    expect(run.status).toBe("max-steps");
    const first = run.values[0]!;
    expect(run.final.value).toBeLessThan(0.2 * first);
    expect(distance(run.final.point, target)).toBeLessThan(distance([-2, 30], target) - 2);
    // Every step raises b: along this run the x-weighted signs of F − y sum to a negative number.
    for (let k = 1; k < run.ys.length; k++) expect(run.ys[k]!).toBeGreaterThan(run.ys[k - 1]!);
  });
});

describe("the tanh unit's two minima", () => {
  const surface = dataLossSurface(tanhUnitData(), tanhUnitPreset.model, tanhUnitPreset.loss);
  // Found independently by Newton's method on a separate implementation of this loss.
  const shallow = { point: [0.695625172728134, 2.798944188671875], value: 0.20280028525938448 };
  const deep = { point: [5.608222802535668, 2.22785552510043], value: 0.13964589879684905 };

  function descend(start: readonly number[]) {
    return runOptimizer(surface, {
      start: [...start],
      optimizer: "gd",
      params: { lr: tanhUnitPreset.lr },
      maxSteps: 20000,
      tol: 1e-8,
    });
  }

  it("plain gradient descent from each preset start ends in a different minimum", () => {
    const toShallow = descend(tanhUnitPreset.starts.shallow);
    const toDeep = descend(tanhUnitPreset.starts.deep);
    for (const [run, minimum] of [
      [toShallow, shallow],
      [toDeep, deep],
    ] as const) {
      expect(run.status).toBe("converged");
      expect(run.classification?.classification).toBe("minimum");
      expect(distance(run.final.point, minimum.point)).toBeLessThan(1e-6);
      expect(run.final.value).toBeCloseTo(minimum.value, 10);
      expect(run.final.point[0]).toBeGreaterThan(0);
    }
    // The deep minimum is at least 20% lower than the shallow one.
    expect(toDeep.final.value).toBeLessThan(0.8 * toShallow.final.value);
  });

  it("has a saddle between the two minima, higher than both", () => {
    // Also from the separate Newton's method: the maximum of the profile between the minima.
    const saddle = [1.584737929893248, 2.357102030336086] as const;
    expect(Math.hypot(surface.dfdx(...saddle), surface.dfdy(...saddle))).toBeLessThan(1e-9);
    expect(classifyCriticalPoint(surface, saddle).classification).toBe("saddle");
    expect(surface.f(...saddle)).toBeCloseTo(0.23423754665658433, 10);
    expect(surface.f(...saddle)).toBeGreaterThan(shallow.value);
    expect(shallow.value).toBeGreaterThan(deep.value);
  });

  it("is symmetric under (w1, w2) → (−w1, −w2)", () => {
    for (const [w1, w2] of [
      [0.7, 2.8],
      [3, -1],
      [-2.5, 0.4],
    ] as const) {
      expect(surface.f(-w1, -w2)).toBeCloseTo(surface.f(w1, w2), 14);
      expect(surface.dfdx(-w1, -w2)).toBeCloseTo(-surface.dfdx(w1, w2), 14);
    }
  });

  it("lies inside the preset's box, with the starts", () => {
    const { box, starts } = tanhUnitPreset;
    for (const [x, y] of [shallow.point, deep.point, starts.shallow, starts.deep]) {
      expect(x).toBeGreaterThan(box.xmin);
      expect(x).toBeLessThan(box.xmax);
      expect(y).toBeGreaterThan(box.ymin);
      expect(y).toBeLessThan(box.ymax);
    }
  });
});
