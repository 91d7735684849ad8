/**
 * The gradient check at one point, and how the error of each finite difference depends on its
 * step h. For a smooth f the relative error e(h) of a difference has two parts:
 *   truncation  forward, backward  e ≈ (h/2)·|f''|/|f'|      (slope 1 on log-log axes)
 *               central            e ≈ (h²/6)·|f'''|/|f'|    (slope 2)
 *   round-off   e ≈ ε·|f|/(h·|f'|)                           (slope −1)
 * so log e against log h is a V whose bottom, the best h, sits near sqrt(ε) for one-sided and
 * cbrt(ε) for central differences (ε = 2⁻⁵² ≈ 2.2e-16).
 */
import { domainReason } from "./domainReason.ts";
import {
  defaultStep,
  finiteDifferenceKinds,
  gradientCheck,
  partialDifference,
  relativeError,
  type FiniteDifferenceKind,
  type GradientCheck,
} from "./finiteDifference.ts";
import { formatNumber } from "./format.ts";
import type { Surface } from "./types.ts";

/**
 * Smallest relative error reported. An estimate can equal the exact gradient to the last bit,
 * an error of exactly 0, which has no logarithm; it is reported as this floor instead, so a log
 * axis and a log-log fit stay finite. 1e-17 is below the unit round-off of a double (1.1e-16),
 * so no error a double can show is hidden by it.
 */
export const ERROR_FLOOR = 1e-17;

/** Errors at or above this count as the far, non-asymptotic end of the truncation side. */
export const TRUNCATION_CEILING = 0.1;

/** The steps of the error chart: h = 10⁻¹² … 10⁻¹, 45 values evenly spaced in log h. */
export const CHECK_STEP_RANGE = { lo: 1e-12, hi: 1e-1, count: 45 } as const;

/**
 * `count` steps evenly spaced in log h from `lo` to `hi` (both included):
 *   h_i = 10^(log₁₀ lo + i·(log₁₀ hi − log₁₀ lo)/(count − 1)),  i = 0 … count − 1.
 */
export function logSpacedSteps(
  lo: number = CHECK_STEP_RANGE.lo,
  hi: number = CHECK_STEP_RANGE.hi,
  count: number = CHECK_STEP_RANGE.count,
): number[] {
  if (count <= 1) return [lo];
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  const steps: number[] = [];
  for (let i = 0; i < count; i++) {
    steps.push(i === 0 ? lo : i === count - 1 ? hi : Math.pow(10, a + ((b - a) * i) / (count - 1)));
  }
  return steps;
}

/** The gradient check at a point where f and its exact gradient are finite. */
export interface DefinedGradientCheck extends GradientCheck {
  defined: true;
  /** [x] in one variable, [x, y] in two. */
  point: number[];
  /** f at the point. */
  value: number;
  /** The default step of each kind along each axis: c·max(1, |xᵢ|), c = sqrt(ε) or cbrt(ε). */
  steps: Record<FiniteDifferenceKind, number[]>;
}

/** The point where f or its exact gradient is not finite: nothing to check against. */
export interface UndefinedGradientCheck {
  defined: false;
  point: number[];
  value: number;
  /** The exact gradient as evaluated (some entry, or f itself, is NaN or ±Infinity). */
  exact: number[];
  /** In words: "f is not defined here (log of a negative number)", "∂f/∂x is Infinity here". */
  problem: string;
}

/** The check at a point: the comparison where f and ∇f are finite, else why there is none. */
export type PointGradientCheck = DefinedGradientCheck | UndefinedGradientCheck;

/**
 * The gradient check at (x, y) (y ignored in one variable), each kind at its default step h
 * (`defaultStep`: sqrt(ε)·max(1, |xᵢ|) one-sided, cbrt(ε)·max(1, |xᵢ|) central):
 *   g      = ∇f(x, y), exact (symbolic)
 *   g_fd   = (D_h f)(x, y) for D = forward, backward, central
 *   error  = ‖g − g_fd‖₂ / max(‖g‖₂, ‖g_fd‖₂)
 * Where f or g is not finite, the reason instead (`domainReason` names the failing part of f).
 */
export function gradientCheckAt(surface: Surface, x: number, y: number): PointGradientCheck {
  const two = surface.dimension === 2;
  const point = two ? [x, y] : [x];
  const py = two ? y : 0;
  const value = surface.f(x, py);
  const exact = two ? [surface.dfdx(x, py), surface.dfdy(x, py)] : [surface.dfdx(x, py)];
  const problem = undefinedProblem(surface, point, value, exact);
  if (problem !== null) return { defined: false, point, value, exact, problem };
  const stepsOf = (kind: FiniteDifferenceKind) => point.map((v) => defaultStep(kind, v));
  return {
    ...gradientCheck(surface, point),
    defined: true,
    point,
    value,
    steps: {
      forward: stepsOf("forward"),
      backward: stepsOf("backward"),
      central: stepsOf("central"),
    },
  };
}

/** Why the check has nothing to compare at this point, or null when f and ∇f are finite. */
function undefinedProblem(
  surface: Surface,
  point: readonly number[],
  value: number,
  exact: readonly number[],
): string | null {
  if (!point.every(Number.isFinite)) return "the point itself is not a finite number";
  if (!Number.isFinite(value)) {
    const reason = domainReason(surface.text, point);
    if (reason?.kind === "overflow") return `f is too large for a double here (${reason.text})`;
    if (reason) return `f is not defined here (${reason.text})`;
    return Number.isNaN(value) ? "f is not defined here" : `f is ${formatNumber(value)} here`;
  }
  const names = surface.dimension === 1 ? ["f′(x)"] : ["∂f/∂x", "∂f/∂y"];
  const bad = exact.findIndex((g) => !Number.isFinite(g));
  if (bad < 0) return null;
  return `the exact gradient is not finite here (${names[bad] ?? "∂f"} = ${formatNumber(exact[bad] ?? NaN)})`;
}

/**
 * The relative error of one kind of difference at (x, y) for each step h of `hs`, the same h on
 * both axes:
 *   e(h) = max(ERROR_FLOOR, ‖g − g_fd(h)‖₂ / max(‖g‖₂, ‖g_fd(h)‖₂))
 * NaN where f is not finite at x ± h (a step across the edge of f's domain).
 */
export function errorAgainstStep(
  surface: Surface,
  x: number,
  y: number,
  kind: FiniteDifferenceKind,
  hs: readonly number[],
): Float64Array {
  const two = surface.dimension === 2;
  const py = two ? y : 0;
  const exact = two ? [surface.dfdx(x, py), surface.dfdy(x, py)] : [surface.dfdx(x, py)];
  const errors = new Float64Array(hs.length);
  hs.forEach((h, i) => {
    const estimate = [partialDifference(kind, surface.f, x, py, 0, h)];
    if (two) estimate.push(partialDifference(kind, surface.f, x, py, 1, h));
    const error = relativeError(exact, estimate);
    errors[i] = Number.isNaN(error) ? NaN : Math.max(ERROR_FLOOR, error);
  });
  return errors;
}

/** The step with the smallest error. */
export interface BestStep {
  index: number;
  h: number;
  error: number;
}

/**
 * The step of least error, h* = argmin_h e(h) over the finite errors; of equal errors the larger
 * h (less exposed to round-off). Null when no error is finite.
 */
export function bestStep(hs: readonly number[], errors: ArrayLike<number>): BestStep | null {
  let best: BestStep | null = null;
  for (let i = 0; i < hs.length; i++) {
    const error = errors[i] ?? NaN;
    const h = hs[i] ?? NaN;
    if (!Number.isFinite(error) || !Number.isFinite(h)) continue;
    if (best === null || error <= best.error) best = { index: i, h, error };
  }
  return best;
}

/** A least-squares line through log₁₀ e against log₁₀ h on the truncation side. */
export interface TruncationFit {
  /** p in e ≈ C·h^p: 1 for one-sided differences, 2 for central ones, on a smooth f. */
  slope: number;
  /** log₁₀ C. */
  intercept: number;
  /** The smallest and largest h fitted. */
  from: number;
  to: number;
  /** Points fitted. */
  count: number;
}

/** Fewest points a slope is fitted through. */
const MIN_FIT_POINTS = 3;

/**
 * The order of the truncation error, p in e(h) ≈ C·h^p, by least squares on (log₁₀ h, log₁₀ e):
 *   p = Σ(uᵢ − ū)(vᵢ − v̄) / Σ(uᵢ − ū)²,  uᵢ = log₁₀ hᵢ, vᵢ = log₁₀ eᵢ,  log₁₀ C = v̄ − p·ū
 * over the side where truncation dominates: from 10·h* (h* = `bestStep`, where round-off and
 * truncation balance) upwards, while e stays finite and below TRUNCATION_CEILING (beyond that
 * the error is no longer a power of h). Errors at ERROR_FLOOR (exact to the last bit) carry no
 * slope and are left out. Null with fewer than 3 points to fit.
 */
export function truncationSlope(
  hs: readonly number[],
  errors: ArrayLike<number>,
  best: BestStep | null = bestStep(hs, errors),
): TruncationFit | null {
  if (best === null) return null;
  const us: number[] = [];
  const vs: number[] = [];
  let from = Infinity;
  let to = -Infinity;
  for (let i = 0; i < hs.length; i++) {
    const h = hs[i] ?? NaN;
    if (!(h >= 10 * best.h)) continue;
    const error = errors[i] ?? NaN;
    if (!Number.isFinite(error) || error >= TRUNCATION_CEILING) break;
    if (error <= ERROR_FLOOR) continue;
    us.push(Math.log10(h));
    vs.push(Math.log10(error));
    from = Math.min(from, h);
    to = Math.max(to, h);
  }
  const n = us.length;
  if (n < MIN_FIT_POINTS) return null;
  const uMean = us.reduce((sum, u) => sum + u, 0) / n;
  const vMean = vs.reduce((sum, v) => sum + v, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const du = us[i]! - uMean;
    covariance += du * (vs[i]! - vMean);
    variance += du * du;
  }
  const slope = covariance / variance;
  return { slope, intercept: vMean - slope * uMean, from, to, count: n };
}

/** One kind's error against h, with its best step and truncation-side slope. */
export interface ErrorCurve {
  kind: FiniteDifferenceKind;
  errors: Float64Array;
  best: BestStep | null;
  truncation: TruncationFit | null;
}

/**
 * For each kind of difference (forward, backward, central): e(h) over `hs` (`errorAgainstStep`),
 * its best step h* (`bestStep`) and the fitted order p of its truncation error
 * (`truncationSlope`).
 */
export function errorCurves(
  surface: Surface,
  x: number,
  y: number,
  hs: readonly number[] = logSpacedSteps(),
): ErrorCurve[] {
  return finiteDifferenceKinds.map((kind) => {
    const errors = errorAgainstStep(surface, x, y, kind, hs);
    const best = bestStep(hs, errors);
    return { kind, errors, best, truncation: truncationSlope(hs, errors, best) };
  });
}
