import { describe, expect, it } from "vitest";
import type { Dataset } from "../../../src/core/data/datasets.ts";
import { noisyLine, tanhUnitData } from "../../../src/core/data/datasets.ts";
import { dataLossSurface, type DataSurface } from "../../../src/core/data/loss.ts";
import { modelKeys } from "../../../src/core/data/models.ts";
import { createRandom } from "../../../src/core/random.ts";

function dataset(points: [number, number][], label = "test points"): Dataset {
  return {
    key: "test",
    label,
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

function expectClose(actual: number[], expected: number[], digits = 12): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value, `entry ${i}`).toBeCloseTo(expected[i]!, digits));
}

describe("values, gradients and Hessians worked out by hand", () => {
  // Points (0, 1), (1, 3), (2, 2); the line at (w, b) = (1, 0) predicts 0, 1, 2, so the
  // residuals r = F − y are −1, −2, 0.
  const three = dataset([
    [0, 1],
    [1, 3],
    [2, 2],
  ]);

  it("MSE of a line: (1/3)(1 + 4 + 0), (2/3)Σ r·x, (2/3)Σ r, (2/3)Σ x², (2/3)Σ x, 2", () => {
    // f = 5/3; ∂w = (2/3)(0·−1 + 1·−2 + 2·0) = −4/3; ∂b = (2/3)(−1 − 2 + 0) = −2;
    // ∂²w = (2/3)(0 + 1 + 4) = 10/3; ∂w∂b = (2/3)(0 + 1 + 2) = 2; ∂²b = 2.
    const surface = dataLossSurface(three, "line", "mse");
    expectClose(everything(surface, 1, 0), [5 / 3, -4 / 3, -2, 10 / 3, 2, 2]);
  });

  it("MAE of a line: sign(r) weights with sign(0) = 0 and a zero Hessian", () => {
    // f = (1 + 2 + 0)/3 = 1; ∂w = (1/3)(−1·0 + −1·1 + 0·2) = −1/3; ∂b = (1/3)(−1 − 1 + 0) = −2/3.
    const surface = dataLossSurface(three, "line", "mae");
    expectClose(everything(surface, 1, 0), [1, -1 / 3, -2 / 3, 0, 0, 0]);
  });

  // Points (1, 2), (−1, 0), (2, 5); the quadratic a·x² + b·x at (1, 1) predicts 2, 0, 6, so the
  // residuals are 0, 0, 1 (two exact zeros, where the MAE subgradient takes sign(0) = 0).
  const quadraticPoints = dataset([
    [1, 2],
    [-1, 0],
    [2, 5],
  ]);

  it("MSE of the quadratic template: Σx⁴, Σx³, Σx² in the Hessian", () => {
    // f = 1/3; ∂a = (2/3)(1·4) = 8/3; ∂b = (2/3)(1·2) = 4/3;
    // ∂²a = (2/3)(1 + 1 + 16) = 12; ∂a∂b = (2/3)(1 − 1 + 8) = 16/3; ∂²b = (2/3)(1 + 1 + 4) = 4.
    const surface = dataLossSurface(quadraticPoints, "quadratic", "mse");
    expectClose(everything(surface, 1, 1), [1 / 3, 8 / 3, 4 / 3, 12, 16 / 3, 4]);
  });

  it("MAE of the quadratic template: exact zeros of r contribute nothing", () => {
    // f = 1/3; ∂a = (1/3)(0 + 0 + 1·4) = 4/3; ∂b = (1/3)(1·2) = 2/3.
    const surface = dataLossSurface(quadraticPoints, "quadratic", "mae");
    expectClose(everything(surface, 1, 1), [1 / 3, 4 / 3, 2 / 3, 0, 0, 0]);
  });

  // Points (1, 1), (−2, 0) and (w1, w2) = (ln 2, 2): tanh(ln 2) = (2 − ½)/(2 + ½) = 3/5 and
  // tanh(−2 ln 2) = −(4 − ¼)/(4 + ¼) = −15/17, so F = 6/5 and −30/17, r = 1/5 and −30/17.
  // ∂F/∂w1 = w2·x·(1 − t²): 2·1·16/25 = 32/25 and 2·(−2)·64/289 = −256/289.
  // ∂F/∂w2 = t: 3/5 and −15/17.
  // ∂²F/∂w1² = −2·w2·x²·t·(1 − t²): −2·2·1·(3/5)(16/25) = −192/125 and
  //   −2·2·4·(−15/17)(64/289) = 15360/4913.
  // ∂²F/∂w1∂w2 = x·(1 − t²): 16/25 and −128/289.
  const tanhPoints = dataset([
    [1, 1],
    [-2, 0],
  ]);
  const w1 = Math.LN2;

  it("MSE of the tanh unit, by the chain rule at a point where tanh is rational", () => {
    const r = [1 / 5, -30 / 17];
    const F1 = [32 / 25, -256 / 289];
    const F2 = [3 / 5, -15 / 17];
    const F11 = [-192 / 125, 15360 / 4913];
    const F12 = [16 / 25, -128 / 289];
    // With n = 2 the factor 2/n is 1.
    const sum = (terms: (i: number) => number) => terms(0) + terms(1);
    const expected = [
      (r[0]! ** 2 + r[1]! ** 2) / 2,
      sum((i) => r[i]! * F1[i]!),
      sum((i) => r[i]! * F2[i]!),
      sum((i) => F1[i]! ** 2 + r[i]! * F11[i]!),
      sum((i) => F1[i]! * F2[i]! + r[i]! * F12[i]!),
      sum((i) => F2[i]! ** 2),
    ];
    // The same numbers in closed form, as a check on the sums above.
    expect(expected[1]).toBeCloseTo(0.256 + 7680 / 4913, 14);
    expect(expected[2]).toBeCloseTo(0.12 + 450 / 289, 14);
    expect(expected[5]).toBeCloseTo(0.36 + 225 / 289, 14);
    expectClose(everything(dataLossSurface(tanhPoints, "tanh-unit", "mse"), w1, 2), expected);
  });

  it("MAE of the tanh unit: sign(1/5) = 1, sign(−30/17) = −1", () => {
    const expected = [
      (1 / 5 + 30 / 17) / 2,
      (32 / 25 + 256 / 289) / 2,
      (3 / 5 + 15 / 17) / 2,
      (-192 / 125 - 15360 / 4913) / 2,
      (16 / 25 + 128 / 289) / 2,
      0,
    ];
    expectClose(everything(dataLossSurface(tanhPoints, "tanh-unit", "mae"), w1, 2), expected);
  });
});

describe("exact derivatives against central differences", () => {
  const data = noisyLine({ n: 20, seed: 5 });
  const random = createRandom(20240611);

  /** Central difference of g along axis 0 (p1) or 1 (p2) with step h. */
  function central(g: (p1: number, p2: number) => number, p1: number, p2: number, axis: 0 | 1) {
    const h = 1e-5 * Math.max(1, Math.abs(axis === 0 ? p1 : p2));
    return axis === 0
      ? (g(p1 + h, p2) - g(p1 - h, p2)) / (2 * h)
      : (g(p1, p2 + h) - g(p1, p2 - h)) / (2 * h);
  }

  /** Smallest |F(xᵢ) − yᵢ| over the data: MAE is smooth only away from its kinks at 0. */
  function smallestResidual(surface: DataSurface, p1: number, p2: number): number {
    let smallest = Infinity;
    for (let i = 0; i < surface.count; i++) {
      const r = surface.model.value(p1, p2, data.xs[i]!) - data.ys[i]!;
      smallest = Math.min(smallest, Math.abs(r));
    }
    return smallest;
  }

  for (const model of modelKeys) {
    for (const loss of ["mse", "mae"] as const) {
      it(`${model} × ${loss}: gradient and Hessian at 20 random points`, () => {
        const surface = dataLossSurface(data, model, loss);
        let checked = 0;
        while (checked < 20) {
          const p1 = random.uniformIn(-2.5, 2.5);
          const p2 = random.uniformIn(-2.5, 2.5);
          // Keep every residual 1e-3 away from 0, 100 steps h beyond where differences reach.
          if (loss === "mae" && smallestResidual(surface, p1, p2) < 1e-3) continue;
          checked++;
          const exact = [
            surface.dfdx(p1, p2),
            surface.dfdy(p1, p2),
            surface.d2fdx2(p1, p2),
            surface.d2fdxdy(p1, p2),
            surface.d2fdy2(p1, p2),
          ];
          const approximate = [
            central(surface.f, p1, p2, 0),
            central(surface.f, p1, p2, 1),
            central(surface.dfdx, p1, p2, 0),
            central(surface.dfdx, p1, p2, 1),
            central(surface.dfdy, p1, p2, 1),
          ];
          // The symmetric partner of the mixed derivative: ∂/∂p1 of ∂f/∂p2.
          approximate.push(central(surface.dfdy, p1, p2, 0));
          exact.push(exact[3]!);
          exact.forEach((value, i) => {
            const scale = Math.max(1, Math.abs(value));
            expect(
              Math.abs(value - approximate[i]!),
              `${model} ${loss} entry ${i} at (${p1}, ${p2})`,
            ).toBeLessThan(1e-6 * scale);
          });
        }
      });
    }
  }
});

describe("surface details", () => {
  it("describes itself and names its axes after the model's parameters", () => {
    const line = dataLossSurface(noisyLine(), "line", "mse");
    expect(line.text).toBe("MSE of w·x + b on the noisy line (50 points)");
    expect(line.normalized).toBe(line.text);
    expect(line.dimension).toBe(2);
    expect(line.paramNames).toEqual(["w", "b"]);
    expect(line.formula).toBe("(1/n)·Σᵢ (w·xᵢ + b − yᵢ)²");
    expect(line.tex.f).toBe("\\frac{1}{n}\\sum_{i=1}^{n} \\left(w x_i + b - y_i\\right)^2");
    expect(line.tex.dfdx).toBe("\\frac{2}{n}\\sum_{i=1}^{n} \\left(w x_i + b - y_i\\right) x_i");
    expect(line.derivativeText.d2fdy2).toBe("2");
    expect(dataLossSurface(tanhUnitData(), "tanh-unit", "mae").paramNames).toEqual(["w₁", "w₂"]);
  });

  it("answers each partial at its own point when the points alternate (no stale cache)", () => {
    const surface = dataLossSurface(noisyLine({ n: 10 }), "tanh-unit", "mse");
    const reference = dataLossSurface(noisyLine({ n: 10 }), "tanh-unit", "mse");
    const a = [reference.dfdx(1, 2), reference.dfdy(1, 2)];
    const b = [reference.dfdx(-0.5, 0.3), reference.dfdy(-0.5, 0.3)];
    expect(surface.dfdx(1, 2)).toBe(a[0]);
    expect(surface.dfdy(-0.5, 0.3)).toBe(b[1]);
    expect(surface.dfdx(-0.5, 0.3)).toBe(b[0]);
    expect(surface.dfdy(1, 2)).toBe(a[1]);
  });

  it("copies the data: changing the dataset afterwards does not change the surface", () => {
    const data = noisyLine({ n: 5 });
    const surface = dataLossSurface(data, "line", "mse");
    const before = surface.f(1, 1);
    data.ys[0] = 1000;
    expect(surface.f(1, 1)).toBe(before);
  });

  it("refuses empty, mismatched and non-finite data and unknown names", () => {
    const empty = dataset([]);
    expect(() => dataLossSurface(empty, "line", "mse")).toThrow(RangeError);
    const mismatched = { ...dataset([[1, 2]]), ys: new Float64Array(2) };
    expect(() => dataLossSurface(mismatched, "line", "mse")).toThrow(/1 x values but 2 y/);
    const nan = dataset([
      [1, 2],
      [NaN, 3],
    ]);
    expect(() => dataLossSurface(nan, "line", "mse")).toThrow(/point 2/);
    expect(() => dataLossSurface(noisyLine(), "cubic", "mse")).toThrow(/unknown model "cubic"/);
    expect(() => dataLossSurface(noisyLine(), "line", "huber")).toThrow(/unknown loss "huber"/);
  });
});

describe("mini-batch gradients", () => {
  const data = noisyLine({ n: 12, seed: 3 });

  it("over every row, in any order, equals the full gradient", () => {
    for (const model of modelKeys) {
      for (const loss of ["mse", "mae"] as const) {
        const surface = dataLossSurface(data, model, loss);
        const rows = Uint32Array.from([5, 0, 11, 3, 2, 9, 1, 8, 4, 10, 7, 6]);
        const out = new Float64Array(2);
        surface.batchGradient(0.7, -0.4, rows, rows.length, out);
        expect(out[0]).toBeCloseTo(surface.dfdx(0.7, -0.4), 12);
        expect(out[1]).toBeCloseTo(surface.dfdy(0.7, -0.4), 12);
      }
    }
  });

  it("over a subset equals the full gradient of a dataset of just those rows", () => {
    const rows = [7, 2, 9, 4, 0];
    const size = 3; // rows 7, 2, 9
    const subset: Dataset = {
      ...data,
      xs: Float64Array.from([data.xs[7]!, data.xs[2]!, data.xs[9]!]),
      ys: Float64Array.from([data.ys[7]!, data.ys[2]!, data.ys[9]!]),
    };
    for (const model of modelKeys) {
      for (const loss of ["mse", "mae"] as const) {
        const surface = dataLossSurface(data, model, loss);
        const reference = dataLossSurface(subset, model, loss);
        const out = [0, 0];
        // A full gradient first, so a stale cached value would show.
        surface.dfdx(1.3, 0.2);
        surface.batchGradient(1.3, 0.2, rows, size, out);
        expect(out[0]).toBeCloseTo(reference.dfdx(1.3, 0.2), 12);
        expect(out[1]).toBeCloseTo(reference.dfdy(1.3, 0.2), 12);
        // And the full gradient afterwards is the full one again.
        expect(surface.dfdx(1.3, 0.2)).toBeCloseTo(
          dataLossSurface(data, model, loss).dfdx(1.3, 0.2),
          12,
        );
      }
    }
  });

  it("refuses a size outside 1..rows.length and rows outside the data", () => {
    const surface = dataLossSurface(data, "line", "mse");
    const out = [0, 0];
    expect(() => surface.batchGradient(0, 0, [1, 2], 0, out)).toThrow(RangeError);
    expect(() => surface.batchGradient(0, 0, [1, 2], 3, out)).toThrow(RangeError);
    expect(() => surface.batchGradient(0, 0, [1, 12], 2, out)).toThrow(/row 12/);
    expect(() => surface.batchGradient(0, 0, [1.5], 1, out)).toThrow(RangeError);
  });
});
