import { describe, expect, it } from "vitest";
import type { Dataset } from "../../../src/core/data/datasets.ts";
import { noisyLine, tanhUnitData } from "../../../src/core/data/datasets.ts";
import { dataLossSurface, type DataSurface } from "../../../src/core/data/loss.ts";
import { lineModel, modelKeys, models, type Model } from "../../../src/core/data/models.ts";

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

/** [f, ∂f/∂p1, ∂f/∂p2, ∂²f/∂p1², ∂²f/∂p1∂p2, ∂²f/∂p2²] at (p1, p2). */
function everything(surface: DataSurface, p1: number, p2: number): number[] {
  return [
    surface.f(p1, p2),
    surface.dfdx(p1, p2),
    surface.dfdy(p1, p2),
    surface.d2fdx2(p1, p2),
    surface.d2fdxdy(p1, p2),
    surface.d2fdy2(p1, p2),
  ];
}

/**
 * F(x) = p·x + q·x³, a model outside the registry: ∂F/∂p = x, ∂F/∂q = x³, no second
 * derivatives.
 */
const cubicTemplate: Model = {
  ...lineModel,
  formula: "p·x + q·x³",
  value: (p, q, x) => p * x + q * x * x * x,
  residualSum(p, q, xs, ys, squared) {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) {
      const r = p * xs[i]! + q * xs[i]! ** 3 - ys[i]!;
      sum += squared ? r * r : Math.abs(r);
    }
    return sum;
  },
  derivatives(p, q, x, out) {
    out[0] = p * x + q * x ** 3;
    out[1] = x;
    out[2] = x ** 3;
    out[3] = 0;
    out[4] = 0;
    out[5] = 0;
  },
};

describe("a model object outside the registry", () => {
  // Points (1, 1), (−1, 0), (2, 3); at (p, q) = (1, 0) the model predicts 1, −1, 2, so the
  // residuals are 0, −1, −1.
  const three = dataset([
    [1, 1],
    [-1, 0],
    [2, 3],
  ]);

  it("MSE through its own derivatives: (2/3)Σ r·x, (2/3)Σ r·x³, (2/3)Σ x², Σ x⁴, Σ x⁶", () => {
    // f = 2/3; ∂p = (2/3)(0 + 1 − 2) = −2/3; ∂q = (2/3)(0 + 1 − 8) = −14/3;
    // ∂²p = (2/3)(1 + 1 + 4) = 4; ∂p∂q = (2/3)(1 + 1 + 16) = 12; ∂²q = (2/3)(1 + 1 + 64) = 44.
    const surface = dataLossSurface(three, cubicTemplate, "mse");
    const expected = [2 / 3, -2 / 3, -14 / 3, 4, 12, 44];
    everything(surface, 1, 0).forEach((v, i) => expect(v, `entry ${i}`).toBeCloseTo(expected[i]!));
    expect(surface.text).toBe("MSE of p·x + q·x³ on the test points (3 points)");
  });

  it("MAE through its own derivatives, and a batch of the last row alone", () => {
    // ∂p = (1/3)(0·1 + (−1)(−1) + (−1)·2) = −1/3; ∂q = (1/3)(0 + 1 − 8) = −7/3.
    const surface = dataLossSurface(three, cubicTemplate, "mae");
    const expected = [2 / 3, -1 / 3, -7 / 3, 0, 0, 0];
    everything(surface, 1, 0).forEach((v, i) => expect(v, `entry ${i}`).toBeCloseTo(expected[i]!));
    // Row 2 alone under MSE: 2·r·x = 2·(−1)·2 and 2·r·x³ = 2·(−1)·8.
    const out = [0, 0];
    dataLossSurface(three, cubicTemplate, "mse").batchGradient(1, 0, [2, 1], 1, out);
    expect(out).toEqual([-4, -16]);
    expect(() => surface.batchGradient(1, 0, [3], 1, out)).toThrow(/row 3 is outside 0..2/);
  });
});

describe("the registry's models against the general formula over Model.derivatives", () => {
  // A copy of a registry model is not the registry's object, so its surface sums through
  // `residualSum` and `derivatives`: the same numbers, bit for bit, must come out.
  const cases: [string, Dataset][] = [
    ["noisy line", noisyLine({ n: 40, seed: 9 })],
    ["tanh data", tanhUnitData()],
  ];
  const points: [number, number][] = [
    [0.7, -0.4],
    [-1.3, 2.2],
    [0, 0],
    [2.5, -3],
  ];

  for (const [name, data] of cases) {
    for (const key of modelKeys) {
      for (const loss of ["mse", "mae"] as const) {
        it(`${key} × ${loss} on the ${name}`, () => {
          const fast = dataLossSurface(data, key, loss);
          const general = dataLossSurface(data, { ...models[key] }, loss);
          for (const [p1, p2] of points) {
            expect(everything(fast, p1, p2)).toEqual(everything(general, p1, p2));
            // A gradient, then a Hessian, at a new p2 alone and at a new p1 alone, each without
            // a value first.
            expect(fast.dfdy(p1, p2 + 0.5)).toBe(general.dfdy(p1, p2 + 0.5));
            expect(fast.dfdx(p1 - 0.25, p2)).toBe(general.dfdx(p1 - 0.25, p2));
            expect(fast.d2fdxdy(p1 + 0.125, p2)).toBe(general.d2fdxdy(p1 + 0.125, p2));
            // Batches at the point last asked and at a point never asked.
            const rows = Uint32Array.from([3, 0, 7, 1, 5]);
            for (const at of [p1 + 0.125, p1 + 1]) {
              const a = new Float64Array(2);
              const b = new Float64Array(2);
              fast.batchGradient(at, p2, rows, 4, a);
              general.batchGradient(at, p2, rows, 4, b);
              expect(Array.from(a)).toEqual(Array.from(b));
            }
            // After a batch the full gradient is the full one again.
            expect(fast.dfdx(p1 + 1, p2)).toBe(general.dfdx(p1 + 1, p2));
          }
        });
      }
    }
  }
});
