/**
 * The local shape of f at one point of the plane: the exact Hessian H, its eigenvalues and
 * eigenvectors, the condition number, whether the point is critical (and what kind), and the
 * level curves of the local quadratic model q(d) = ½ dᵀH d that the contour map draws.
 *
 * In the eigenvector basis, d = u·v₁ + w·v₂ gives q = ½(λ₁u² + λ₂w²): a level curve q = c is an
 * ellipse with semi-axes √(2c/λᵢ) when both λ have one sign, a pair of hyperbolas (q = ±c) with
 * asymptotes λ₁u² + λ₂w² = 0 when they have opposite signs, and two parallel lines when one λ
 * is zero. A step of plain descent shrinks the distance along vᵢ by the factor (1 − lr·λᵢ), so
 * a long thin ellipse (a large condition number λmax/λmin) is a valley where descent zig-zags.
 */
import {
  classifyCriticalPoint,
  DEFAULT_ZERO_TOLERANCE,
  gradientVanishes,
  hessianAt,
  symmetricEigenvalues2,
} from "./critical.ts";
import { defaultTolerance } from "./optimizers/engine.ts";
import type { Classification, Surface } from "./types.ts";

/** A vector of the plane, [x, y]. */
export type Vec2 = [number, number];

/** The eigen-decomposition of a symmetric 2×2 matrix. */
export interface SymmetricEigen2 {
  /** Ascending: λ₁ ≤ λ₂. */
  values: [number, number];
  /**
   * Unit eigenvectors, `vectors[i]` for `values[i]`, orthogonal to each other. The sign of an
   * eigenvector is arbitrary; each is turned so that its larger component is positive (x when
   * both are equal in size), so an axis reads (1, 0) or (0, 1), never (−1, 0).
   */
  vectors: [Vec2, Vec2];
}

/**
 * `v` or −v, whichever has its larger component positive; when the two are equal in size
 * (within 1e-9), its x component.
 */
function canonicalSign(v: Vec2): Vec2 {
  const [x, y] = v;
  const lead = Math.abs(Math.abs(x) - Math.abs(y)) <= 1e-9 || Math.abs(x) > Math.abs(y) ? x : y;
  return lead < 0 ? [-x || 0, -y || 0] : v;
}

/**
 * Eigenvalues and unit eigenvectors of the symmetric matrix [[a, b], [b, c]]:
 *   λ = (a + c)/2 ∓ √(((a − c)/2)² + b²)   (see `symmetricEigenvalues2`),
 * v₁ from (H − λ₁I)v = 0, which gives v ∝ (b, λ₁ − a) and v ∝ (λ₁ − c, b); the longer of the two
 * is used (the other can vanish in rounding), computed on H / max|entry|, which has the same
 * eigenvectors. v₂ is v₁ turned by 90°, since the eigenvectors of
 * a symmetric matrix are orthogonal. When H is a multiple of I every direction is an
 * eigenvector, and the axes (1, 0), (0, 1) are returned. Entries that are not finite give NaN.
 */
export function symmetricEigen2(a: number, b: number, c: number): SymmetricEigen2 {
  const values = symmetricEigenvalues2(a, b, c);
  if (![a, b, c, ...values].every(Number.isFinite)) {
    return {
      values,
      vectors: [
        [NaN, NaN],
        [NaN, NaN],
      ],
    };
  }
  // Eigenvectors do not change with the matrix's scale; scaled to entries of at most 1, tiny
  // (subnormal) and huge entries lose no digits in the products below.
  const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
  const [sa, sb, sc] = scale > 0 ? [a / scale, b / scale, c / scale] : [0, 0, 0];
  const [lambda, other] = symmetricEigenvalues2(sa, sb, sc);
  const first: Vec2 = [sb, lambda - sa];
  const second: Vec2 = [lambda - sc, sb];
  const pick = Math.hypot(...first) >= Math.hypot(...second) ? first : second;
  const length = Math.hypot(...pick);
  // Equal eigenvalues of a diagonal matrix, or a gap below rounding: the coordinate axes.
  if (length === 0 || other - lambda <= 4 * Number.EPSILON * Math.abs(other)) {
    return {
      values,
      vectors: [
        [1, 0],
        [0, 1],
      ],
    };
  }
  const v1: Vec2 = [pick[0] / length, pick[1] / length];
  return { values, vectors: [canonicalSign(v1), canonicalSign([-v1[1], v1[0]])] };
}

/** Everything the curvature readout and the map need about f at one point of the plane. */
export interface LocalGeometry {
  point: Vec2;
  /** The exact Hessian [[f_xx, f_xy], [f_xy, f_yy]]. */
  hessian: [Vec2, Vec2];
  eigen: SymmetricEigen2;
  /** Every entry of H is finite (otherwise nothing else here means much). */
  finite: boolean;
  /**
   * H is positive definite: λmin > zeroTol·max(1, largest |entry| of H), the same zero
   * tolerance as the second-derivative test, so a λ that test calls zero is not positive.
   */
  positiveDefinite: boolean;
  /** κ = λmax/λmin when H is positive definite, else null. */
  condition: number | null;
  /** The exact gradient ∇f at the point. */
  gradient: Vec2;
  gradientNorm: number;
  /**
   * The second-derivative test's verdict (core `classifyCriticalPoint`) when the gradient
   * vanishes (core `gradientVanishes`: |∇f| ≤ tol); null when the point is not critical.
   */
  classification: Classification | null;
}

/**
 * The local geometry of a two-variable surface at `point`: H from the exact second derivatives,
 * its eigen-decomposition (`symmetricEigen2`), κ = λmax/λmin for positive definite H, the exact
 * gradient, and the second-derivative test when |∇f| ≤ tol (default: the tolerance at which a
 * run counts as converged). Throws RangeError for a one-variable surface.
 */
export function localGeometryAt(
  surface: Surface,
  point: readonly number[],
  tol: number = defaultTolerance,
): LocalGeometry {
  if (surface.dimension !== 2) {
    throw new RangeError("the local quadratic model is drawn for functions of two variables");
  }
  const x = point[0] ?? NaN;
  const y = point[1] ?? NaN;
  const rows = hessianAt(surface, x, y);
  const a = rows[0]?.[0] ?? NaN;
  const b = rows[0]?.[1] ?? NaN;
  const c = rows[1]?.[1] ?? NaN;
  const eigen = symmetricEigen2(a, b, c);
  const finite = [a, b, c].every(Number.isFinite);
  const scale = Math.max(1, Math.abs(a), Math.abs(b), Math.abs(c));
  const [lambdaMin, lambdaMax] = eigen.values;
  const positiveDefinite = finite && lambdaMin > DEFAULT_ZERO_TOLERANCE * scale;
  const gradient: Vec2 = [surface.dfdx(x, y), surface.dfdy(x, y)];
  const gradientNorm = Math.hypot(...gradient);
  return {
    point: [x, y],
    hessian: [
      [a, b],
      [b, c],
    ],
    eigen,
    finite,
    positiveDefinite,
    condition: positiveDefinite ? lambdaMax / lambdaMin : null,
    gradient,
    gradientNorm,
    classification: gradientVanishes(gradientNorm, tol)
      ? classifyCriticalPoint(surface, [x, y]).classification
      : null,
  };
}

/** What the level curves of q(d) = ½ dᵀH d look like (see the module comment). */
export type LevelCurveKind = "ellipse" | "hyperbola" | "parallel-lines" | "flat" | "undefined";

/** One eigen-axis of the local model, as the map draws it. */
export interface ModelAxis {
  /** Which eigenvalue: 1 for λ₁ (the smaller), 2 for λ₂. */
  index: 1 | 2;
  lambda: number;
  /** Unit eigenvector. */
  direction: Vec2;
  /**
   * How far the axis is drawn either side of the point: the ellipse's semi-axis, otherwise the
   * model's `size`.
   */
  halfLength: number;
  /** λ < 0 (within the zero tolerance, not 0): f curves down along this axis; drawn dashed. */
  negative: boolean;
}

/** The level curves of the local model at one size, in displacements d from the point. */
export interface QuadraticPicture {
  kind: LevelCurveKind;
  /** Polylines of q(d) = ±c, each a list of displacements d (math units). */
  curves: Vec2[][];
  axes: [ModelAxis, ModelAxis];
  /**
   * For an indefinite H, the unit directions of the asymptotes λ₁u² + λ₂w² = 0, that is
   * √|λ₂|·v₁ ± √|λ₁|·v₂ normalised; otherwise empty.
   */
  asymptotes: Vec2[];
}

function combine(u: number, w: number, v1: Vec2, v2: Vec2): Vec2 {
  return [u * v1[0] + w * v2[0], u * v1[1] + w * v2[1]];
}

/**
 * The level curves of q(d) = ½ dᵀH d drawn `size` math units across from the point at most,
 * with `segments` pieces per closed curve (per branch for hyperbolas). An eigenvalue with
 * |λ| ≤ zeroTol·max(1, |λ₁|, |λ₂|) counts as zero. With rᵢ = √(2c/|λᵢ|) the semi-axis (or the
 * vertex distance of a hyperbola) along vᵢ:
 * - both λ of one sign: the ellipse q = c (q = −c for a maximum), c chosen so max rᵢ = size, so
 *   rᵢ = size·√(min|λ|/|λᵢ|): half-lengths ∝ 1/√|λᵢ|;
 * - opposite signs: the hyperbolas q = +c (vertices on the positive axis) and q = −c (on the
 *   negative axis), c chosen so max rᵢ = size/2, each branch u = ±rᵢ·cosh t, w = rⱼ·sinh t
 *   drawn out to |d| = size; and the two asymptotes;
 * - one λ zero: the two lines q = c, parallel to the zero axis at ±size/2 along the other;
 * - both zero ("flat") or H not finite ("undefined"): no curves.
 */
export function quadraticPicture(
  eigen: SymmetricEigen2,
  size = 1,
  segments = 96,
  zeroTol: number = DEFAULT_ZERO_TOLERANCE,
): QuadraticPicture {
  const [l1, l2] = eigen.values;
  const [v1, v2] = eigen.vectors;
  const finite = [l1, l2, ...v1, ...v2].every(Number.isFinite);
  const threshold = zeroTol * Math.max(1, Math.abs(l1), Math.abs(l2));
  const zero1 = !finite || Math.abs(l1) <= threshold;
  const zero2 = !finite || Math.abs(l2) <= threshold;
  const axis = (index: 1 | 2, lambda: number, direction: Vec2, halfLength: number): ModelAxis => ({
    index,
    lambda,
    direction,
    halfLength,
    negative: finite && lambda < -threshold,
  });
  if (!finite) {
    return {
      kind: "undefined",
      curves: [],
      axes: [axis(1, l1, v1, size), axis(2, l2, v2, size)],
      asymptotes: [],
    };
  }
  if (zero1 && zero2) {
    return {
      kind: "flat",
      curves: [],
      axes: [axis(1, l1, v1, size), axis(2, l2, v2, size)],
      asymptotes: [],
    };
  }
  if (zero1 || zero2) {
    // q = ½λw² along the curved axis only: q = c at w = ±size/2, lines parallel to the flat axis.
    const [flat, curved] = zero1 ? [v1, v2] : [v2, v1];
    const offset = size / 2;
    const line = (sign: number): Vec2[] => [
      combine(-size, sign * offset, flat, curved),
      combine(size, sign * offset, flat, curved),
    ];
    return {
      kind: "parallel-lines",
      curves: [line(1), line(-1)],
      axes: [axis(1, l1, v1, zero1 ? size : offset), axis(2, l2, v2, zero2 ? size : offset)],
      asymptotes: [],
    };
  }
  const smallest = Math.min(Math.abs(l1), Math.abs(l2));
  if (Math.sign(l1) === Math.sign(l2)) {
    const r1 = size * Math.sqrt(smallest / Math.abs(l1));
    const r2 = size * Math.sqrt(smallest / Math.abs(l2));
    const ellipse: Vec2[] = [];
    for (let i = 0; i <= segments; i++) {
      const t = (2 * Math.PI * i) / segments;
      ellipse.push(combine(r1 * Math.cos(t), r2 * Math.sin(t), v1, v2));
    }
    return {
      kind: "ellipse",
      curves: [ellipse],
      axes: [axis(1, l1, v1, r1), axis(2, l2, v2, r2)],
      asymptotes: [],
    };
  }
  // Opposite signs: λ₁ < 0 < λ₂ (values are ascending).
  const half = size / 2;
  const r1 = half * Math.sqrt(smallest / Math.abs(l1));
  const r2 = half * Math.sqrt(smallest / Math.abs(l2));
  const curves: Vec2[][] = [];
  // Along v₂ (λ₂ > 0): q = +c at w = ±r₂ cosh t, u = r₁ sinh t; |d|² = r₁² sinh² + r₂² cosh².
  // Along v₁ (λ₁ < 0): q = −c at u = ±r₁ cosh t, w = r₂ sinh t.
  for (const across of [2, 1] as const) {
    const vertex = across === 2 ? r2 : r1;
    const other = across === 2 ? r1 : r2;
    const sinhSquared = Math.max(
      0,
      (size * size - vertex * vertex) / (vertex * vertex + other * other),
    );
    const reach = Math.asinh(Math.sqrt(sinhSquared));
    for (const sign of [1, -1]) {
      const branch: Vec2[] = [];
      for (let i = 0; i <= segments; i++) {
        const t = -reach + (2 * reach * i) / segments;
        const along = sign * vertex * Math.cosh(t);
        const sideways = other * Math.sinh(t);
        branch.push(
          across === 2 ? combine(sideways, along, v1, v2) : combine(along, sideways, v1, v2),
        );
      }
      curves.push(branch);
    }
  }
  const asymptote = (sign: number): Vec2 => {
    const d = combine(Math.sqrt(Math.abs(l2)), sign * Math.sqrt(Math.abs(l1)), v1, v2);
    const length = Math.hypot(...d);
    return [d[0] / length, d[1] / length];
  };
  return {
    kind: "hyperbola",
    curves,
    axes: [axis(1, l1, v1, size), axis(2, l2, v2, size)],
    asymptotes: [asymptote(1), asymptote(-1)],
  };
}
