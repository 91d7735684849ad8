import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/core/random.ts";

describe("the seeded generator behind random starts and random rules", () => {
  it("repeats its stream for a seed and differs between seeds", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const first = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(first);
  });

  it("draws uniformly on [0, 1): mean 1/2, variance 1/12 within sampling error", () => {
    const random = createRandom(7);
    const n = 100_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const u = random.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sumSquares += u * u;
    }
    const mean = sum / n;
    // Standard error of the mean: √(1/12 / n) ≈ 0.0009.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sumSquares / n - mean * mean - 1 / 12)).toBeLessThan(0.003);
  });

  it("draws standard normals: mean 0, variance 1, and about 68% within one σ", () => {
    const random = createRandom(11);
    const n = 100_000;
    let sum = 0;
    let sumSquares = 0;
    let withinOne = 0;
    for (let i = 0; i < n; i++) {
      const z = random.normal();
      sum += z;
      sumSquares += z * z;
      if (Math.abs(z) < 1) withinOne++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.015);
    expect(Math.abs(sumSquares / n - 1)).toBeLessThan(0.02);
    // Φ(1) − Φ(−1) = 0.6827.
    expect(Math.abs(withinOne / n - 0.6827)).toBeLessThan(0.006);
  });

  it("accepts any finite seed, and the same text gives the same stream", () => {
    expect(createRandom(-3.5).uniform()).toBe(createRandom(-3.5).uniform());
    expect(createRandom(Number.NaN).seed).toBe(createRandom(1).seed);
    const inRange = createRandom(5).uniformIn(-2, 3);
    expect(inRange >= -2 && inRange < 3).toBe(true);
  });
});
