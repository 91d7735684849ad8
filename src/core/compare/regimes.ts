/**
 * "Four regimes": the curvature where a run ends (or starts), the stability edge it implies for
 * plain gradient descent, and four learning rates on either side of it.
 *
 * Near a minimum x*, f ≈ f(x*) + ½ (x − x*)ᵀ H (x − x*), and one descent step multiplies the
 * distance along the Hessian's eigenvector of eigenvalue λ by (1 − lr·λ). The step is stable in
 * every direction exactly when |1 − lr·λ| < 1 for all λ, that is 0 < lr < 2/λmax: the edge.
 */
import { hessianAt, symmetricEigenvalues2, DEFAULT_ZERO_TOLERANCE } from "../critical.ts";
import { formatNumber, formatVector } from "../format.ts";
import type { RunResult, Surface } from "../types.ts";

/** The step budget all four regimes share, so "crawls" means "not there after this many". */
export const REGIME_STEPS = 100;

/** The curvature at one point, with the directions of its extreme eigenvalues. */
export interface Curvature {
  /** Where the Hessian was taken: the minimum the run reached, or its start. */
  point: number[];
  where: "minimum" | "start";
  /** Ascending (one in one variable: f''). */
  eigenvalues: number[];
  lambdaMin: number;
  lambdaMax: number;
  /** Unit eigenvector of λmax (in one variable [1]). */
  steepest: number[];
  /** 2/λmax. */
  edge: number;
}

export type CurvatureCheck = { ok: true; curvature: Curvature } | { ok: false; message: string };

/** A unit eigenvector of [[a, b], [b, c]] for the eigenvalue λ. */
function eigenvector2(a: number, b: number, c: number, lambda: number): number[] {
  // (A − λI)v = 0: v = (b, λ − a) or (λ − c, b); take the longer for accuracy.
  const first = [b, lambda - a];
  const second = [lambda - c, b];
  const pick =
    Math.hypot(first[0]!, first[1]!) >= Math.hypot(second[0]!, second[1]!) ? first : second;
  const length = Math.hypot(pick[0]!, pick[1]!);
  if (length === 0) return a >= c ? [1, 0] : [0, 1];
  return [pick[0]! / length, pick[1]! / length];
}

/**
 * The curvature for a run: at the minimum it reaches (its final point, when the run converged
 * there and the second-derivative test calls it a minimum), else at its start. Refused with a
 * message when the Hessian there is not positive definite (an eigenvalue ≤ 0, within the
 * second-derivative test's zero tolerance, or not finite): no single learning rate edge exists.
 */
export function curvatureOfRun(surface: Surface, result: RunResult): CurvatureCheck {
  const atMinimum = result.classification?.classification === "minimum";
  const point = atMinimum
    ? result.final.point.slice()
    : surface.dimension === 1
      ? [result.xs[0]!]
      : [result.xs[0]!, result.ys[0]!];
  return curvatureAt(surface, point, atMinimum ? "minimum" : "start");
}

/** The curvature at `point`; see `curvatureOfRun`. */
export function curvatureAt(
  surface: Surface,
  point: number[],
  where: Curvature["where"],
): CurvatureCheck {
  const hessian = hessianAt(surface, point[0] ?? 0, point[1] ?? 0);
  const [a = NaN, b = NaN] = hessian[0]!;
  const c = surface.dimension === 2 ? (hessian[1]?.[1] ?? NaN) : a;
  const eigenvalues = surface.dimension === 1 ? [a] : symmetricEigenvalues2(a, b, c);
  const place = `${where === "minimum" ? "the minimum the run reaches" : "the run's start"} ${formatVector(point, 4)}`;
  if (!eigenvalues.every(Number.isFinite)) {
    return {
      ok: false,
      message: `The Hessian at ${place} is not finite, so there is no stability edge to set rates by.`,
    };
  }
  const scale = Math.max(1, ...hessian.flat().map(Math.abs));
  const lambdaMin = Math.min(...eigenvalues);
  const lambdaMax = Math.max(...eigenvalues);
  if (lambdaMin <= DEFAULT_ZERO_TOLERANCE * scale) {
    const shown = eigenvalues.map((v) => formatNumber(v, 4)).join(", ");
    return {
      ok: false,
      message:
        `The Hessian at ${place} is not positive definite (eigenvalues ${shown}), so plain descent ` +
        `has no stability edge 2/λmax there and no rates were set. Move the start nearer a minimum.`,
    };
  }
  const steepest = surface.dimension === 1 ? [1] : eigenvector2(a, b, c, lambdaMax);
  return {
    ok: true,
    curvature: { point, where, eigenvalues, lambdaMin, lambdaMax, steepest, edge: 2 / lambdaMax },
  };
}

/** The four regimes, slowest first. */
export const regimeKinds = ["crawl", "converge", "oscillate", "diverge"] as const;
export type RegimeKind = (typeof regimeKinds)[number];

/** One of the four rates and why it falls where it does. */
export interface Regime {
  kind: RegimeKind;
  lr: number;
  why: string;
}

/** Three significant digits: the rates are read aloud in class. */
function round3(value: number): number {
  return Number(value.toPrecision(3));
}

/** Where `lr` falls against the edge, as "0.9 × 2/λmax". */
function ratioToEdge(lr: number, edge: number): string {
  return `${formatNumber(lr / edge, 3)} × 2/λmax`;
}

/**
 * Why a learning rate behaves as it does near this curvature, from the per-step factors
 * 1 − lr·λ (exact for a quadratic, the local picture otherwise):
 * - lr > 2/λmax: |1 − lr·λmax| > 1, every swing grows: diverge;
 * - 1/λmax < lr ≤ 2/λmax: 1 − lr·λmax < 0, it overshoots and swings back, shrinking: oscillate;
 * - lr ≤ 1/λmax: no direction overshoots; when the flattest direction still keeps more than 1%
 *   of its distance after `steps` steps, (1 − lr·λmin)^steps > 0.01, it crawls, else converges.
 */
export function explainRate(
  lr: number,
  curvature: Curvature,
  steps: number,
): { kind: RegimeKind; why: string } {
  const { edge, lambdaMin, lambdaMax } = curvature;
  const steep = 1 - lr * lambdaMax;
  const flat = 1 - lr * lambdaMin;
  const head = `lr = ${formatNumber(lr)} (${ratioToEdge(lr, edge)})`;
  const f3 = (value: number) => formatNumber(value, 3);
  if (lr > edge) {
    return {
      kind: "diverge",
      why: `${head}: past the edge, |1 − lr·λmax| = ${f3(Math.abs(steep))} > 1, so every swing is larger than the last: it diverges.`,
    };
  }
  if (lr > 1 / lambdaMax) {
    return {
      kind: "oscillate",
      why:
        `${head}: along the steepest direction 1 − lr·λmax = ${f3(steep)}, so it overshoots and ` +
        (steep === -1
          ? "swings across the minimum without shrinking: it is on the edge."
          : "swings across the minimum, each swing smaller: it oscillates, then settles."),
    };
  }
  const left = Math.abs(flat) ** steps;
  if (left > 0.01) {
    return {
      kind: "crawl",
      why: `${head}: no direction overshoots, but the flattest keeps ${f3(flat)} of its distance a step, so after ${steps} steps ${f3(left)} of it is left: it crawls.`,
    };
  }
  return {
    kind: "converge",
    why: `${head}: no direction overshoots (1 − lr·λmax = ${f3(steep)}) and the flattest shrinks by ${f3(flat)} a step: it converges quickly.`,
  };
}

/**
 * Four learning rates from the curvature, one in each regime of `explainRate` with a budget of
 * REGIME_STEPS: crawl at edge/50, converge at 1/λmax (= edge/2, the largest rate at which no
 * direction overshoots), oscillate at 0.9 × edge (1 − lr·λmax = −0.8), diverge at 1.2 × edge
 * (|1 − lr·λmax| = 1.4). Rates are rounded to 3 significant digits.
 */
export function fourRegimes(curvature: Curvature): Regime[] {
  const { edge, lambdaMax } = curvature;
  const rates = [edge / 50, 1 / lambdaMax, 0.9 * edge, 1.2 * edge].map(round3);
  return rates.map((lr, index) => ({
    kind: regimeKinds[index]!,
    lr,
    why: explainRate(lr, curvature, REGIME_STEPS).why,
  }));
}

/** How a run with a learning rate ended, in the regimes' words. */
export type RegimeOutcome =
  "crawling" | "converged" | "converged after oscillating" | "diverged" | "did not settle";

/**
 * How a run ended, as the four regimes name it: diverged; converged, "after oscillating" when the
 * iterate crossed the minimum along `direction` (the component of xₖ − `minimum` along it changed
 * sign between consecutive iterates, both away from 0 by more than 1e-9 of the largest); used
 * its budget while f went down ("crawling"); anything else "did not settle".
 */
export function regimeOutcome(
  result: RunResult,
  minimum: readonly number[],
  direction: readonly number[],
): RegimeOutcome {
  if (result.status === "diverged") return "diverged";
  if (result.status === "converged") {
    const components: number[] = [];
    for (let k = 0; k <= result.steps; k++) {
      const dx = result.xs[k]! - (minimum[0] ?? 0);
      const dy = result.dimension === 2 ? result.ys[k]! - (minimum[1] ?? 0) : 0;
      components.push(dx * (direction[0] ?? 0) + dy * (direction[1] ?? 0));
    }
    const largest = Math.max(...components.map(Math.abs));
    const floor = 1e-9 * largest;
    const crossed = components.some((c, k) => {
      const next = components[k + 1];
      return next !== undefined && Math.abs(c) > floor && Math.abs(next) > floor && c * next < 0;
    });
    return crossed ? "converged after oscillating" : "converged";
  }
  const first = result.values[0]!;
  const last = result.values[result.steps]!;
  return result.status === "max-steps" && last < first ? "crawling" : "did not settle";
}

/**
 * The curvature a comparison of learning rates is read against: at the minimum the first run
 * of the group that reaches one ends at, else at their shared start (the first run's).
 */
export function curvatureOfGroup(surface: Surface, results: readonly RunResult[]): CurvatureCheck {
  const reached = results.find((result) => result.classification?.classification === "minimum");
  const first = reached ?? results[0];
  if (first === undefined)
    return { ok: false, message: "There is no run to read the curvature from." };
  return curvatureOfRun(surface, first);
}
