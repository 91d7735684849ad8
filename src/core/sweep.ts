/**
 * Learning-rate sweep: the same start and rule at log-spaced learning rates, to show the crawl,
 * converge, oscillate and diverge regimes side by side, and, for a surface with a minimum, the
 * plain gradient descent stability edge lr < 2/λmax(H).
 */
import { classifyCriticalPoint } from "./critical.ts";
import { getOptimizer } from "./optimizers/index.ts";
import { runOptimizer } from "./run.ts";
import type { CriticalPointInfo, RunSpec, RunStatus, Surface } from "./types.ts";

/** One start, one rule, log-spaced learning rates from lrMin to lrMax; the rest as in a run. */
export interface SweepSpec extends Omit<RunSpec, "optimizer"> {
  /** Rule to sweep (default "gd"); it must have an `lr` parameter. `params` are held fixed. */
  optimizer?: string;
  lrMin: number;
  lrMax: number;
  /** Number of learning rates, ≥ 1 (1 uses lrMin only). */
  count: number;
}

/** How the run at one learning rate ended. */
export interface SweepEntry {
  lr: number;
  status: RunStatus;
  steps: number;
  finalValue: number;
  finalPoint: number[];
  gradientNorm: number;
  /** The second-derivative test at the end point of a converged run, else null. */
  classification: CriticalPointInfo["classification"] | null;
}

/** The curvature at the minimum the sweep found, and the edge it implies. */
export interface StabilityEdge {
  minimum: number[];
  value: number;
  /** Largest eigenvalue of the Hessian at the minimum (f'' in one variable). */
  lambdaMax: number;
  /** 2/λmax: plain gradient descent near this minimum is stable only for lr below it. */
  edge: number;
}

/** Every rate's outcome, and the stability edge where a minimum was found. */
export interface SweepResult {
  entries: SweepEntry[];
  /** Null when no run ended at a point that passes the second-derivative test as a minimum. */
  stability: StabilityEdge | null;
}

/** The most learning rates one sweep accepts. */
export const maxSweepCount = 10_000;

/** The fewest significant digits a swept rate is rounded to. */
export const sweepDigits = 3;

/**
 * `count` log-spaced rates from lrMin to lrMax inclusive, lrₖ = lrMin·(lrMax/lrMin)^(k/(count − 1)),
 * each rounded to d significant digits: the smallest d ≥ `sweepDigits` (at most 17) at which the
 * rounded rates are all different. A rate is the double nearest its short decimal (0.1, not
 * 0.09999999999999996), so the rate run is the rate printed. The ends are rounded too.
 */
export function logSpaced(lrMin: number, lrMax: number, count: number): number[] {
  if (!(Number.isFinite(lrMin) && lrMin > 0 && Number.isFinite(lrMax) && lrMax > 0)) {
    throw new RangeError("the learning rates must be finite and greater than 0");
  }
  if (!(lrMin <= lrMax)) throw new RangeError("lrMin must not exceed lrMax");
  if (!Number.isInteger(count) || count < 1 || count > maxSweepCount) {
    throw new RangeError(`count must be an integer from 1 to ${maxSweepCount}, got ${count}`);
  }
  const ratio = Math.log(lrMax / lrMin);
  const exact =
    count === 1
      ? [lrMin]
      : Array.from({ length: count }, (_, k) =>
          k === count - 1 ? lrMax : lrMin * Math.exp((ratio * k) / (count - 1)),
        );
  for (let digits = sweepDigits; ; digits++) {
    const rounded = exact.map((lr) => Number(lr.toPrecision(digits)));
    if (digits >= 17 || new Set(rounded).size === rounded.length) return rounded;
  }
}

/** One rate of a sweep: the rule run from the sweep's start with `lr`, as in `learningRateSweep`. */
export function sweepEntry(surface: Surface, spec: SweepSpec, lr: number): SweepEntry {
  const optimizer = spec.optimizer ?? "gd";
  const result = runOptimizer(surface, {
    start: spec.start,
    optimizer,
    params: { ...spec.params, lr },
    gradient: spec.gradient,
    h: spec.h,
    maxSteps: spec.maxSteps,
    tol: spec.tol,
    box: spec.box,
    seed: spec.seed,
    schedule: spec.schedule,
    noise: spec.noise,
    ...(spec.batch !== undefined ? { batch: spec.batch } : {}),
  });
  return {
    lr,
    status: result.status,
    steps: result.steps,
    finalValue: result.final.value,
    finalPoint: result.final.point,
    gradientNorm: result.final.gradientNorm,
    classification: result.classification?.classification ?? null,
  };
}

/** Checks that the sweep's rule has a learning rate; returns the rates to run (`logSpaced`). */
export function sweepRates(spec: SweepSpec): number[] {
  const optimizer = spec.optimizer ?? "gd";
  const definition = getOptimizer(optimizer);
  if (definition && !definition.params.some((p) => p.key === "lr")) {
    throw new RangeError(`${optimizer} has no learning rate to sweep`);
  }
  return logSpaced(spec.lrMin, spec.lrMax, spec.count);
}

/**
 * Runs the rule once per learning rate (see `logSpaced`) and reports final loss and status.
 * The stability edge comes from the lowest converged end point that is a minimum by the
 * second-derivative test (or, if no swept run found one, from a backtracking run from the same
 * start): λmax is the largest Hessian eigenvalue there and the edge is 2/λmax
 * (for a quadratic, gradient descent converges exactly when 0 < lr < 2/λmax).
 */
export function learningRateSweep(surface: Surface, spec: SweepSpec): SweepResult {
  const entries = sweepRates(spec).map((lr) => sweepEntry(surface, spec, lr));
  return sweepResult(surface, spec, entries);
}

/** The sweep's result from its entries, however they were computed: adds the stability edge. */
export function sweepResult(surface: Surface, spec: SweepSpec, entries: SweepEntry[]): SweepResult {
  let best: { point: number[]; value: number } | null = null;
  for (const entry of entries) {
    if (entry.classification === "minimum" && (best === null || entry.finalValue < best.value)) {
      best = { point: entry.finalPoint, value: entry.finalValue };
    }
  }
  if (best === null) {
    // No swept rate settled at a minimum (all too small, say): look for one from the same start
    // with Armijo backtracking, which converges without a tuned learning rate.
    const search = runOptimizer(surface, {
      start: spec.start,
      optimizer: "backtracking",
      gradient: spec.gradient,
      h: spec.h,
      maxSteps: 20_000,
      tol: spec.tol,
    });
    if (search.classification?.classification === "minimum") {
      best = { point: search.final.point, value: search.final.value };
    }
  }
  return { entries, stability: best === null ? null : stabilityAt(surface, best.point) };
}

/** λmax of the Hessian at `point` and the gradient descent edge 2/λmax, or null if not a minimum. */
export function stabilityAt(surface: Surface, point: number[]): StabilityEdge | null {
  const info = classifyCriticalPoint(surface, point);
  if (info.classification !== "minimum") return null;
  const lambdaMax = Math.max(...info.eigenvalues);
  return {
    minimum: point,
    value: surface.f(point[0] ?? 0, point[1] ?? 0),
    lambdaMax,
    edge: 2 / lambdaMax,
  };
}
