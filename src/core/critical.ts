/**
 * The second-derivative test at a critical point, from the eigenvalues of the exact Hessian.
 */
import { defaultTolerance } from "./optimizers/engine.ts";
import type { CriticalPointInfo, Surface } from "./types.ts";

/**
 * The one rule for "the gradient is zero here": |∇f| ≤ tol, by default the tolerance at which a
 * run counts as converged (1e-6), so a point the command line calls critical is a point where a
 * run would stop.
 */
export function gradientVanishes(gradientNorm: number, tol: number = defaultTolerance): boolean {
  return gradientNorm <= tol;
}

/** Eigenvalues within this fraction of the Hessian's scale count as zero. */
export const DEFAULT_ZERO_TOLERANCE = 1e-8;

/**
 * The exact Hessian [[f_xx, f_xy], [f_xy, f_yy]] at (x, y); in one variable [[f'']].
 */
export function hessianAt(surface: Surface, x: number, y: number): number[][] {
  if (surface.dimension === 1) return [[surface.d2fdx2(x, 0)]];
  const fxy = surface.d2fdxdy(x, y);
  return [
    [surface.d2fdx2(x, y), fxy],
    [fxy, surface.d2fdy2(x, y)],
  ];
}

/**
 * Eigenvalues of the symmetric matrix [[a, b], [b, c]], ascending, in closed form:
 *   λ = (a + c)/2 ∓ sqrt(((a - c)/2)² + b²)
 * The root is computed with Math.hypot so it never overflows or loses the sign structure.
 */
export function symmetricEigenvalues2(a: number, b: number, c: number): [number, number] {
  const mean = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  // The smaller-magnitude root by Vieta (λ1 λ2 = ac - b²) avoids cancellation in mean ∓ radius.
  const large = mean >= 0 ? mean + radius : mean - radius;
  const determinant = a * c - b * b;
  const small = large !== 0 ? determinant / large : 0;
  return large >= small ? [small, large] : [large, small];
}

/**
 * Classifies a critical point by the eigenvalues λ of the Hessian: all λ > 0 minimum,
 * all λ < 0 maximum, mixed signs saddle, and inconclusive when some |λ| ≤ zeroTol·scale
 * (scale = max(1, largest |entry| of the Hessian)) or an entry is not finite.
 * In one variable the single eigenvalue is f''.
 */
export function classifyCriticalPoint(
  surface: Surface,
  point: readonly number[],
  zeroTol: number = DEFAULT_ZERO_TOLERANCE,
): CriticalPointInfo {
  const x = point[0] ?? 0;
  const y = point[1] ?? 0;
  const hessian = hessianAt(surface, x, y);
  const entries = hessian.flat();
  const eigenvalues =
    surface.dimension === 1
      ? [entries[0] ?? NaN]
      : symmetricEigenvalues2(entries[0] ?? NaN, entries[1] ?? NaN, entries[3] ?? NaN);
  if (!entries.every(Number.isFinite) || !eigenvalues.every(Number.isFinite)) {
    return { classification: "inconclusive", eigenvalues };
  }
  const scale = Math.max(1, ...entries.map(Math.abs));
  const threshold = zeroTol * scale;
  if (eigenvalues.some((v) => Math.abs(v) <= threshold)) {
    return { classification: "inconclusive", eigenvalues };
  }
  if (eigenvalues.every((v) => v > 0)) return { classification: "minimum", eigenvalues };
  if (eigenvalues.every((v) => v < 0)) return { classification: "maximum", eigenvalues };
  return { classification: "saddle", eigenvalues };
}
