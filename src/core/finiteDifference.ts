/**
 * Finite-difference derivatives, used as approximate gradients and as a check of the exact ones.
 *   forward   ∂f/∂x ≈ (f(x+h) - f(x)) / h          error O(h)
 *   backward  ∂f/∂x ≈ (f(x) - f(x-h)) / h          error O(h)
 *   central   ∂f/∂x ≈ (f(x+h) - f(x-h)) / (2h)     error O(h²)
 */
import type { GradientSource } from "./gradientSources.ts";
import type { Dimension, ScalarFn, Surface } from "./types.ts";

/** The finite-difference gradient sources (every source of ./gradientSources.ts but the exact one). */
export type FiniteDifferenceKind = Exclude<GradientSource, "analytic">;

export const finiteDifferenceKinds: readonly FiniteDifferenceKind[] = [
  "forward",
  "backward",
  "central",
];

/** Smallest denominator of a relative error, so that two zeros compare as equal. */
const TINY = 1e-300;

/**
 * Default step: h = sqrt(eps)·max(1, |x|) for one-sided differences and
 * h = cbrt(eps)·max(1, |x|) for central ones. These balance truncation error (h resp. h²)
 * against round-off (eps/h), so each kind reaches its best accuracy near that h.
 */
export function defaultStep(kind: FiniteDifferenceKind, coordinate: number): number {
  const scale = Math.max(1, Math.abs(coordinate));
  return (kind === "central" ? Math.cbrt(Number.EPSILON) : Math.sqrt(Number.EPSILON)) * scale;
}

/**
 * One partial derivative of f at (x, y) along `axis` (0: x, 1: y) by the chosen difference.
 * The step actually used is (x + h) - x, which is exactly representable, so the division
 * does not add an error of its own. Allocation-free.
 */
export function partialDifference(
  kind: FiniteDifferenceKind,
  f: ScalarFn,
  x: number,
  y: number,
  axis: 0 | 1,
  h?: number,
): number {
  const at = axis === 0 ? x : y;
  const step = h ?? defaultStep(kind, at);
  // Plain branches rather than helper closures: this runs once per optimizer step and axis.
  const up = kind === "backward" ? at : at + step;
  const down = kind === "forward" ? at : at - step;
  const fUp = axis === 0 ? f(up, y) : f(x, up);
  const fDown = axis === 0 ? f(down, y) : f(x, down);
  return (fUp - fDown) / (up - down);
}

/** The gradient [∂f/∂x, ∂f/∂y] by finite differences; ∂f/∂y is 0 in one variable. */
export function gradientFiniteDifference(
  kind: FiniteDifferenceKind,
  f: ScalarFn,
  x: number,
  y: number,
  dimension: Dimension,
  h?: number,
): [number, number] {
  return [
    partialDifference(kind, f, x, y, 0, h),
    dimension === 2 ? partialDifference(kind, f, x, y, 1, h) : 0,
  ];
}

/** Relative error |a - b| / max(|a|, |b|, tiny) of two vectors, in the Euclidean norm. */
export function relativeError(exact: readonly number[], estimate: readonly number[]): number {
  let difference = 0;
  let exactNorm = 0;
  let estimateNorm = 0;
  for (let i = 0; i < exact.length; i++) {
    const a = exact[i] ?? 0;
    const b = estimate[i] ?? 0;
    difference += (a - b) ** 2;
    exactNorm += a * a;
    estimateNorm += b * b;
  }
  return Math.sqrt(difference) / Math.max(Math.sqrt(exactNorm), Math.sqrt(estimateNorm), TINY);
}

export interface GradientCheckEntry {
  gradient: number[];
  /** |g - g_fd| / max(|g|, |g_fd|, tiny), Euclidean norms. */
  relativeError: number;
  /** |g - g_fd|: the meaningful figure where the exact gradient is 0 (relative error is then 1). */
  absoluteError: number;
}

export type GradientCheck = Record<FiniteDifferenceKind, GradientCheckEntry> & {
  /** The exact (symbolic) gradient the estimates are compared against. */
  exact: number[];
};

/**
 * Gradient check at a point: the exact gradient, and for each kind of difference its estimate
 * and relative error |g - g_fd| / max(|g|, |g_fd|, tiny). Gradients have one entry in one variable.
 */
export function gradientCheck(
  surface: Surface,
  point: readonly number[],
  h?: number,
): GradientCheck {
  const x = point[0] ?? 0;
  const y = surface.dimension === 2 ? (point[1] ?? 0) : 0;
  const size = surface.dimension;
  const exact = [surface.dfdx(x, y), surface.dfdy(x, y)].slice(0, size);
  const entry = (kind: FiniteDifferenceKind): GradientCheckEntry => {
    const gradient = gradientFiniteDifference(kind, surface.f, x, y, surface.dimension, h).slice(
      0,
      size,
    );
    const absoluteError = Math.hypot(...exact.map((g, i) => g - (gradient[i] ?? 0)));
    return { gradient, relativeError: relativeError(exact, gradient), absoluteError };
  };
  return {
    exact,
    forward: entry("forward"),
    backward: entry("backward"),
    central: entry("central"),
  };
}

/**
 * Hessian by central differences of f:
 *   f_xx ≈ (f(x+h,y) - 2f(x,y) + f(x-h,y)) / h²
 *   f_xy ≈ (f(x+h,y+k) - f(x+h,y-k) - f(x-h,y+k) + f(x-h,y-k)) / (4hk)
 * with default steps eps^(1/4)·max(1, |coordinate|), the balance point for second differences.
 */
export function hessianFiniteDifference(
  f: ScalarFn,
  x: number,
  y: number,
  dimension: Dimension,
  h?: number,
): [[number, number], [number, number]] {
  const quarter = Math.pow(Number.EPSILON, 0.25);
  const hx = h ?? quarter * Math.max(1, Math.abs(x));
  const hy = h ?? quarter * Math.max(1, Math.abs(y));
  const center = f(x, y);
  const fxx = (f(x + hx, y) - 2 * center + f(x - hx, y)) / (hx * hx);
  if (dimension === 1)
    return [
      [fxx, 0],
      [0, 0],
    ];
  const fyy = (f(x, y + hy) - 2 * center + f(x, y - hy)) / (hy * hy);
  const fxy =
    (f(x + hx, y + hy) - f(x + hx, y - hy) - f(x - hx, y + hy) + f(x - hx, y - hy)) / (4 * hx * hy);
  return [
    [fxx, fxy],
    [fxy, fyy],
  ];
}
