/**
 * "Race optimizers" and the learning-rate sweep's range: the other two ways a comparison is set
 * up in one click.
 */
import { getOptimizer } from "../optimizers/index.ts";
import type { RunSettings } from "../scenario/document.ts";
import { RACE_OPTIMIZERS, withOptimizer } from "./settings.ts";

/**
 * The race: gradient descent, momentum, Nesterov, AdaGrad, RMSProp, Adam and Newton, each at its
 * own defaults, from `base`'s start with its gradient source, seed and step budget (and its
 * schedule and gradient noise, on the rules that take them).
 */
export function raceVariants(base: RunSettings): RunSettings[] {
  return RACE_OPTIMIZERS.map((optimizer) => withOptimizer(base, optimizer));
}

/** Rates a sweep covers by default: enough points for a smooth curve, ends included. */
export const SWEEP_COUNT = 40;

/** A sweep's log-spaced range of learning rates. */
export interface SweepRange {
  lrMin: number;
  lrMax: number;
  count: number;
}

/**
 * The range to sweep for a run: with a stability edge, from edge/1000 (deep in the crawl) to
 * 3 × edge (well past it), so all four regimes show; without one, three decades below and 1.5
 * above the run's own rate. Both ends are kept within the rule's learning-rate range.
 */
export function sweepRange(run: RunSettings, edge: number | null, count = SWEEP_COUNT): SweepRange {
  const spec = getOptimizer(run.optimizer)?.params.find((p) => p.key === "lr");
  const min = spec?.min ?? 1e-8;
  const max = spec?.max ?? 1000;
  const centre = run.params.lr ?? spec?.default ?? 0.01;
  const [low, high] =
    edge !== null && edge > 0 ? [edge / 1000, edge * 3] : [centre / 1000, centre * 30];
  const lrMin = Math.min(max, Math.max(min, low));
  const lrMax = Math.min(max, Math.max(lrMin, high));
  return { lrMin, lrMax, count };
}
