import { describe, expect, it } from "vitest";
import type { Dataset } from "../../../src/core/data/datasets.ts";
import { noisyLine } from "../../../src/core/data/datasets.ts";
import { epochOrder } from "../../../src/core/data/epochOrder.ts";
import { leastSquares } from "../../../src/core/data/leastSquares.ts";
import { dataLossSurface } from "../../../src/core/data/loss.ts";
import { batchPlan, epochOfStep, miniBatchGradient } from "../../../src/core/data/miniBatch.ts";
import { runOptimizer } from "../../../src/core/run.ts";
import { parseSurface } from "../../../src/core/surface.ts";

function dataset(points: [number, number][]): Dataset {
  return {
    key: "test",
    label: "test points",
    xs: Float64Array.from(points.map((p) => p[0])),
    ys: Float64Array.from(points.map((p) => p[1])),
    xLabel: "x",
    yLabel: "y",
  };
}

const five = dataset([
  [-2, -3],
  [-1, 0],
  [0, 1],
  [1, 2],
  [3, 8],
]);

describe("batch plans", () => {
  it("cuts n rows into ⌈n/size⌉ steps per epoch", () => {
    expect(batchPlan(10, 3)).toEqual({ size: 3, stepsPerEpoch: 4 });
    expect(batchPlan(10, 1)).toEqual({ size: 1, stepsPerEpoch: 10 });
    expect(batchPlan(10, 10)).toEqual({ size: 10, stepsPerEpoch: 1 });
    expect(epochOfStep(batchPlan(10, 3), 0)).toEqual({ epoch: 0, index: 0 });
    expect(epochOfStep(batchPlan(10, 3), 3)).toEqual({ epoch: 0, index: 3 });
    expect(epochOfStep(batchPlan(10, 3), 4)).toEqual({ epoch: 1, index: 0 });
    expect(epochOfStep(batchPlan(10, 3), 9)).toEqual({ epoch: 2, index: 1 });
  });

  it("refuses a size outside 1..n or not whole", () => {
    for (const size of [0, 11, 2.5, NaN, -1]) {
      expect(() => batchPlan(10, size)).toThrow(/whole number from 1 to 10/);
    }
  });
});

describe("the batch gradient of each step", () => {
  it("averages, weighted by batch size, to the full gradient over one epoch", () => {
    // The batches of an epoch partition the rows, so Σⱼ sizeⱼ·gⱼ = n·g for any point.
    const data = noisyLine({ n: 10, seed: 3 });
    const surface = dataLossSurface(data, "line", "mse");
    const provider = miniBatchGradient(surface, 3, 7);
    const sizes = [3, 3, 3, 1];
    for (const epoch of [0, 1, 5]) {
      let sx = 0;
      let sy = 0;
      for (let j = 0; j < 4; j++) {
        provider.select(epoch * 4 + j);
        sx += sizes[j]! * provider.dfdx(0.7, -0.4);
        sy += sizes[j]! * provider.dfdy(0.7, -0.4);
      }
      expect(sx / 10).toBeCloseTo(surface.dfdx(0.7, -0.4), 12);
      expect(sy / 10).toBeCloseTo(surface.dfdy(0.7, -0.4), 12);
    }
  });

  it("uses the rows of the epoch's shuffle in order, one at a time for size 1", () => {
    // One row's MSE gradient for the line is 2·r·(x, 1), r = w·x + b − y.
    const surface = dataLossSurface(five, "line", "mse");
    const provider = miniBatchGradient(surface, 1, 11);
    const [w, b] = [0.5, -1];
    for (let k = 0; k < 15; k++) {
      const order = epochOrder(5, 11, Math.floor(k / 5));
      const row = order[k % 5]!;
      const x = five.xs[row]!;
      const r = w * x + b - five.ys[row]!;
      provider.select(k);
      expect(provider.dfdx(w, b)).toBeCloseTo(2 * r * x, 12);
      expect(provider.dfdy(w, b)).toBeCloseTo(2 * r, 12);
    }
  });
});

describe("mini-batch runs", () => {
  it("follow θ ← θ − lr·g_batch, stepped by hand, and record the loss over all the data", () => {
    const surface = dataLossSurface(five, "line", "mse");
    const lr = 0.05;
    const run = runOptimizer(surface, {
      start: [0, 0],
      optimizer: "gd",
      params: { lr },
      batch: 2,
      seed: 4,
      maxSteps: 12,
      tol: 0,
    });
    expect(run.batch).toEqual({ size: 2, stepsPerEpoch: 3 });
    let [w, b] = [0, 0];
    for (let k = 0; k < 12; k++) {
      expect(run.xs[k]).toBeCloseTo(w, 12);
      expect(run.ys[k]).toBeCloseTo(b, 12);
      // The loss recorded is the mean over all five points, not over the batch.
      let loss = 0;
      for (let i = 0; i < 5; i++) loss += (w * five.xs[i]! + b - five.ys[i]!) ** 2 / 5;
      expect(run.values[k]).toBeCloseTo(loss, 12);
      const order = epochOrder(5, 4, Math.floor(k / 3));
      const j = k % 3;
      const rows = Array.from(order.subarray(2 * j, Math.min(5, 2 * j + 2)));
      let gw = 0;
      let gb = 0;
      for (const i of rows) {
        const r = w * five.xs[i]! + b - five.ys[i]!;
        gw += (2 * r * five.xs[i]!) / rows.length;
        gb += (2 * r) / rows.length;
      }
      expect(run.gradX[k]).toBeCloseTo(gw, 12);
      expect(run.gradY[k]).toBeCloseTo(gb, 12);
      w -= lr * gw;
      b -= lr * gb;
    }
    expect(run.status).toBe("max-steps");
  });

  it("with a batch of every row, match the full-gradient run exactly", () => {
    const surface = dataLossSurface(noisyLine(), "line", "mse");
    const spec = { start: [4, -3], optimizer: "momentum", params: { lr: 0.05 }, maxSteps: 200 };
    const full = runOptimizer(surface, spec);
    const all = runOptimizer(surface, { ...spec, batch: 50 });
    expect(Array.from(all.xs)).toEqual(Array.from(full.xs));
    expect(Array.from(all.ys)).toEqual(Array.from(full.ys));
    expect(all.batch).toEqual({ size: 50, stepsPerEpoch: 1 });
    expect(full.batch).toBeUndefined();
  });

  it("are reproducible from the seed and differ between seeds", () => {
    const surface = dataLossSurface(noisyLine(), "line", "mse");
    const spec = { start: [0, 0], optimizer: "adam", params: { lr: 0.1 }, batch: 5, maxSteps: 50 };
    const a = runOptimizer(surface, { ...spec, seed: 1 });
    const again = runOptimizer(surface, { ...spec, seed: 1 });
    const other = runOptimizer(surface, { ...spec, seed: 2 });
    expect(Array.from(again.xs)).toEqual(Array.from(a.xs));
    expect(Array.from(other.xs)).not.toEqual(Array.from(a.xs));
  });

  it("settle near the least-squares line when the rate decays, with noise the full run lacks", () => {
    const data = noisyLine();
    const solution = leastSquares(data, "line");
    if (!solution.ok) throw new Error(solution.reason);
    const surface = dataLossSurface(data, "line", "mse");
    const run = runOptimizer(surface, {
      start: [-2, 4],
      optimizer: "gd",
      params: { lr: 0.05 },
      schedule: { kind: "step", params: { step_size: 500, gamma: 0.3 } },
      batch: 5,
      seed: 9,
      maxSteps: 3000,
      tol: 0,
    });
    const [w, b] = [run.final.point[0]!, run.final.point[1]!];
    expect(Math.hypot(w - solution.params[0], b - solution.params[1])).toBeLessThan(0.05);
    // The loss curve is not monotone: some batch steps raise the full loss.
    let rises = 0;
    for (let k = 1; k < 200; k++) if (run.values[k]! > run.values[k - 1]!) rises++;
    expect(rises).toBeGreaterThan(5);
  });

  it("are refused with a reason for typed functions, second-order rules, differences and bad sizes", () => {
    const surface = dataLossSurface(five, "line", "mse");
    const base = { start: [0, 0], optimizer: "gd" };
    expect(() => runOptimizer(parseSurface("x^2 + y^2"), { ...base, batch: 2 })).toThrow(
      /only to a loss over data/,
    );
    expect(() => runOptimizer(surface, { ...base, optimizer: "newton", batch: 2 })).toThrow(
      /takes no mini-batches/,
    );
    expect(() => runOptimizer(surface, { ...base, gradient: "central", batch: 2 })).toThrow(
      /exact gradient over each batch/,
    );
    expect(() => runOptimizer(surface, { ...base, batch: 6 })).toThrow(/from 1 to 5, got 6/);
    expect(() => runOptimizer(surface, { ...base, batch: 0 })).toThrow(/from 1 to 5, got 0/);
  });
});

describe("a mini-batch that fits one batch exactly", () => {
  it("is not taken for convergence: the run goes on, and its final gradient is the full one", () => {
    // Rows (1, 5), (0, 0), (2, 10), (3, 15) and the start (w, b) = (0, 0): the row (0, 0) is fitted
    // exactly, so its one-row gradient 2·r·(x, 1) is (0, 0), while over all four rows it is
    // (2/4)·Σ (0 − y)·(x, 1) = (−35, −15).
    const surface = dataLossSurface(
      dataset([
        [1, 5],
        [0, 0],
        [2, 10],
        [3, 15],
      ]),
      "line",
      "mse",
    );
    expect(surface.dfdx(0, 0)).toBeCloseTo(-35, 12);
    expect(surface.dfdy(0, 0)).toBeCloseTo(-15, 12);
    for (let seed = 1; seed <= 8; seed++) {
      const run = runOptimizer(surface, {
        start: [0, 0],
        optimizer: "gd",
        params: { lr: 0.01 },
        batch: 1,
        seed,
        maxSteps: 3,
      });
      expect(run.status).toBe("max-steps");
      expect(run.steps).toBe(3);
      const [w, b] = run.final.point as [number, number];
      expect(run.final.gradientNorm).toBeCloseTo(
        Math.hypot(surface.dfdx(w, b), surface.dfdy(w, b)),
        12,
      );
    }
  });
});
