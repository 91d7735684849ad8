/**
 * A single run: one start, one step rule, every iterate recorded for the views.
 */
import { classifyCriticalPoint } from "./critical.ts";
import {
  defaultMaxSteps,
  defaultTolerance,
  StepEngine,
  runStatusByCode,
} from "./optimizers/engine.ts";
import {
  getOptimizer,
  noiseSpec,
  resolveParams,
  resolveSchedule,
  type OptimizerDef,
  type ScheduleSettings,
} from "./optimizers/index.ts";
import { validParamValue } from "./optimizers/types.ts";
import { checkBox } from "./box.ts";
import { createRandom, defaultSeed } from "./random.ts";
import { batchPlan, isDataSurface, miniBatchGradient, type BatchPlan } from "./data/miniBatch.ts";
import type { StepGradient } from "./optimizers/engine.ts";
import type { Box, OptimizerState, RunResult, RunSpec, Surface } from "./types.ts";

/** Re-exported so callers of `runOptimizer` can fill in a rule's defaults. */
export { resolveParams } from "./optimizers/index.ts";
export { defaultMaxSteps, defaultTolerance } from "./optimizers/engine.ts";

/** `RunResult.states` at the final iterate, from which no step was taken. */
export const noStepState: OptimizerState = Object.freeze({});

/** How often `runOptimizer` reports its progress, in steps. */
export const progressEvery = 5_000;

/** The largest step budget a run accepts (every iterate is kept in memory). */
export const maxRunSteps = 1_000_000;

/**
 * What one iterate costs against one of a typed function: a loss over data sums over every row,
 * and a row costs about a tenth of a typed function's value and gradient.
 */
export function iterateCost(surface: Surface): number {
  return isDataSurface(surface) ? Math.max(1, surface.count / 10) : 1;
}

/** The box used when a run names none: [−5, 5]², widened to keep the start at least 1 inside. */
export function defaultBoxAround(start: readonly number[]): Box {
  const x = start[0] ?? 0;
  const y = start[1] ?? 0;
  const finiteX = Number.isFinite(x) ? x : 0;
  const finiteY = Number.isFinite(y) ? y : 0;
  return {
    xmin: Math.min(-5, finiteX - 1),
    xmax: Math.max(5, finiteX + 1),
    ymin: Math.min(-5, finiteY - 1),
    ymax: Math.max(5, finiteY + 1),
  };
}

/** The domain box check (see ./box.ts), re-exported for the callers of runs. */
export { checkBox } from "./box.ts";

/** Checks the limits shared by runs, batches and sweeps; returns them with defaults filled in. */
export function resolveLimits(spec: { maxSteps?: number; tol?: number; h?: number }): {
  maxSteps: number;
  tol: number;
  h: number | undefined;
} {
  const maxSteps = spec.maxSteps ?? defaultMaxSteps;
  if (!Number.isInteger(maxSteps) || maxSteps < 0 || maxSteps > maxRunSteps) {
    throw new RangeError(`maxSteps must be an integer from 0 to ${maxRunSteps}, got ${maxSteps}`);
  }
  const tol = spec.tol ?? defaultTolerance;
  if (!Number.isFinite(tol) || tol < 0) {
    throw new RangeError(`tol must be a finite number ≥ 0, got ${tol}`);
  }
  const h = spec.h;
  if (h !== undefined && !(Number.isFinite(h) && h > 0)) {
    throw new RangeError(`h must be a finite number > 0, got ${h}`);
  }
  return { maxSteps, tol, h };
}

/**
 * A run's schedule and gradient noise, checked against its rule: a schedule only for a
 * first-order rule (`schedulable`), with valid parameters (its missing ones take defaults);
 * noise σ from `noiseSpec`'s range, and above 0 only for a rule that uses the gradient. Throws
 * `ScheduleParamError` or RangeError saying what is wrong.
 */
export function resolveRunExtras(
  optimizer: OptimizerDef,
  spec: Pick<RunSpec, "schedule" | "noise">,
): { schedule: ScheduleSettings | undefined; noise: number } {
  let schedule: ScheduleSettings | undefined;
  if (spec.schedule !== undefined) {
    schedule = resolveSchedule(spec.schedule.kind, spec.schedule.params);
    if (schedule.kind === "constant") schedule = undefined;
    else if (optimizer.schedulable !== true) {
      throw new RangeError(
        `${optimizer.name} takes no learning-rate schedule (only the first-order rules do)`,
      );
    }
  }
  const noise = spec.noise ?? noiseSpec.default;
  if (!validParamValue(noiseSpec, noise)) {
    throw new RangeError(
      `noise must be a number from ${noiseSpec.min} to ${noiseSpec.max}, got ${String(noise)}`,
    );
  }
  if (noise > 0 && !optimizer.usesGradient) {
    throw new RangeError(`${optimizer.name} uses no gradient, so gradient noise does not apply`);
  }
  return { schedule, noise };
}

/**
 * Runs `spec.optimizer` on `surface` from `spec.start` until a stopping rule fires (see
 * `StepEngine`: diverged, converged at |∇f| ≤ tol, stalled, max-steps), recording at index k the
 * iterate xₖ, f(xₖ), the gradient there and `states[k]`, the rule's state as it produced the step
 * xₖ → xₖ₊₁ (see `RunResult.states`). A converged run's final point gets the second-derivative
 * test.
 *
 * In one variable only `start[0]` is used. Throws `OptimizerParamError` for an unknown rule or a
 * bad parameter, RangeError for a bad start, limit, schedule or noise. `rates[k]`
 * records the learning rate step k used. `onProgress`, when given, hears the steps taken so far
 * every `progressEvery` steps (a long run computed on a worker reports to the page).
 */
export function runOptimizer(
  surface: Surface,
  spec: RunSpec,
  onProgress?: (steps: number) => void,
): RunResult {
  // resolveParams throws the "unknown optimizer" message, so the lookup below always succeeds.
  const params = resolveParams(spec.optimizer, spec.params);
  const optimizer = getOptimizer(spec.optimizer)!;
  const dimension = surface.dimension;
  if (spec.start.length < dimension) {
    throw new RangeError(
      `the start needs ${dimension} coordinate${dimension === 2 ? "s" : ""}, got ${spec.start.length}`,
    );
  }
  const { maxSteps, tol, h } = resolveLimits(spec);
  const box = checkBox(spec.box ?? defaultBoxAround(spec.start));
  const { schedule, noise } = resolveRunExtras(optimizer, spec);
  const seed = spec.seed ?? defaultSeed;
  const batched = resolveBatch(surface, optimizer, spec, seed);

  const engine = new StepEngine({
    surface,
    optimizer,
    params,
    count: 1,
    gradient: spec.gradient ?? "analytic",
    h,
    maxSteps,
    tol,
    box,
    random: createRandom(seed),
    keepValues: true,
    schedule,
    noise,
    stepGradient: batched?.gradient,
  });
  engine.x[0] = spec.start[0] ?? NaN;
  engine.y[0] = dimension === 2 ? (spec.start[1] ?? NaN) : 0;

  const capacity = maxSteps + 1;
  const xs = new Float64Array(capacity);
  const ys = new Float64Array(capacity);
  const values = new Float64Array(capacity);
  const gradX = new Float64Array(capacity);
  const gradY = new Float64Array(capacity);
  const states: OptimizerState[] = [];
  const rates = "lr" in params ? new Float64Array(capacity) : undefined;
  for (;;) {
    // Step k evaluates the iterate xₖ held before it and moves the point on to xₖ₊₁.
    const xk = engine.x[0]!;
    const yk = engine.y[0]!;
    const moved = engine.step();
    const k = engine.iterate;
    xs[k] = xk;
    ys[k] = yk;
    values[k] = engine.value[0]!;
    gradX[k] = engine.gradX[0]!;
    gradY[k] = engine.gradY[0]!;
    if (rates) rates[k] = engine.lr;
    // The snapshot is taken right after step k, so it holds what step k computed at xₖ (the
    // Hessian, the updated moments, the accepted α, the proposal) beside the iterate it started
    // from; the final iterate took no step and has nothing to show.
    if (moved === 0) {
      states.push(noStepState);
      break;
    }
    states.push(optimizer.snapshot(engine.state, 0, dimension));
    if (onProgress !== undefined && (k + 1) % progressEvery === 0) onProgress(k + 1);
  }

  const steps = engine.stepsTaken[0]!;
  const status = runStatusByCode[engine.status[0]!] ?? "max-steps";
  const last = steps;
  const point = dimension === 1 ? [xs[last]!] : [xs[last]!, ys[last]!];
  // A mini-batch run records the batch gradients it followed; its final gradient is the one
  // over all the data, which is what says how far from a critical point it stopped.
  const gx = batched?.gradient ? surface.dfdx(xs[last]!, ys[last]!) : gradX[last]!;
  const gy = batched?.gradient ? surface.dfdy(xs[last]!, ys[last]!) : gradY[last]!;
  return {
    status,
    steps,
    dimension,
    xs: xs.slice(0, steps + 1),
    ys: ys.slice(0, steps + 1),
    values: values.slice(0, steps + 1),
    gradX: gradX.slice(0, steps + 1),
    gradY: gradY.slice(0, steps + 1),
    states,
    ...(rates ? { rates: rates.slice(0, steps + 1) } : {}),
    ...(batched ? { batch: { ...batched.plan } } : {}),
    final: { point, value: values[last]!, gradientNorm: Math.hypot(gx, gy) },
    classification: status === "converged" ? classifyCriticalPoint(surface, point) : null,
  };
}

/**
 * A run's mini-batch plan and per-step gradient, or undefined without `spec.batch`. Throws
 * RangeError when a batch size is given for a typed function, a rule that is not first-order,
 * a finite-difference gradient, or a size outside 1..n. A batch of all n rows follows the full
 * gradient itself (no shuffle), so it matches the full-batch run exactly.
 */
function resolveBatch(
  surface: Surface,
  optimizer: OptimizerDef,
  spec: RunSpec,
  seed: number,
): { plan: BatchPlan; gradient: StepGradient | undefined } | undefined {
  if (spec.batch === undefined) return undefined;
  if (!isDataSurface(surface)) {
    throw new RangeError("a batch size applies only to a loss over data, not a typed function");
  }
  if (optimizer.schedulable !== true) {
    throw new RangeError(
      `${optimizer.name} takes no mini-batches (only the first-order rules step on a batch gradient)`,
    );
  }
  if ((spec.gradient ?? "analytic") !== "analytic") {
    throw new RangeError("mini-batches use the exact gradient over each batch, not differences");
  }
  const plan = batchPlan(surface.count, spec.batch);
  const gradient =
    plan.size === surface.count ? undefined : miniBatchGradient(surface, plan.size, seed);
  return { plan, gradient };
}

/** The step vector xₖ₊₁ − xₖ of a recorded run, for 0 ≤ k < steps ([dx] in one variable). */
export function runStepVector(result: RunResult, k: number): number[] {
  if (!Number.isInteger(k) || k < 0 || k >= result.steps) {
    throw new RangeError(`step ${k} is outside 0..${result.steps - 1}`);
  }
  const dx = result.xs[k + 1]! - result.xs[k]!;
  return result.dimension === 1 ? [dx] : [dx, result.ys[k + 1]! - result.ys[k]!];
}
