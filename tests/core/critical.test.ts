import { describe, expect, it } from "vitest";
import {
  classifyCriticalPoint,
  hessianAt,
  symmetricEigenvalues2,
} from "../../src/core/critical.ts";
import { parseSurface } from "../../src/core/surface.ts";

const HIMMELBLAU = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";

describe("classifyCriticalPoint", () => {
  it.each([
    ["x^2 + y^2", "minimum", [2, 2]],
    ["-(x^2 + y^2)", "maximum", [-2, -2]],
    ["x^2 - y^2", "saddle", [-2, 2]],
    ["x y", "saddle", [-1, 1]],
    ["x^4 + y^4", "inconclusive", [0, 0]],
    ["x^2 + y^3", "inconclusive", [0, 2]],
  ])("%s at the origin is a %s", (text, classification, eigenvalues) => {
    const info = classifyCriticalPoint(parseSurface(text), [0, 0]);
    expect(info.classification).toBe(classification);
    expect(info.eigenvalues).toEqual(eigenvalues);
  });

  // Himmelblau's critical points as published (minima: Himmelblau 1972; saddles and the
  // maximum: e.g. the Wikipedia article on Himmelblau's function), to 6 decimals.
  const minima = [
    [3, 2],
    [-2.805118, 3.131312],
    [-3.77931, -3.283186],
    [3.584428, -1.848126],
  ];
  const saddles = [
    [0.086677, 2.884254],
    [-3.073026, -0.081353],
    [3.385154, 0.073852],
    [-0.127961, -1.953715],
  ];
  const maximum = [-0.270845, -0.923039];

  it("Himmelblau's four minima, four saddles and one maximum", () => {
    const surface = parseSurface(HIMMELBLAU);
    const check = (point: number[], expected: string) => {
      const [x = 0, y = 0] = point;
      // The published points really are critical points (to their 6 decimals).
      expect(Math.hypot(surface.dfdx(x, y), surface.dfdy(x, y))).toBeLessThan(1e-3);
      expect(classifyCriticalPoint(surface, point).classification).toBe(expected);
    };
    for (const point of minima) check(point, "minimum");
    for (const point of saddles) check(point, "saddle");
    check(maximum, "maximum");
  });

  it("Himmelblau at (3, 2): eigenvalues of the hand Hessian [[74, 20], [20, 34]]", () => {
    const info = classifyCriticalPoint(parseSurface(HIMMELBLAU), [3, 2]);
    const [l1 = 0, l2 = 0] = info.eigenvalues;
    expect(l1 + l2).toBeCloseTo(108, 10); // trace
    expect(l1 * l2).toBeCloseTo(74 * 34 - 400, 8); // determinant
    expect(l1).toBeLessThan(l2);
  });

  it("Rosenbrock at (1, 1) is a minimum; trace 1002 and determinant 400 of [[802, -400], [-400, 200]]", () => {
    const surface = parseSurface("100 (y - x^2)^2 + (1 - x)^2");
    expect(hessianAt(surface, 1, 1)).toEqual([
      [802, -400],
      [-400, 200],
    ]);
    const info = classifyCriticalPoint(surface, [1, 1]);
    expect(info.classification).toBe("minimum");
    const [l1 = 0, l2 = 0] = info.eigenvalues;
    expect(l1 + l2).toBeCloseTo(1002, 9);
    expect(l1 * l2).toBeCloseTo(400, 6);
  });

  it("one variable: the sign of f''", () => {
    expect(classifyCriticalPoint(parseSurface("x^2"), [0])).toEqual({
      classification: "minimum",
      eigenvalues: [2],
    });
    expect(classifyCriticalPoint(parseSurface("100 x - x^2"), [50]).classification).toBe("maximum");
    expect(classifyCriticalPoint(parseSurface("x^3"), [0]).classification).toBe("inconclusive");
    expect(hessianAt(parseSurface("x^3"), 2, 0)).toEqual([[12]]);
  });

  it("an eigenvalue tiny against the Hessian's scale counts as zero", () => {
    const surface = parseSurface("x^2 + 1e-12 y^2");
    expect(classifyCriticalPoint(surface, [0, 0]).classification).toBe("inconclusive");
    expect(classifyCriticalPoint(surface, [0, 0], 1e-14).classification).toBe("minimum");
  });

  it("a Hessian that is not finite is inconclusive", () => {
    expect(classifyCriticalPoint(parseSurface("sqrt(x) + y^2"), [-1, 0]).classification).toBe(
      "inconclusive",
    );
  });
});

describe("symmetricEigenvalues2", () => {
  it("diagonal, off-diagonal and badly scaled matrices", () => {
    expect(symmetricEigenvalues2(3, 0, -1)).toEqual([-1, 3]);
    expect(symmetricEigenvalues2(0, 1, 0)).toEqual([-1, 1]);
    expect(symmetricEigenvalues2(2, 0, 2)).toEqual([2, 2]);
    const [small, large] = symmetricEigenvalues2(1e8, 0, 1e-8);
    expect(large).toBe(1e8);
    expect(small).toBeCloseTo(1e-8, 20);
  });
});
