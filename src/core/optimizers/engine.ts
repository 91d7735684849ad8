/**
 * The stepping machinery shared by single runs and batches: a batch of points in
 * structure-of-arrays buffers, the gradient source, the stopping rules, and no allocation per
 * step. A single run is a batch of one that records every iterate.
 */
import { partialDifference } from "../finiteDifference.ts";
import type { Random } from "../random.ts";
import type { Box, Dimension, GradientSource, RunStatus, Surface } from "../types.ts";
import { scheduledRate, type ScheduleSettings } from "./schedules.ts";
import type { OptimizerDef, ParamSpec, StepContext } from "./types.ts";

/**
 * Gradient noise: the standard deviation σ of the Gaussian noise N(0, σ²) added to each
 * gradient component at every evaluation, drawn from the run's seeded generator (0: none).
 */
export const noiseSpec: ParamSpec = {
  key: "noise",
  label: "Gradient noise σ",
  default: 0,
  min: 0,
  max: 100,
  scale: "linear",
};

/** Status code in the batch buffers: still stepping. Codes index `runStatusByCode`. */
export const statusRunning = 0;
/** Status code: |∇f| ≤ tol. */
export const statusConverged = 1;
/** Status code: the step budget ran out. */
export const statusMaxSteps = 2;
/** Status code: a non-finite point or value, or |f| > 1e12·|f(start)| + 1e12. */
export const statusDiverged = 3;
/** Status code: 10 steps in a row shorter than 1e-14. */
export const statusStalled = 4;

/** The RunStatus of each status code (code 0, still running, has none). */
export const runStatusByCode: readonly (RunStatus | null)[] = [
  null,
  "converged",
  "max-steps",
  "diverged",
  "stalled",
];

/** Default step budget of a run. */
export const defaultMaxSteps = 1000;
/** Default convergence tolerance on |∇f|. */
export const defaultTolerance = 1e-6;
/** Stalled: step length under `stallLength` for `stallSteps` steps in a row. */
export const stallLength = 1e-14;
/** See `stallLength`. */
export const stallSteps = 10;
/** Diverged: |f| > `divergenceFactor`·|f(start)| + `divergenceFactor`. */
export const divergenceFactor = 1e12;

/** Everything the engine needs besides the points. */
export interface EngineOptions {
  surface: Surface;
  optimizer: OptimizerDef;
  params: Readonly<Record<string, number>>;
  count: number;
  gradient: GradientSource;
  /** Finite-difference step; undefined lets `partialDifference` scale it with |x|. */
  h: number | undefined;
  maxSteps: number;
  tol: number;
  box: Box;
  random: Random;
  /** The learning-rate schedule of a schedulable rule, resolved; undefined: constant. */
  schedule?: ScheduleSettings;
  /**
   * Standard deviation of the Gaussian noise added to each gradient component at every
   * evaluation (0 or undefined: none), drawn from `random`.
   */
  noise?: number;
  /**
   * A gradient that changes from step to step, such as a mini-batch's (see
   * ../data/miniBatch.ts): `select(k)` is called as iterate k begins, then `dfdx`/`dfdy` stand
   * in for the surface's exact derivatives for that step. Only with the analytic gradient;
   * noise, when asked for, is added on top.
   */
  stepGradient?: StepGradient;
  /**
   * Write f and the gradient of every iterate to `value`/`gradX`/`gradY` (a recorded run needs
   * them); otherwise only a stopped point's final values are written, to spare memory traffic.
   */
  keepValues?: boolean;
}

/** A gradient chosen anew for each iterate (see `EngineOptions.stepGradient`). */
export interface StepGradient {
  select(iterate: number): void;
  dfdx: Surface["dfdx"];
  dfdy: Surface["dfdy"];
}

/**
 * A batch of points stepping together. Usage: fill `x`, `y`, then `while (engine.step() > 0);`.
 * Each `step` is iterate k = 0, 1, 2, …: the rule's loop calls `advance(i)` for every point,
 * which evaluates f and the gradient at xₖ and applies the stopping rules in this order:
 * 1. diverged: x, y or f not finite, or |f| > 1e12·|f(start)| + 1e12;
 * 2. converged: |∇f| ≤ tol;
 * 3. stalled (rules that follow the gradient only): each of the last 10 steps shorter than 1e-14
 *    (a gradient-free rule rejecting proposals is searching, not stuck);
 * 4. max-steps: k = maxSteps.
 * A point that stops stays at xₖ with its values there and k in `stepsTaken`; for the others the
 * rule calls `moveTo(i, xₖ₊₁)`, which also counts short steps for the stall rule. After a step
 * `value`/`gradX`/`gradY` hold the values at xₖ (for points still running only with
 * `keepValues`).
 *
 * The per-point state of the stopping rules is one byte in `active` (0 stopped, 1 running,
 * 2 running after short steps) and the short-step count; the step length is taken in `moveTo`
 * from the point `advance` just evaluated, so no previous point is stored. The common case, a
 * running point with no short steps behind it that goes on, is settled in `advance` by a few
 * comparisons in registers, and the rule's loop stays small enough for the compiler to inline the
 * surface's compiled functions into it.
 */
export class StepEngine implements StepContext<unknown> {
  readonly count: number;
  readonly dimension: Dimension;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly value: Float64Array;
  readonly gradX: Float64Array;
  readonly gradY: Float64Array;
  /** Per point: 0 stopped, 1 running, 2 running with short steps counted (see the class comment). */
  readonly active: Uint8Array;
  readonly status: Uint8Array;
  readonly stepsTaken: Uint32Array;
  readonly startValue: Float64Array;
  /** 1e12·|f(start)| + 1e12 per point: past it, the run has diverged. */
  private readonly valueBound: Float64Array;
  t = 0;
  /** The rate of the current step (see `StepContext.lr`). */
  lr: number;
  private readonly baseLr: number;
  private readonly schedule: ScheduleSettings | undefined;
  readonly params: Readonly<Record<string, number>>;
  readonly state: unknown;
  readonly surface: Surface;
  readonly random: Random;
  readonly box: Box;
  readonly optimizer: OptimizerDef;
  /** The iterate evaluated by the last `step` (−1 before the first). */
  iterate = -1;
  private readonly stallCount: Uint8Array;
  private readonly maxSteps: number;
  private readonly tolSquared: number;
  private readonly checkStall: boolean;
  private readonly keepValues: boolean;
  private readonly f: Surface["f"];
  private readonly dfdx: Surface["dfdx"];
  private readonly dfdy: Surface["dfdy"];
  private readonly stepGradient: StepGradient | undefined;
  /** The `active` byte of the point `advance` evaluated last. */
  private currentMode = 0;
  currentX = NaN;
  currentY = NaN;
  currentValue = NaN;
  currentGradX = NaN;
  currentGradY = NaN;
  /** True for the last iterate (k = maxSteps), where every running point stops. */
  private finishing = false;
  /** Every point goes through `decide`: on the last iterate, or to record every iterate's values. */
  private slowPath: boolean;
  /** Points not yet stopped. */
  private running: number;

  constructor(options: EngineOptions) {
    const { count, surface } = options;
    this.count = count;
    this.dimension = surface.dimension;
    this.surface = surface;
    this.optimizer = options.optimizer;
    this.params = options.params;
    this.random = options.random;
    this.box = options.box;
    this.maxSteps = options.maxSteps;
    // A gradient chosen per step (a mini-batch's) is no proof of a critical point: one batch
    // can be fitted exactly where the loss over all the data is not flat. Such runs never stop
    // as converged; they run their budget, or diverge or stall.
    this.tolSquared = options.stepGradient === undefined ? options.tol * options.tol : -1;
    this.checkStall = options.optimizer.usesGradient;
    this.keepValues = options.keepValues ?? false;
    this.slowPath = this.keepValues;
    // f and the run's gradient as the engine's own fields: one load each in the rule's loop,
    // and no branch on the gradient source there.
    this.f = surface.f;
    const kind = options.gradient;
    this.stepGradient = options.stepGradient;
    if (this.stepGradient !== undefined) {
      if (kind !== "analytic") {
        throw new RangeError("a gradient chosen per step works only with the analytic gradient");
      }
      this.dfdx = this.stepGradient.dfdx;
      this.dfdy = this.stepGradient.dfdy;
    } else if (kind === "analytic") {
      this.dfdx = surface.dfdx;
      this.dfdy = surface.dfdy;
    } else {
      const { f } = surface;
      const h = options.h;
      this.dfdx = (x, y) => partialDifference(kind, f, x, y, 0, h);
      this.dfdy =
        surface.dimension === 2 ? (x, y) => partialDifference(kind, f, x, y, 1, h) : surface.dfdy;
    }
    const noise = options.noise ?? 0;
    if (noise > 0) {
      // Only a noisy run pays for the draws: the plain gradient stays one direct call.
      const { random } = options;
      const exactX = this.dfdx;
      const exactY = this.dfdy;
      this.dfdx = (x, y) => exactX(x, y) + noise * random.normal();
      if (surface.dimension === 2) this.dfdy = (x, y) => exactY(x, y) + noise * random.normal();
    }
    this.baseLr = options.params.lr ?? NaN;
    this.lr = this.baseLr;
    this.schedule = options.optimizer.schedulable === true ? options.schedule : undefined;
    this.x = new Float64Array(count);
    this.y = new Float64Array(count);
    this.value = new Float64Array(count);
    this.gradX = new Float64Array(count);
    this.gradY = new Float64Array(count);
    this.active = new Uint8Array(count).fill(1);
    this.status = new Uint8Array(count);
    this.stepsTaken = new Uint32Array(count);
    this.startValue = new Float64Array(count);
    this.valueBound = new Float64Array(count);
    this.stallCount = new Uint8Array(count);
    this.state = options.optimizer.init(count, surface.dimension, options.params);
    this.running = count;
  }

  /** f at a point. */
  valueAt(x: number, y: number): number {
    return this.f(x, y);
  }

  /** The configured gradient at a point, into `out`. */
  gradientAt(x: number, y: number, out: Float64Array): void {
    out[0] = this.dfdx(x, y);
    out[1] = this.dfdy(x, y);
  }

  /**
   * Evaluates point i at iterate k and applies the stopping rules (see the class comment). The
   * common case, a running point that simply goes on, is decided here in a few comparisons;
   * everything rarer (recorded values, stopping) is out of line in other methods, so this one stays small enough to be inlined into every rule's loop together with
   * the compiled surface.
   */
  advance(i: number): boolean {
    const mode = this.active[i]!;
    if (mode === 0) return false;
    const xi = this.x[i]!;
    const yi = this.y[i]!;
    // Once inlined, f and its compiled derivatives share their common subexpressions (∂f/∂y
    // is identically 0 in one variable).
    const v = this.f(xi, yi);
    const gx = this.dfdx(xi, yi);
    const gy = this.dfdy(xi, yi);
    this.currentMode = mode;
    this.currentX = xi;
    this.currentY = yi;
    this.currentValue = v;
    this.currentGradX = gx;
    this.currentGradY = gy;
    // x − x is exactly 0 when x is finite and NaN otherwise, so the sum is |f| exactly when x
    // and y are finite and NaN (failing the comparison) when anything is not a number. Every
    // point's divergence bound is at least 1e12, so |f| ≤ 1e12 settles it without a per-point
    // load.
    if (
      mode === 1 &&
      this.slowPath === false &&
      Math.abs(v) + (xi - xi) + (yi - yi) <= divergenceFactor &&
      gx * gx + gy * gy > this.tolSquared
    ) {
      return true;
    }
    return this.decide(i);
  }

  /** The stopping rules in full, for the cases `advance` does not settle at once. */
  private decide(i: number): boolean {
    const k = this.iterate;
    const xi = this.currentX;
    const yi = this.currentY;
    const v = this.currentValue;
    const gx = this.currentGradX;
    const gy = this.currentGradY;
    let code = statusRunning;
    if (!(
      Math.abs(v) <= this.valueBound[i]! &&
      Number.isFinite(v) &&
      Number.isFinite(xi) &&
      Number.isFinite(yi)
    )) {
      code = statusDiverged;
    } else if (gx * gx + gy * gy <= this.tolSquared) {
      code = statusConverged;
    } else if (this.stallCount[i]! >= stallSteps) {
      code = statusStalled;
    } else if (this.finishing) {
      code = statusMaxSteps;
    }
    // Every iterate's values when they are recorded; otherwise a stopped point's final ones.
    if (this.keepValues || code !== statusRunning) {
      this.value[i] = v;
      this.gradX[i] = gx;
      this.gradY[i] = gy;
    }
    if (code === statusRunning) return true;
    this.status[i] = code;
    this.active[i] = 0;
    this.stepsTaken[i] = k;
    this.running--;
    return false;
  }

  /**
   * Moves point i, which `advance` has just evaluated and let go on, to (nx, ny). A rule calls
   * it exactly once for each such point, with the point itself when it stays put. For rules that
   * follow the gradient a step shorter than 1e-14 is counted; 10 in a row stop the point as
   * stalled at its next iterate.
   */
  moveTo(i: number, nx: number, ny: number): void {
    const dx = nx - this.currentX;
    const dy = ny - this.currentY;
    const stepSquared = dx * dx + dy * dy;
    const mode = this.currentMode;
    this.x[i] = nx;
    this.y[i] = ny;
    if (stepSquared < stallLength * stallLength || mode !== 1) {
      this.countShortSteps(i, stepSquared);
    }
  }

  /** Short-step bookkeeping for `moveTo`: a short step, or the first long one after short ones. */
  private countShortSteps(i: number, stepSquared: number): void {
    if (!this.checkStall) return;
    if (stepSquared < stallLength * stallLength) {
      const count = this.stallCount[i]!;
      this.stallCount[i] = count < stallSteps ? count + 1 : count;
      this.active[i] = 2;
    } else {
      this.stallCount[i] = 0;
      this.active[i] = 1;
    }
  }

  /**
   * Evaluates iterate k = `iterate + 1` for every running point and moves those that go on;
   * returns how many are still running (0: every point has stopped). Start values are set up
   * and the last iterate is settled here rather than in the rule's loop, so the rule's loop
   * only ever sees the common case and stays small enough for the compiler to inline the
   * surface into it.
   */
  step(): number {
    const k = ++this.iterate;
    this.t = k + 1;
    if (this.schedule !== undefined) this.lr = scheduledRate(this.schedule, this.baseLr, k);
    this.stepGradient?.select(k);
    if (k === 0) this.prime();
    if (k >= this.maxSteps) {
      this.finishing = true;
      this.slowPath = true;
      for (let i = 0; i < this.count; i++) this.advance(i);
      return this.running;
    }
    this.optimizer.step(this);
    return this.running;
  }

  /** Start values and divergence bounds, before the first step. */
  private prime(): void {
    const f = this.f;
    for (let i = 0; i < this.count; i++) {
      const v = f(this.x[i]!, this.y[i]!);
      this.startValue[i] = v;
      this.valueBound[i] = divergenceFactor * Math.abs(v) + divergenceFactor;
    }
  }
}
