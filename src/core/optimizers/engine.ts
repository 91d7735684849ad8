/**
 * The stepping machinery shared by single runs and batches: a batch of points in
 * structure-of-arrays buffers, the gradient source, the stopping rules, and no allocation per
 * step. A single run is a batch of one that records every iterate.
 */
import { partialDifference, type FiniteDifferenceKind } from "../finiteDifference.ts";
import type { Random } from "../random.ts";
import type { Box, Dimension, GradientSource, RunStatus, Surface } from "../types.ts";
import type { OptimizerDef, StepContext } from "./types.ts";

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
  /**
   * Write f and the gradient of every iterate to `value`/`gradX`/`gradY` (a recorded run needs
   * them); otherwise only a stopped point's final values are written, to spare memory traffic.
   */
  keepValues?: boolean;
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
 * A point that stops stays at xₖ with its values there and k in `stepsTaken`; the others move
 * to xₖ₊₁. After a step, `previousX`/`previousY` hold xₖ for every point evaluated in it, and
 * `value`/`gradX`/`gradY` the values there (for points still running only with `keepValues`).
 */
export class StepEngine implements StepContext<unknown> {
  readonly count: number;
  readonly dimension: Dimension;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly value: Float64Array;
  readonly gradX: Float64Array;
  readonly gradY: Float64Array;
  readonly active: Uint8Array;
  readonly status: Uint8Array;
  readonly stepsTaken: Uint32Array;
  readonly startValue: Float64Array;
  /** 1e12·|f(start)| + 1e12 per point: past it, the run has diverged. */
  private readonly valueBound: Float64Array;
  readonly previousX: Float64Array;
  readonly previousY: Float64Array;
  t = 0;
  readonly params: Readonly<Record<string, number>>;
  readonly state: unknown;
  readonly surface: Surface;
  readonly random: Random;
  readonly box: Box;
  readonly optimizer: OptimizerDef;
  /** The iterate evaluated by the last `step` (−1 before the first). */
  iterate = -1;
  private readonly stallCount: Uint8Array;
  private readonly analytic: boolean;
  private readonly twoVariables: boolean;
  private readonly differenceKind: FiniteDifferenceKind;
  private readonly h: number | undefined;
  private readonly maxSteps: number;
  private readonly tolSquared: number;
  private readonly checkStall: boolean;
  private readonly scratch = new Float64Array(2);
  private readonly keepValues: boolean;
  currentValue = NaN;
  currentGradX = NaN;
  currentGradY = NaN;
  /** True for the last iterate (k = maxSteps), where every running point stops. */
  private finishing = false;
  /** Points not yet stopped. */
  private running: number;

  constructor(options: EngineOptions) {
    const { count, surface } = options;
    this.count = count;
    this.dimension = surface.dimension;
    this.twoVariables = surface.dimension === 2;
    this.surface = surface;
    this.optimizer = options.optimizer;
    this.params = options.params;
    this.random = options.random;
    this.box = options.box;
    this.analytic = options.gradient === "analytic";
    this.differenceKind = options.gradient === "analytic" ? "central" : options.gradient;
    this.h = options.h;
    this.maxSteps = options.maxSteps;
    this.tolSquared = options.tol * options.tol;
    this.checkStall = options.optimizer.usesGradient;
    this.keepValues = options.keepValues ?? false;
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
    this.previousX = new Float64Array(count);
    this.previousY = new Float64Array(count);
    this.stallCount = new Uint8Array(count);
    this.state = options.optimizer.init(count, surface.dimension, options.params);
    this.running = count;
  }

  /** f at a point. */
  valueAt(x: number, y: number): number {
    return this.surface.f(x, y);
  }

  /** The configured gradient at a point, into `out`. */
  gradientAt(x: number, y: number, out: Float64Array): void {
    const surface = this.surface;
    if (this.analytic) {
      out[0] = surface.dfdx(x, y);
      out[1] = this.twoVariables ? surface.dfdy(x, y) : 0;
    } else {
      out[0] = partialDifference(this.differenceKind, surface.f, x, y, 0, this.h);
      out[1] = this.twoVariables
        ? partialDifference(this.differenceKind, surface.f, x, y, 1, this.h)
        : 0;
    }
  }

  /**
   * Evaluates point i at iterate k and applies the stopping rules (see the class comment). The
   * common case, a point that simply goes on, is decided here in a few comparisons so the rule's
   * loop stays tight; every other case goes to `decide`.
   */
  advance(i: number): boolean {
    if (this.active[i] === 0) return false;
    const xi = this.x[i]!;
    const yi = this.y[i]!;
    const surface = this.surface;
    let v: number;
    let gx: number;
    let gy: number;
    if (this.analytic) {
      // f, ∂f/∂x and ∂f/∂y side by side with no branch between them (∂f/∂y is identically 0 in
      // one variable), so the compiler can share their common subexpressions.
      v = surface.f(xi, yi);
      gx = surface.dfdx(xi, yi);
      gy = surface.dfdy(xi, yi);
    } else {
      v = surface.f(xi, yi);
      this.gradientAt(xi, yi, this.scratch);
      gx = this.scratch[0]!;
      gy = this.scratch[1]!;
    }
    this.currentValue = v;
    this.currentGradX = gx;
    this.currentGradY = gy;
    if (this.keepValues) {
      this.value[i] = v;
      this.gradX[i] = gx;
      this.gradY[i] = gy;
    }
    const dx = xi - this.previousX[i]!;
    const dy = yi - this.previousY[i]!;
    this.previousX[i] = xi;
    this.previousY[i] = yi;
    // x − x is 0 exactly when x is finite; a NaN |f| fails the comparison. Every point's
    // divergence bound is at least 1e12, so |f| ≤ 1e12 settles it without a per-point load.
    if (
      !this.finishing &&
      Math.abs(v) <= divergenceFactor &&
      xi - xi === 0 &&
      yi - yi === 0 &&
      gx * gx + gy * gy > this.tolSquared &&
      dx * dx + dy * dy >= stallLength * stallLength
    ) {
      this.stallCount[i] = 0;
      return true;
    }
    return this.decide(i, xi, yi, v, gx, gy, dx * dx + dy * dy);
  }

  /** The stopping rules in full, for the cases `advance` does not settle at once. */
  private decide(
    i: number,
    xi: number,
    yi: number,
    v: number,
    gx: number,
    gy: number,
    stepSquared: number,
  ): boolean {
    const k = this.iterate;
    const gradientSquared = gx * gx + gy * gy;
    let code = statusRunning;
    if (!(
      Math.abs(v) <= this.valueBound[i]! &&
      Number.isFinite(v) &&
      Number.isFinite(xi) &&
      Number.isFinite(yi)
    )) {
      code = statusDiverged;
    } else if (gradientSquared <= this.tolSquared) {
      code = statusConverged;
    } else {
      if (this.checkStall && k > 0) {
        if (stepSquared < stallLength * stallLength) {
          const stalls = this.stallCount[i]! + 1;
          this.stallCount[i] = stalls;
          if (stalls >= stallSteps) code = statusStalled;
        } else {
          this.stallCount[i] = 0;
        }
      }
      if (code === statusRunning && k >= this.maxSteps) code = statusMaxSteps;
    }
    if (code !== statusRunning) {
      // The final values of a stopped point are kept even when iterates are not.
      this.value[i] = v;
      this.gradX[i] = gx;
      this.gradY[i] = gy;
      this.status[i] = code;
      this.active[i] = 0;
      this.stepsTaken[i] = k;
      this.running--;
      return false;
    }
    return true;
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
    if (k === 0) this.prime();
    if (k >= this.maxSteps) {
      this.finishing = true;
      for (let i = 0; i < this.count; i++) this.advance(i);
      return this.running;
    }
    this.optimizer.step(this);
    return this.running;
  }

  /** Start values and divergence bounds, before the first step. */
  private prime(): void {
    const f = this.surface.f;
    for (let i = 0; i < this.count; i++) {
      const v = f(this.x[i]!, this.y[i]!);
      this.startValue[i] = v;
      this.valueBound[i] = divergenceFactor * Math.abs(v) + divergenceFactor;
      // No step has been taken yet: an infinitely distant previous point keeps the first
      // evaluation from counting as a short step.
      this.previousX[i] = Infinity;
      this.previousY[i] = Infinity;
    }
  }
}
