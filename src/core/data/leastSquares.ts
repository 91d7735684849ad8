/**
 * The exact minimum of the mean squared error for the models that are linear in their
 * parameters, in closed form: the answer gradient descent on the loss surface should reach, to
 * show beside the run.
 */
import { formatNumber } from "../format.ts";
import type { Dataset } from "./datasets.ts";
import type { ModelKey } from "./models.ts";

/** The models with a closed-form least-squares fit: F = p1·g1(x) + p2·g2(x). */
export type LinearModelKey = Extract<ModelKey, "line" | "quadratic">;

/** The least-squares parameters (p1, p2), or why they are not determined. */
export type LeastSquaresResult =
  | { readonly ok: true; readonly params: readonly [number, number] }
  | { readonly ok: false; readonly reason: string };

/** Relative size below which a spread or determinant counts as zero (rounding, not data). */
const SINGULAR = 1e-12;

/**
 * Solves the 2×2 normal equations of F(x) = p1·g1(x) + p2·g2(x):
 *   [Σ g1²    Σ g1·g2] [p1]   [Σ g1·y]
 *   [Σ g1·g2  Σ g2²  ] [p2] = [Σ g2·y]
 * by Cramer's rule, or null when the determinant is zero relative to Σg1²·Σg2² (the two feature
 * columns are parallel, by Cauchy–Schwarz exactly when the determinant vanishes).
 */
function solveNormalEquations(
  xs: Float64Array,
  ys: Float64Array,
  g1: (x: number) => number,
  g2: (x: number) => number,
): [number, number] | null {
  let a11 = 0;
  let a12 = 0;
  let a22 = 0;
  let b1 = 0;
  let b2 = 0;
  for (let i = 0; i < xs.length; i++) {
    const u = g1(xs[i]!);
    const v = g2(xs[i]!);
    const y = ys[i]!;
    a11 += u * u;
    a12 += u * v;
    a22 += v * v;
    b1 += u * y;
    b2 += v * y;
  }
  const det = a11 * a22 - a12 * a12;
  if (!(det > SINGULAR * a11 * a22)) return null;
  return [(b1 * a22 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det];
}

/**
 * The parameters minimizing the mean squared error (1/n)·Σ(F(xᵢ) − yᵢ)² of a line or of the
 * quadratic template, from the normal equations:
 * - line F = w·x + b: solved in the shifted input x − x̄ (g1 = x − x̄, g2 = 1), which makes the
 *   system nearly diagonal and keeps precision when the inputs are far from 0, then
 *   b = b′ − w·x̄. This is the textbook w = cov(x, y)/var(x), b = ȳ − w·x̄.
 * - quadratic F = a·x² + b·x: g1 = x², g2 = x.
 * Not determined (ok: false, with the reason) when fewer than two points are given, when every
 * x is the same for the line, and when the nonzero x all share one value for the quadratic
 * (there x² is a multiple of x).
 */
export function leastSquares(data: Dataset, model: LinearModelKey): LeastSquaresResult {
  const { xs, ys } = data;
  const n = xs.length;
  if (n < 2 || ys.length !== n) {
    return { ok: false, reason: `a fit needs at least two points; the ${data.label} has ${n}` };
  }
  if (model === "line") {
    let sum = 0;
    let largest = 0;
    for (let i = 0; i < n; i++) {
      sum += xs[i]!;
      largest = Math.max(largest, Math.abs(xs[i]!));
    }
    const mean = sum / n;
    let spread = 0;
    for (let i = 0; i < n; i++) spread += (xs[i]! - mean) ** 2;
    const solution =
      Math.sqrt(spread / n) > SINGULAR * largest
        ? solveNormalEquations(
            xs,
            ys,
            (x) => x - mean,
            () => 1,
          )
        : null;
    if (solution === null) {
      return {
        ok: false,
        reason:
          `every x is ${formatNumber(mean)}, so every line through (${formatNumber(mean)}, ȳ) ` +
          `fits equally well: the slope w is not determined`,
      };
    }
    const [w, shiftedB] = solution;
    return { ok: true, params: [w, shiftedB - w * mean] };
  }
  const solution = solveNormalEquations(
    xs,
    ys,
    (x) => x * x,
    (x) => x,
  );
  if (solution === null) {
    const nonzero = Array.prototype.find.call(xs, (x: number) => x !== 0) as number | undefined;
    return {
      ok: false,
      reason:
        nonzero === undefined
          ? "every x is 0, where a·x² + b·x is 0 whatever a and b are"
          : `the inputs take a single value besides 0 (x = ${formatNumber(nonzero)}), so the ` +
            `data fix only a·x + b at that x: a and b are not determined separately`,
    };
  }
  return { ok: true, params: solution };
}
