import { describe, expect, it } from "vitest";
import {
  defaultStep,
  gradientCheck,
  gradientFiniteDifference,
  hessianFiniteDifference,
  partialDifference,
  relativeError,
  type FiniteDifferenceKind,
} from "../../src/core/finiteDifference.ts";
import { parseSurface } from "../../src/core/surface.ts";
import type { Surface } from "../../src/core/types.ts";

const f = (x: number, y: number) => Math.sin(x) * Math.exp(y);
const x0 = 0.7;
const y0 = 0.3;
const exactDx = Math.cos(x0) * Math.exp(y0);
const exactDy = Math.sin(x0) * Math.exp(y0);

/** Least-squares slope of log10(error) against log10(h). */
function convergenceOrder(kind: FiniteDifferenceKind, hs: number[], axis: 0 | 1): number {
  const exact = axis === 0 ? exactDx : exactDy;
  const points = hs.map((h) => [
    Math.log10(h),
    Math.log10(Math.abs(partialDifference(kind, f, x0, y0, axis, h) - exact)),
  ]);
  const n = points.length;
  const mx = points.reduce((s, [a]) => s + (a ?? 0), 0) / n;
  const my = points.reduce((s, [, b]) => s + (b ?? 0), 0) / n;
  let num = 0;
  let den = 0;
  for (const [a = 0, b = 0] of points) {
    num += (a - mx) * (b - my);
    den += (a - mx) ** 2;
  }
  return num / den;
}

const logSpace = (from: number, to: number, count: number) =>
  Array.from({ length: count }, (_, i) => 10 ** (from + ((to - from) * i) / (count - 1)));

describe("finite differences", () => {
  it("central error falls like h^2, forward and backward like h, before round-off", () => {
    // Truncation dominates here: round-off (~1e-16/h) stays far below the truncation error.
    for (const axis of [0, 1] as const) {
      const central = convergenceOrder("central", logSpace(-1, -3.5, 11), axis);
      const forward = convergenceOrder("forward", logSpace(-1, -5, 11), axis);
      const backward = convergenceOrder("backward", logSpace(-1, -5, 11), axis);
      expect(central).toBeGreaterThan(1.85);
      expect(central).toBeLessThan(2.15);
      expect(forward).toBeGreaterThan(0.9);
      expect(forward).toBeLessThan(1.1);
      expect(backward).toBeGreaterThan(0.9);
      expect(backward).toBeLessThan(1.1);
    }
  });

  it("round-off takes over for tiny h: the default step beats h = 1e-13", () => {
    const errorAt = (kind: FiniteDifferenceKind, h?: number) =>
      Math.abs(partialDifference(kind, f, x0, y0, 0, h) - exactDx);
    expect(errorAt("central")).toBeLessThan(errorAt("central", 1e-13));
    expect(errorAt("forward")).toBeLessThan(errorAt("forward", 1e-13));
    expect(errorAt("central")).toBeLessThan(1e-9);
    expect(errorAt("forward")).toBeLessThan(1e-7);
  });

  it("default steps scale with |x|: sqrt(eps) one-sided, cbrt(eps) central", () => {
    expect(defaultStep("forward", 0)).toBe(2 ** -26);
    expect(defaultStep("backward", 0.5)).toBe(2 ** -26);
    expect(defaultStep("forward", -1000)).toBeCloseTo(1000 * 2 ** -26, 20);
    expect(defaultStep("central", 0)).toBeCloseTo(2 ** (-52 / 3), 20);
    expect(defaultStep("central", 300)).toBeCloseTo(300 * 2 ** (-52 / 3), 15);
  });

  it("the three formulas, on a quadratic where they are exact up to known terms", () => {
    // f = x^2: forward = 2x + h, backward = 2x - h, central = 2x exactly.
    const square = (x: number) => x * x;
    expect(partialDifference("forward", square, 3, 0, 0, 0.5)).toBe(6.5);
    expect(partialDifference("backward", square, 3, 0, 0, 0.5)).toBe(5.5);
    expect(partialDifference("central", square, 3, 0, 0, 0.5)).toBe(6);
    const alongY = (_: number, y: number) => y * y;
    expect(partialDifference("forward", alongY, 3, -2, 1, 0.25)).toBe(-3.75);
  });

  it("gradient in one and two variables", () => {
    const [gx, gy] = gradientFiniteDifference("central", f, x0, y0, 2);
    expect(gx).toBeCloseTo(exactDx, 9);
    expect(gy).toBeCloseTo(exactDy, 9);
    expect(gradientFiniteDifference("central", (x) => x ** 3, 2, 7, 1)).toEqual([
      expect.closeTo(12, 8),
      0,
    ]);
  });

  it("relative error |g - g_fd| / max(|g|, |g_fd|, tiny)", () => {
    expect(relativeError([3, 4], [3, 4])).toBe(0);
    // |(0, 0.5)| = 0.5; norms 5 and sqrt(9 + 20.25)
    expect(relativeError([3, 4], [3, 4.5])).toBeCloseTo(0.5 / Math.sqrt(29.25), 15);
    expect(relativeError([0, 0], [0, 0])).toBe(0);
    expect(relativeError([0], [1e-3])).toBe(1);
  });

  it("gradient check: tiny errors for a right gradient, large for a wrong one", () => {
    const surface = parseSurface("sin(x) exp(y)");
    const check = gradientCheck(surface, [x0, y0]);
    expect(check.exact[0]).toBeCloseTo(exactDx, 14);
    expect(check.central.relativeError).toBeLessThan(1e-9);
    expect(check.forward.relativeError).toBeLessThan(1e-6);
    expect(check.backward.relativeError).toBeLessThan(1e-6);
    expect(check.central.gradient).toHaveLength(2);

    // A gradient missing the exp(y) factor: the check has to flag it.
    const wrong: Surface = { ...surface, dfdx: (x) => Math.cos(x) };
    const flagged = gradientCheck(wrong, [x0, y0]);
    expect(flagged.central.relativeError).toBeGreaterThan(0.1);

    const oneVariable = gradientCheck(parseSurface("x^3"), [2]);
    expect(oneVariable.exact).toEqual([12]);
    expect(oneVariable.central.gradient).toHaveLength(1);
  });

  it("the Hessian by central differences matches the hand Hessian of Himmelblau", () => {
    const himmelblau = (x: number, y: number) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2;
    const [x, y] = [1.3, -0.4];
    const [[fxx, fxy], [fyx, fyy]] = hessianFiniteDifference(himmelblau, x, y, 2);
    expect(fxx).toBeCloseTo(12 * x * x + 4 * y - 42, 5);
    expect(fxy).toBeCloseTo(4 * x + 4 * y, 5);
    expect(fyx).toBe(fxy);
    expect(fyy).toBeCloseTo(4 * x + 12 * y * y - 26, 5);
  });
});
