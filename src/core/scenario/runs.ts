/**
 * Running the runs of a scenario document: the one place that turns a run's settings into a
 * computed path, shared by the explorer and the command line's `--scenario`, so the same
 * document gives the same numbers in both.
 */
import { isDataSurface } from "../data/miniBatch.ts";
import { iterateCost, runOptimizer } from "../run.ts";
import type { BatchSpec } from "../batch.ts";
import type { Box, Dimension, RunResult, Surface } from "../types.ts";
import type { RunSettings } from "./document.ts";

/** A run's computed path, or why it could not be computed. */
export interface RunOutcome {
  result: RunResult;
  /** null when the run was computed; otherwise what went wrong, for the run's own line. */
  error: string | null;
}

/**
 * The start a run takes on a surface of this dimension: [x] in one variable, [x, y] in two.
 * A run keeps its y while the function is one-variable (typing x^2 on the way to x^2 + y^2
 * loses nothing); a start with no y takes the box's vertical centre.
 */
export function startOnSurface(start: readonly number[], dimension: Dimension, box: Box): number[] {
  const x = start[0] ?? (box.xmin + box.xmax) / 2;
  if (dimension === 1) return [x];
  return [x, start[1] ?? (box.ymin + box.ymax) / 2];
}

/** A run that could not be computed stays at its start, so the views still have a point. */
function stillResult(surface: Surface, start: readonly number[]): RunResult {
  const x = start[0] ?? 0;
  const y = surface.dimension === 2 ? (start[1] ?? 0) : 0;
  const value = surface.f(x, y);
  const gx = surface.dfdx(x, y);
  const gy = surface.dimension === 2 ? surface.dfdy(x, y) : 0;
  return {
    status: "stalled",
    steps: 0,
    dimension: surface.dimension,
    xs: Float64Array.of(x),
    ys: Float64Array.of(y),
    values: Float64Array.of(value),
    gradX: Float64Array.of(gx),
    gradY: Float64Array.of(gy),
    states: [{}],
    final: { point: start.slice(0, surface.dimension), value, gradientNorm: Math.hypot(gx, gy) },
    classification: null,
  };
}

/**
 * Runs one run of a document on `surface` inside `box`, with the run's own seed. Never throws:
 * a run the core refuses (a parameter out of range, say) comes back at its start with the
 * core's message in `error`.
 */
export function computeRun(
  surface: Surface,
  box: Box,
  run: RunSettings,
  onProgress?: (steps: number) => void,
): RunOutcome {
  const start = startOnSurface(run.start, surface.dimension, box);
  try {
    const result = runOptimizer(
      surface,
      {
        ...batchSpecOf(run, box),
        start,
        // A batch size belongs to a data scenario; on a typed function the run takes the gradient.
        ...(run.batch !== undefined && isDataSurface(surface)
          ? { batch: Math.min(run.batch, surface.count) }
          : {}),
      },
      onProgress,
    );
    return { result, error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { result: stillResult(surface, start), error: message };
  }
}

/**
 * A run's step rule and limits for a batch of many starts in `box` (a basin map, a cloud): its
 * settings without the start. The batch engine steps with the full gradient, so a mini-batch
 * run's batch size is not part of it.
 */
export function batchSpecOf(run: RunSettings, box: Box): BatchSpec {
  return {
    optimizer: run.optimizer,
    params: run.params,
    gradient: run.gradient,
    h: run.h,
    maxSteps: run.maxSteps,
    box,
    seed: run.seed,
    schedule: run.schedule,
    noise: run.noise,
  };
}

/**
 * The most steps the explorer computes on the page's own thread, for a typed function. A run
 * with a larger budget is first computed up to its preview's length, and the rest on a worker.
 */
export const LONG_RUN_STEPS = 10_000;

/**
 * How many steps of a run the page computes itself on `surface`: `LONG_RUN_STEPS` of a typed
 * function, fewer of a loss over many rows (the same work, by `iterateCost`), never under 10.
 */
export function previewSteps(surface: Surface): number {
  return Math.max(10, Math.min(LONG_RUN_STEPS, Math.floor(LONG_RUN_STEPS / iterateCost(surface))));
}

/** A run as the page first computes it, and whether that is only its start. */
export interface RunPreview extends RunOutcome {
  /**
   * True when the preview stopped only because it was cut short: the budget is larger, and the
   * run neither converged, diverged nor stalled in the steps computed.
   */
  cutShort: boolean;
}

/**
 * A run as the page first computes it: the whole run when its budget is at most
 * `previewSteps(surface)`, else its first that many steps. A run's steps do not depend on its
 * budget (the seed, the schedule and the stopping rules look only at the steps so far), so the
 * preview is exactly the start of the whole run.
 */
export function previewRun(surface: Surface, box: Box, run: RunSettings): RunPreview {
  const limit = previewSteps(surface);
  if (run.maxSteps <= limit) return { ...computeRun(surface, box, run), cutShort: false };
  const preview = computeRun(surface, box, { ...run, maxSteps: limit });
  return {
    ...preview,
    cutShort:
      preview.error === null &&
      preview.result.status === "max-steps" &&
      preview.result.steps === limit,
  };
}
