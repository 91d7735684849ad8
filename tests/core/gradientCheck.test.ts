import { describe, expect, it } from "vitest";
import {
  bestStep,
  ERROR_FLOOR,
  errorAgainstStep,
  errorCurves,
  gradientCheckAt,
  logSpacedSteps,
  truncationSlope,
} from "../../src/core/gradientCheck.ts";
import { parseSurface } from "../../src/core/surface.ts";

const EPS = Number.EPSILON;

/** |actual − expected| ≤ tolerance·|expected|. */
function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

/** The one error of `kind` at a single step h. */
function errorAt(
  text: string,
  x: number,
  y: number,
  kind: "forward" | "backward" | "central",
  h: number,
): number {
  return errorAgainstStep(parseSurface(text), x, y, kind, [h])[0]!;
}

describe("logSpacedSteps", () => {
  it("runs from 1e-12 to 1e-1 in 45 steps of equal ratio", () => {
    const hs = logSpacedSteps();
    expect(hs).toHaveLength(45);
    expect(hs[0]).toBe(1e-12);
    expect(hs[44]).toBe(1e-1);
    // 11 decades over 44 intervals: a ratio of 10^(1/4) between neighbours.
    for (let i = 1; i < hs.length; i++)
      expectRelativelyClose(hs[i]! / hs[i - 1]!, 10 ** 0.25, 1e-12);
  });
});

describe("the truncation error against hand-worked leading terms", () => {
  // sin at x = 1: f' = cos 1, f'' = −sin 1, f''' = −cos 1.
  it("sin: forward and backward ≈ (h/2)|f''|/|f'| = (h/2)·tan 1 at h = 1e-3", () => {
    const h = 1e-3;
    const expected = (h / 2) * Math.tan(1);
    expectRelativelyClose(errorAt("sin(x)", 1, 0, "forward", h), expected, 0.01);
    expectRelativelyClose(errorAt("sin(x)", 1, 0, "backward", h), expected, 0.01);
  });

  it("sin: central ≈ (h²/6)|f'''|/|f'| = h²/6 at h = 1e-2", () => {
    const h = 1e-2;
    expectRelativelyClose(errorAt("sin(x)", 1, 0, "central", h), (h * h) / 6, 0.01);
  });

  // exp(x) + y² at (0.5, 1): g = (e^0.5, 2); the error vectors are (h/2)(f_xx, f_yy) = (h/2)·g
  // for one-sided differences and (h²/6)(f_xxx, f_yyy) = (h²/6)(e^0.5, 0) for central ones.
  it("exp(x) + y²: forward ≈ (h/2)·|(f_xx, f_yy)|/|g| = h/2 at h = 1e-3", () => {
    const h = 1e-3;
    expectRelativelyClose(errorAt("exp(x) + y^2", 0.5, 1, "forward", h), h / 2, 0.01);
    expectRelativelyClose(errorAt("exp(x) + y^2", 0.5, 1, "backward", h), h / 2, 0.01);
  });

  it("exp(x) + y²: central ≈ (h²/6)·e^0.5/|(e^0.5, 2)| at h = 1e-2", () => {
    const h = 1e-2;
    const e = Math.exp(0.5);
    const expected = ((h * h) / 6) * (e / Math.hypot(e, 2));
    expectRelativelyClose(errorAt("exp(x) + y^2", 0.5, 1, "central", h), expected, 0.01);
  });
});

describe("error against h: the V, its bottom and its truncation slope", () => {
  for (const [text, x, y] of [
    ["sin(x)", 1, 0],
    ["exp(x) + y^2", 0.5, 1],
    ["sin(x) * cos(y)", 1, 0.5],
  ] as const) {
    it(`${text} at (${x}, ${y}): slopes 1, 1, 2; best h near sqrt(ε) and cbrt(ε)`, () => {
      const curves = errorCurves(parseSurface(text), x, y);
      const byKind = Object.fromEntries(curves.map((curve) => [curve.kind, curve]));
      expect(Math.abs(byKind.forward!.truncation!.slope - 1)).toBeLessThan(0.2);
      expect(Math.abs(byKind.backward!.truncation!.slope - 1)).toBeLessThan(0.2);
      expect(Math.abs(byKind.central!.truncation!.slope - 2)).toBeLessThan(0.2);
      // Round-off ε/h against truncation h (one-sided) or h² (central): the balance is near
      // sqrt(ε) ≈ 1.5e-8 and cbrt(ε) ≈ 6e-6.
      for (const kind of ["forward", "backward"] as const) {
        const best = byKind[kind]!.best!.h;
        expect(best).toBeGreaterThanOrEqual(1e-10);
        expect(best).toBeLessThanOrEqual(1e-6);
      }
      const central = byKind.central!.best!.h;
      expect(central).toBeGreaterThanOrEqual(1e-7);
      expect(central).toBeLessThanOrEqual(1e-3);
      // Round-off rises to the left of the bottom: the smallest h is far worse than the best.
      for (const curve of curves) {
        expect(curve.errors[0]!).toBeGreaterThan(100 * curve.best!.error);
      }
    });
  }

  it("fits an exact power law e = 3h² with slope 2 and intercept log₁₀ 3", () => {
    const hs = logSpacedSteps(1e-6, 1e-1, 21);
    const errors = hs.map((h) => 3 * h * h);
    // Best is the smallest h, so the fit runs from 10× it up to e < 0.1 (h < 0.18: every h).
    const fit = truncationSlope(hs, errors)!;
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(Math.log10(3), 12);
    expect(fit.from).toBeCloseTo(1e-5, 18);
    expect(fit.to).toBe(1e-1);
  });

  it("finds the bottom of e = 2h + ε/h at h = sqrt(ε/2), within one grid step", () => {
    const hs = logSpacedSteps();
    const errors = hs.map((h) => 2 * h + EPS / h);
    const best = bestStep(hs, errors)!;
    const ratio = best.h / Math.sqrt(EPS / 2);
    expect(ratio).toBeGreaterThan(10 ** -0.25);
    expect(ratio).toBeLessThan(10 ** 0.25);
  });

  it("stops the fit where the error reaches 0.1", () => {
    // Of the two equal smallest errors the larger h, 1e-3, is the best; the fit starts at 1e-2.
    const hs = [1e-4, 1e-3, 1e-2, 1e-1, 1];
    expect(bestStep(hs, [1e-9, 1e-9, 1e-6, 1e-5, 0.5])!.h).toBe(1e-3);
    // 0.5 at h = 1 ends the side, leaving two points: too few for a slope.
    expect(truncationSlope(hs, [1e-9, 1e-9, 1e-6, 1e-5, 0.5])).toBeNull();
    const longer = [1e-9, 1e-9, 1e-7, 1e-6, 1e-5, 0.5];
    const fitted = truncationSlope([1e-4, 1e-3, 1e-2, 1e-1, 1, 10], longer)!;
    expect(fitted.count).toBe(3);
    expect(fitted.slope).toBeCloseTo(1, 12);
    expect(fitted.to).toBe(1);
  });
});

describe("errors of exactly 0 and points without a value", () => {
  it("f = x: every error is exactly 0, shown at the floor, never -Infinity or NaN", () => {
    // The quotient (f(x + h) − f(x)) / ((x + h) − x) divides a number by itself: exactly 1 = f′.
    const surface = parseSurface("x");
    const hs = logSpacedSteps();
    const errors = errorAgainstStep(surface, 1, 0, "forward", hs);
    for (const error of errors) {
      expect(error).toBe(ERROR_FLOOR);
      expect(Number.isFinite(Math.log10(error))).toBe(true);
    }
    const best = bestStep(hs, errors)!;
    expect(best.error).toBe(ERROR_FLOOR);
    // Nothing but the floor: no slope to fit, rather than a NaN one.
    expect(truncationSlope(hs, errors, best)).toBeNull();
    for (const curve of errorCurves(surface, 1, 0, hs)) {
      expect(Array.from(curve.errors)).toEqual(hs.map(() => ERROR_FLOOR));
      expect(curve.truncation).toBeNull();
    }
  });

  it("log(x) at x = −1: not defined, and says why", () => {
    const check = gradientCheckAt(parseSurface("log(x)"), -1, 0);
    expect(check.defined).toBe(false);
    if (check.defined) return;
    expect(check.problem).toBe("f is not defined here (log of a negative number)");
  });

  it("sqrt(x) at 0: f = 0 but f′ = 1/(2·sqrt 0) is infinite", () => {
    const check = gradientCheckAt(parseSurface("sqrt(x)"), 0, 0);
    expect(check.defined).toBe(false);
    if (check.defined) return;
    expect(check.value).toBe(0);
    expect(check.problem).toMatch(/gradient is not finite.*Infinity/);
  });

  it("a step across the edge of the domain gives NaN for that h only", () => {
    // sqrt(x) at x = 1e-3: backward steps with h > 1e-3 evaluate sqrt of a negative number.
    const hs = [1e-6, 1e-2];
    const errors = errorAgainstStep(parseSurface("sqrt(x)"), 1e-3, 0, "backward", hs);
    expect(Number.isFinite(errors[0]!)).toBe(true);
    expect(Number.isNaN(errors[1]!)).toBe(true);
    expect(bestStep(hs, errors)!.h).toBe(1e-6);
  });
});

describe("gradientCheckAt: the table's numbers at the default steps", () => {
  it("sin at x = 3: exact cos 3, steps sqrt(ε)·3 and cbrt(ε)·3, small errors", () => {
    const check = gradientCheckAt(parseSurface("sin(x)"), 3, 0);
    expect(check.defined).toBe(true);
    if (!check.defined) return;
    expect(check.point).toEqual([3]);
    expect(check.exact).toEqual([Math.cos(3)]);
    expect(check.value).toBe(Math.sin(3));
    expectRelativelyClose(check.steps.forward[0]!, 3 * Math.sqrt(EPS), 1e-15);
    expectRelativelyClose(check.steps.central[0]!, 3 * Math.cbrt(EPS), 1e-15);
    // Truncation (h/2)·tan 3 ≈ 3e-9 plus round-off ε·|sin 3|/(h·|cos 3|) ≈ 7e-10.
    expect(check.forward.relativeError).toBeLessThan(1e-7);
    // h²/6 ≈ 6e-11 plus round-off ≈ 2e-12.
    expect(check.central.relativeError).toBeLessThan(1e-9);
    expect(check.forward.gradient).toHaveLength(1);
  });

  it("two variables: two partials, each axis its own step", () => {
    const check = gradientCheckAt(parseSurface("exp(x) + y^2"), 0.5, -4);
    if (!check.defined) throw new Error("expected a defined check");
    expect(check.exact).toEqual([Math.exp(0.5), -8]);
    expect(check.steps.forward).toEqual([Math.sqrt(EPS), 4 * Math.sqrt(EPS)]);
    expect(check.central.gradient).toHaveLength(2);
  });
});
