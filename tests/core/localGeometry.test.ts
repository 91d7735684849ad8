/**
 * The Hessian's eigen-decomposition, the condition number, the critical-point verdict and the
 * level curves of the local quadratic model, against Hessians worked by hand.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  localGeometryAt,
  quadraticPicture,
  symmetricEigen2,
  type Vec2,
} from "../../src/core/localGeometry.ts";
import { parseSurface } from "../../src/core/surface.ts";

function expectVector(actual: readonly number[], expected: readonly number[], digits = 12) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, digits));
}

/** q(d) = ½ dᵀHd for H = [[a, b], [b, c]]. */
function q(h: [Vec2, Vec2], d: Vec2): number {
  const [[a, b], [, c]] = h;
  return 0.5 * (a * d[0] * d[0] + 2 * b * d[0] * d[1] + c * d[1] * d[1]);
}

describe("localGeometryAt", () => {
  it("x² + 10y²: H = diag(2, 20), λ = 2 along x and 20 along y, κ = 10", () => {
    const geometry = localGeometryAt(parseSurface("x^2 + 10*y^2"), [1, 1]);
    expect(geometry.hessian).toEqual([
      [2, 0],
      [0, 20],
    ]);
    expect(geometry.eigen.values).toEqual([2, 20]);
    expect(geometry.eigen.vectors).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(geometry.positiveDefinite).toBe(true);
    expect(geometry.condition).toBe(10);
    // ∇f = (2x, 20y) = (2, 20): not a critical point, |∇f| = √404.
    expectVector(geometry.gradient, [2, 20]);
    expect(geometry.gradientNorm).toBeCloseTo(Math.sqrt(404), 12);
    expect(geometry.classification).toBeNull();
  });

  it("x² + 10y² at the origin is a minimum; a gradient of 2e-8 still counts as zero", () => {
    const surface = parseSurface("x^2 + 10*y^2");
    expect(localGeometryAt(surface, [0, 0]).classification).toBe("minimum");
    // |∇f| = 2·1e-8 ≤ 1e-6, the tolerance at which a run converges.
    expect(localGeometryAt(surface, [1e-8, 0]).classification).toBe("minimum");
    // |∇f| = 2e-3 is not.
    const away = localGeometryAt(surface, [1e-3, 0]);
    expect(away.classification).toBeNull();
    expect(away.gradientNorm).toBeCloseTo(2e-3, 15);
  });

  it("x² − y²: λ = −2 along y and 2 along x, not positive definite, a saddle at 0", () => {
    const geometry = localGeometryAt(parseSurface("x^2 - y^2"), [0, 0]);
    expect(geometry.eigen.values).toEqual([-2, 2]);
    expect(geometry.eigen.vectors).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(geometry.positiveDefinite).toBe(false);
    expect(geometry.condition).toBeNull();
    expect(geometry.classification).toBe("saddle");
  });

  it("2x² + 2xy + 2y² (H = [[4, 2], [2, 4]]): λ = 2 along (1, −1)/√2, 6 along (1, 1)/√2", () => {
    // det(H − λI) = (4 − λ)² − 4 = 0 gives λ = 4 ∓ 2; (H − 2I)v = 0 gives v ∝ (1, −1).
    const geometry = localGeometryAt(parseSurface("2x^2 + 2x*y + 2y^2"), [0.5, -0.25]);
    expectVector(geometry.eigen.values, [2, 6]);
    expectVector(geometry.eigen.vectors[0], [Math.SQRT1_2, -Math.SQRT1_2]);
    expectVector(geometry.eigen.vectors[1], [Math.SQRT1_2, Math.SQRT1_2]);
    expect(geometry.condition).toBeCloseTo(3, 12);
    // ∇f = (4x + 2y, 2x + 4y) = (1.5, 0).
    expectVector(geometry.gradient, [1.5, 0]);
    expect(geometry.classification).toBeNull();
  });

  it("2x² + xy + 3y² (H = [[4, 1], [1, 6]]): λ = 5 ∓ √2, v₁ ∝ (1, 1 − √2)", () => {
    // (4 − λ)(6 − λ) − 1 = λ² − 10λ + 23 = 0; for λ₁ = 5 − √2 the first row gives
    // (4 − λ₁)·vx + vy = 0, so vy = (1 − √2)·vx.
    const geometry = localGeometryAt(parseSurface("2x^2 + x*y + 3y^2"), [0, 0]);
    expectVector(geometry.eigen.values, [5 - Math.SQRT2, 5 + Math.SQRT2]);
    const norm = Math.sqrt(4 - 2 * Math.SQRT2);
    expectVector(geometry.eigen.vectors[0], [1 / norm, (1 - Math.SQRT2) / norm]);
    // κ = (5 + √2)/(5 − √2) = (27 + 10√2)/23.
    expect(geometry.condition).toBeCloseTo((27 + 10 * Math.SQRT2) / 23, 12);
    expect(geometry.classification).toBe("minimum");
  });

  it("−(x² + y²) is a maximum, x⁴ + y⁴ inconclusive at 0, and neither has a condition number", () => {
    const top = localGeometryAt(parseSurface("-(x^2 + y^2)"), [0, 0]);
    expect(top.classification).toBe("maximum");
    expect(top.condition).toBeNull();
    const flat = localGeometryAt(parseSurface("x^4 + y^4"), [0, 0]);
    expect(flat.eigen.values).toEqual([0, 0]);
    expect(flat.classification).toBe("inconclusive");
    expect(flat.condition).toBeNull();
  });

  it("refuses a one-variable surface", () => {
    expect(() => localGeometryAt(parseSurface("x^2"), [1])).toThrow(RangeError);
  });
});

describe("symmetricEigen2", () => {
  it("every pair satisfies Hv = λv with unit, orthogonal v (random symmetric matrices)", () => {
    const entry = fc.double({ min: -1e3, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(entry, entry, entry, (a, b, c) => {
        const { values, vectors } = symmetricEigen2(a, b, c);
        const scale = Math.max(1, Math.abs(a), Math.abs(b), Math.abs(c));
        expect(values[0]).toBeLessThanOrEqual(values[1]);
        // Trace and determinant are the sum and product of the eigenvalues.
        expect(Math.abs(values[0] + values[1] - (a + c))).toBeLessThan(1e-9 * scale);
        expect(Math.abs(values[0] * values[1] - (a * c - b * b))).toBeLessThan(1e-9 * scale ** 2);
        for (let i = 0; i < 2; i++) {
          const [x, y] = vectors[i]!;
          const lambda = values[i]!;
          expect(Math.abs(Math.hypot(x, y) - 1)).toBeLessThan(1e-12);
          expect(Math.abs(a * x + b * y - lambda * x)).toBeLessThan(1e-9 * scale);
          expect(Math.abs(b * x + c * y - lambda * y)).toBeLessThan(1e-9 * scale);
        }
        const [v1, v2] = vectors;
        expect(Math.abs(v1[0] * v2[0] + v1[1] * v2[1])).toBeLessThan(1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it("a nearly diagonal H gives axes pointing the positive way, as (0, 1) and (1, 0)", () => {
    for (const b of [1e-15, -1e-15]) {
      const { vectors } = symmetricEigen2(20, b, 2);
      // λ₁ = 2 along y, λ₂ = 20 along x; the larger component of each is +1.
      expectVector(vectors[0], [0, 1]);
      expectVector(vectors[1], [1, 0]);
    }
  });

  it("a multiple of the identity keeps the coordinate axes", () => {
    expect(symmetricEigen2(3, 0, 3)).toEqual({
      values: [3, 3],
      vectors: [
        [1, 0],
        [0, 1],
      ],
    });
  });
});

describe("quadraticPicture", () => {
  it("x² + 10y²: an ellipse with semi-axes 1 along x and 1/√10 along y, q = 1 all round", () => {
    const h: [Vec2, Vec2] = [
      [2, 0],
      [0, 20],
    ];
    const picture = quadraticPicture(symmetricEigen2(2, 0, 20), 1);
    expect(picture.kind).toBe("ellipse");
    // Semi-axes rᵢ ∝ 1/√λᵢ with the larger one 1: r₁ = 1, r₂ = √(2/20).
    expect(picture.axes[0].halfLength).toBeCloseTo(1, 14);
    expect(picture.axes[1].halfLength).toBeCloseTo(1 / Math.sqrt(10), 14);
    expect(picture.axes.map((axis) => axis.negative)).toEqual([false, false]);
    expect(picture.curves).toHaveLength(1);
    // q(r₁ v₁) = ½·2·1² = 1: every point of the ellipse is on that level.
    for (const d of picture.curves[0]!) expect(q(h, d)).toBeCloseTo(1, 12);
    const widest = Math.max(...picture.curves[0]!.map((d) => Math.hypot(...d)));
    expect(widest).toBeCloseTo(1, 12);
    expect(picture.asymptotes).toEqual([]);
  });

  it("H = [[4, 2], [2, 4]]: the long axis (1, −1)/√2 has length 2·size, q = size² there", () => {
    const h: [Vec2, Vec2] = [
      [4, 2],
      [2, 4],
    ];
    const picture = quadraticPicture(symmetricEigen2(4, 2, 4), 0.3);
    expect(picture.kind).toBe("ellipse");
    expect(picture.axes[0].halfLength).toBeCloseTo(0.3, 14);
    // r₂ = 0.3·√(2/6).
    expect(picture.axes[1].halfLength).toBeCloseTo(0.3 / Math.sqrt(3), 14);
    // At d = 0.3·(1, −1)/√2, q = ½·λ₁·0.09 = 0.09.
    for (const d of picture.curves[0]!) expect(q(h, d)).toBeCloseTo(0.09, 12);
  });

  it("x² − y²: hyperbolas x² − y² = ±¼ inside |d| ≤ 1, asymptotes y = ±x, the y axis dashed", () => {
    const h: [Vec2, Vec2] = [
      [2, 0],
      [0, -2],
    ];
    const picture = quadraticPicture(symmetricEigen2(2, 0, -2), 1);
    expect(picture.kind).toBe("hyperbola");
    expect(picture.axes[0].lambda).toBe(-2);
    expect(picture.axes[0].direction).toEqual([0, 1]);
    expect(picture.axes[0].negative).toBe(true);
    expect(picture.axes[1].negative).toBe(false);
    expect(picture.curves).toHaveLength(4);
    // Vertices at size/2 = ½ on both axes: q = ½·2·¼ = ¼ on the x branches, −¼ on the y ones.
    const levels = picture.curves.map((branch) => Math.sign(q(h, branch[0]!)));
    expect(levels.sort()).toEqual([-1, -1, 1, 1]);
    for (const branch of picture.curves) {
      for (const d of branch) {
        expect(Math.abs(q(h, d))).toBeCloseTo(0.25, 12);
        expect(Math.hypot(...d)).toBeLessThanOrEqual(1 + 1e-12);
      }
      // Each branch reaches out to |d| = size at both ends.
      expect(Math.hypot(...branch[0]!)).toBeCloseTo(1, 12);
      expect(Math.hypot(...branch[branch.length - 1]!)).toBeCloseTo(1, 12);
    }
    expect(picture.asymptotes).toHaveLength(2);
    for (const a of picture.asymptotes) {
      expect(Math.abs(a[0])).toBeCloseTo(Math.SQRT1_2, 14);
      expect(Math.abs(a[1])).toBeCloseTo(Math.SQRT1_2, 14);
      expect(q(h, a)).toBeCloseTo(0, 14);
    }
  });

  it("one zero eigenvalue (H = diag(2, 0)): two lines parallel to y at x = ±size/2", () => {
    const picture = quadraticPicture(symmetricEigen2(2, 0, 0), 1);
    expect(picture.kind).toBe("parallel-lines");
    const xs = picture.curves.map((line) => line.map((d) => d[0]));
    expect(xs.map((line) => Math.abs(line[0]!))).toEqual([0.5, 0.5]);
    for (const line of xs) expect(line[0]).toBe(line[1]);
  });

  it("H = 0 is flat: no level curves", () => {
    expect(quadraticPicture(symmetricEigen2(0, 0, 0), 1).kind).toBe("flat");
    expect(quadraticPicture(symmetricEigen2(0, 0, 0), 1).curves).toEqual([]);
  });
});
