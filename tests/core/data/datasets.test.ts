import { describe, expect, it } from "vitest";
import {
  builtinDatasets,
  defaultDataSeed,
  fenceData,
  noisyLine,
  noisyParabola,
  standardize,
  tanhUnitData,
  type Dataset,
} from "../../../src/core/data/datasets.ts";
import { createRandom } from "../../../src/core/random.ts";

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function populationStd(values: Float64Array): number {
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) ** 2;
  return Math.sqrt(sum / values.length);
}

describe("the noisy line", () => {
  it("is 50 evenly spaced points on [−3, 3] with y = 2x + 1 plus seeded N(0, 0.5²) noise", () => {
    const data = noisyLine();
    expect(data.xs).toHaveLength(50);
    expect(data.xs[0]).toBe(-3);
    expect(data.xs[49]).toBe(3);
    expect(data.xs[1]! - data.xs[0]!).toBeCloseTo(6 / 49, 14);
    expect(data.truth).toEqual({ model: "line", params: [2, 1] });
    // The noise is the seeded generator's normal stream, scaled by σ, in order.
    const random = createRandom(defaultDataSeed);
    for (let i = 0; i < 50; i++) {
      expect(data.ys[i]).toBeCloseTo(2 * data.xs[i]! + 1 + 0.5 * random.normal(), 12);
    }
  });

  it("is the same on every load and changes with the seed", () => {
    expect(Array.from(noisyLine().ys)).toEqual(Array.from(noisyLine().ys));
    expect(Array.from(noisyLine({ seed: 2 }).ys)).not.toEqual(Array.from(noisyLine().ys));
  });

  it("refuses bad settings", () => {
    expect(() => noisyLine({ n: 1 })).toThrow(RangeError);
    expect(() => noisyLine({ xmin: 2, xmax: 2 })).toThrow(RangeError);
    expect(() => noisyLine({ sigma: -1 })).toThrow(RangeError);
  });
});

describe("the other built-in datasets", () => {
  it("noisy parabola: y = x² plus noise, fitted exactly by a = 1, b = 0", () => {
    const data = noisyParabola();
    expect(data.xs).toHaveLength(50);
    const random = createRandom(defaultDataSeed);
    for (let i = 0; i < 50; i++) {
      expect(data.ys[i]).toBeCloseTo(data.xs[i]! ** 2 + 0.5 * random.normal(), 12);
    }
    expect(data.truth).toEqual({ model: "quadratic", params: [1, 0] });
  });

  it("fence: (l, 100·l − l²) for l = 0..99, exactly", () => {
    const data = fenceData();
    expect(data.xs).toHaveLength(100);
    for (let l = 0; l < 100; l++) {
      expect(data.xs[l]).toBe(l);
      expect(data.ys[l]).toBe(l * (100 - l));
    }
    expect(data.ys[50]).toBe(2500);
    expect(data.truth).toEqual({ model: "quadratic", params: [-1, 100] });
  });

  it("tanh-unit data: 30 points, odd (each (x, y) has its mirror (−x, −y))", () => {
    const data = tanhUnitData();
    expect(data.xs).toHaveLength(30);
    const pairs = new Set(Array.from(data.xs, (x, i) => `${x},${data.ys[i]}`));
    for (let i = 0; i < 30; i++) expect(pairs.has(`${-data.xs[i]!},${-data.ys[i]!}`)).toBe(true);
  });

  it("every built-in loads, with matching lengths and finite values", async () => {
    const keys = builtinDatasets.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of builtinDatasets) {
      const data = await entry.load();
      expect(data.key).toBe(entry.key);
      expect(data.ys.length).toBe(data.xs.length);
      expect(data.xs.every(Number.isFinite) && data.ys.every(Number.isFinite)).toBe(true);
    }
  });
});

describe("standardize", () => {
  it("gives inputs with mean 0 and population standard deviation 1, outputs unchanged", () => {
    const data = fenceData();
    const { data: scaled, mean: m, std, sentence } = standardize(data);
    // x = 0..99: mean 49.5, population variance (100² − 1)/12.
    expect(m).toBeCloseTo(49.5, 12);
    expect(std).toBeCloseTo(Math.sqrt((100 * 100 - 1) / 12), 12);
    expect(Math.abs(mean(scaled.xs))).toBeLessThan(1e-14);
    expect(populationStd(scaled.xs)).toBeCloseTo(1, 14);
    expect(Array.from(scaled.ys)).toEqual(Array.from(data.ys));
    expect(sentence).toMatch(/mean 0 and standard deviation 1/);
    expect(sentence).toMatch(/round bowl/);
    expect(scaled.note).toContain(sentence);
    // The original dataset is untouched.
    expect(data.xs[99]).toBe(99);
  });

  it("carries a line's true parameters over: w·x + b = w′·x′ + b′ at every point", () => {
    const data = noisyLine({ xmin: 10, xmax: 30 });
    const { data: scaled } = standardize(data);
    const [w, b] = data.truth!.params;
    const [w2, b2] = scaled.truth!.params;
    for (let i = 0; i < data.xs.length; i++) {
      expect(w2 * scaled.xs[i]! + b2).toBeCloseTo(w * data.xs[i]! + b, 10);
    }
    // The quadratic template has no constant term, so its truth does not carry over.
    expect(standardize(fenceData()).data.truth).toBeUndefined();
  });

  it("refuses inputs that do not vary, with a clear message", () => {
    const flat: Dataset = {
      key: "flat",
      label: "flat data",
      xs: Float64Array.of(0.1, 0.1, 0.1),
      ys: Float64Array.of(1, 2, 3),
      xLabel: "x",
      yLabel: "y",
    };
    expect(() => standardize(flat)).toThrow(/every x is 0\.1.*standard deviation is 0/);
    expect(() =>
      standardize({ ...flat, xs: new Float64Array(0), ys: new Float64Array(0) }),
    ).toThrow(/no points/);
  });
});
