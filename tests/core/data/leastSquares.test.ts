import { describe, expect, it } from "vitest";
import { loadCars } from "../../../src/core/data/cars.ts";
import {
  fenceData,
  noisyLine,
  noisyParabola,
  type Dataset,
} from "../../../src/core/data/datasets.ts";
import { leastSquares } from "../../../src/core/data/leastSquares.ts";
import { textbookLine } from "../reference/regression.ts";

function dataset(xs: number[], ys: number[]): Dataset {
  return {
    key: "test",
    label: "test points",
    xs: Float64Array.from(xs),
    ys: Float64Array.from(ys),
    xLabel: "x",
    yLabel: "y",
  };
}

function params(result: ReturnType<typeof leastSquares>): readonly [number, number] {
  if (!result.ok) throw new Error(result.reason);
  return result.params;
}

describe("least squares for the line", () => {
  it("recovers exact data y = 3x − 2", () => {
    const [w, b] = params(leastSquares(dataset([-1, 0, 2, 5], [-5, -2, 4, 13]), "line"));
    expect(w).toBeCloseTo(3, 12);
    expect(b).toBeCloseTo(-2, 12);
  });

  it("matches w = cov(x, y)/var(x), b = ȳ − w·x̄ on the noisy line and the cars", async () => {
    for (const data of [
      noisyLine(),
      noisyLine({ n: 7, seed: 9, w: -0.5, b: 4 }),
      await loadCars(),
    ]) {
      const [w, b] = params(leastSquares(data, "line"));
      const { w: tw, b: tb } = textbookLine(data);
      expect(w).toBeCloseTo(tw, 10);
      expect(b).toBeCloseTo(tb, 10);
    }
  });

  it("lands near the noisy line's true parameters (2, 1)", () => {
    const [w, b] = params(leastSquares(noisyLine(), "line"));
    expect(Math.abs(w - 2)).toBeLessThan(0.2);
    expect(Math.abs(b - 1)).toBeLessThan(0.3);
  });

  it("keeps precision for inputs far from 0", () => {
    const xs = [1e6 + 1, 1e6 + 2, 1e6 + 3, 1e6 + 4];
    const [w, b] = params(
      leastSquares(
        dataset(
          xs,
          xs.map((x) => 0.5 * (x - 1e6) + 7),
        ),
        "line",
      ),
    );
    expect(w).toBeCloseTo(0.5, 8);
    expect(b + w * 1e6).toBeCloseTo(7, 6);
  });

  it("says why when every x is the same, or there are too few points", () => {
    const same = leastSquares(dataset([0.1, 0.1, 0.1], [1, 2, 3]), "line");
    expect(same.ok).toBe(false);
    if (!same.ok) expect(same.reason).toMatch(/every x is 0\.1.*slope w is not determined/);
    const one = leastSquares(dataset([1], [2]), "line");
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.reason).toMatch(/at least two points/);
  });
});

describe("least squares for the quadratic template a·x² + b·x", () => {
  it("recovers the fence coefficients a = −1, b = 100 from exact data", () => {
    const [a, b] = params(leastSquares(fenceData(), "quadratic"));
    expect(a).toBeCloseTo(-1, 10);
    expect(b).toBeCloseTo(100, 8);
  });

  it("solves the normal equations: the residuals are orthogonal to x² and to x", () => {
    const data = noisyParabola();
    const [a, b] = params(leastSquares(data, "quadratic"));
    let dotX2 = 0;
    let dotX = 0;
    let scale = 0;
    for (let i = 0; i < data.xs.length; i++) {
      const x = data.xs[i]!;
      const r = a * x * x + b * x - data.ys[i]!;
      dotX2 += r * x * x;
      dotX += r * x;
      scale += Math.abs(data.ys[i]! * x * x);
    }
    expect(Math.abs(dotX2)).toBeLessThan(1e-12 * scale);
    expect(Math.abs(dotX)).toBeLessThan(1e-12 * scale);
    // And near the parabola y = x² the data were made from.
    expect(Math.abs(a - 1)).toBeLessThan(0.1);
    expect(Math.abs(b)).toBeLessThan(0.2);
  });

  it("says why when the inputs take one value besides 0, or are all 0", () => {
    const one = leastSquares(dataset([0, 2, 2, 0], [0, 5, 6, 0]), "quadratic");
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.reason).toMatch(/single value besides 0 \(x = 2\)/);
    const zero = leastSquares(dataset([0, 0], [1, 2]), "quadratic");
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.reason).toMatch(/every x is 0/);
    // Two distinct nonzero values determine it: exact data 2x² − 3x.
    const [a, b] = params(leastSquares(dataset([1, -2], [-1, 14]), "quadratic"));
    expect(a).toBeCloseTo(2, 12);
    expect(b).toBeCloseTo(-3, 12);
  });
});
