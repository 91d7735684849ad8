/**
 * The stepping machinery shared by single runs and batches: a batch of points in
 * structure-of-arrays buffers, the gradient source, the stopping rules, and no allocation per
 * step. A single run is a batch of one that records every iterate.
 */
import { partialDifference } from "../finiteDifference.ts";
import type { Random } from "../random.ts";
import type { Box, Dimension, GradientSource, RunStatus, Surface } from "../types.ts";
import type { OptimizerDef, StepContext } from "./types.ts";

/** Status codes in the batch buffers; index into `runStatusByCode`. */
export const statusRunning = 0;
export const statusConverged = 1;
export const statusMaxSteps = 2;
export const statusDiverged = 3;
export const statusStalled = 4;

/** The RunStatus of each status code (code 0, still running, has none). */
export const runStatusByCode: readonly (RunStatus | null)[] = [
  null,
  "converged",
  "max-steps",
  "diverged",
  "stalled",
];

/** Default limits of a run. */
export const defaultMaxSteps = 1000;
export const defaultTolerance = 1e-6;
/** Stalled: step length under `stallLength` for `stallSteps` steps in a row. */
export const stallLength = 1e-14;
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
}

/**
 * A batch of points stepping together. Usage: fill `x`, `y`, then loop
 * `while (engine.evaluate() > 0) engine.step();` — `evaluate` computes f and the gradient at every
 * running point and applies the stopping rules in this order at iterate k:
 * 1. diverged: x, y or f not finite, or |f| > 1e12·|f(start)| + 1e12;
 * 2. converged: |∇f| ≤ tol;
 * 3. stalled (rules that follow the gradient only): each of the last 10 steps shorter than 1e-14
 *    (a gradient-free rule rejecting proposals is searching, not stuck);
 * 4. max-steps: k = maxSteps.
 * A point that stops keeps its final values and its stop step in `stepsTaken`.
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
  t = 0;
  readonly params: Readonly<Record<string, number>>;
  readonly state: unknown;
  readonly surface: Surface;
  readonly random: Random;
  readonly box: Box;
  readonly optimizer: OptimizerDef;
  /** Iterates evaluated so far minus one: the k of the last `evaluate`. */
  iterate = -1;
  private readonly previousX: Float64Array;
  private readonly previousY: Float64Array;
  private readonly stallCount: Uint8Array;
  private readonly gradientSource: GradientSource;
  private readonly h: number | undefined;
  private readonly maxSteps: number;
  private readonly tolSquared: number;
  private runningCount: number;

  constructor(options: EngineOptions) {
    const { count, surface } = options;
    this.count = count;
    this.dimension = surface.dimension;
    this.surface = surface;
    this.optimizer = options.optimizer;
    this.params = options.params;
    this.random = options.random;
    this.box = options.box;
    this.gradientSource = options.gradient;
    this.h = options.h;
    this.maxSteps = options.maxSteps;
    this.tolSquared = options.tol * options.tol;
    this.x = new Float64Array(count);
    this.y = new Float64Array(count);
    this.value = new Float64Array(count);
    this.gradX = new Float64Array(count);
    this.gradY = new Float64Array(count);
    this.active = new Uint8Array(count).fill(1);
    this.status = new Uint8Array(count);
    this.stepsTaken = new Uint32Array(count);
    this.startValue = new Float64Array(count);
    this.previousX = new Float64Array(count);
    this.previousY = new Float64Array(count);
    this.stallCount = new Uint8Array(count);
    this.state = options.optimizer.init(count, surface.dimension, options.params);
    this.runningCount = count;
  }

  /** f at a point. */
  valueAt(x: number, y: number): number {
    return this.surface.f(x, y);
  }

  /** The configured gradient at a point, into `out`. */
  gradientAt(x: number, y: number, out: Float64Array): void {
    const surface = this.surface;
    const source = this.gradientSource;
    if (source === "analytic") {
      out[0] = surface.dfdx(x, y);
      out[1] = this.dimension === 2 ? surface.dfdy(x, y) : 0;
    } else {
      out[0] = partialDifference(source, surface.f, x, y, 0, this.h);
      out[1] = this.dimension === 2 ? partialDifference(source, surface.f, x, y, 1, this.h) : 0;
    }
  }

  /**
   * Evaluates f and the gradient at iterate k for every running point, applies the stopping
   * rules, and returns how many points are still running.
   */
  evaluate(): number {
    const k = ++this.iterate;
    const { count, x, y, value, gradX, gradY, active, status, stepsTaken, startValue } = this;
    const { previousX, previousY, stallCount } = this;
    const surface = this.surface;
    const f = surface.f;
    const dfdx = surface.dfdx;
    const dfdy = surface.dfdy;
    const analytic = this.gradientSource === "analytic";
    const source = this.gradientSource === "analytic" ? "central" : this.gradientSource;
    const h = this.h;
    const twoVariables = this.dimension === 2;
    const tolSquared = this.tolSquared;
    const checkStall = this.optimizer.usesGradient && k > 0;
    const atBudget = k >= this.maxSteps;
    let running = 0;
    for (let i = 0; i < count; i++) {
      if (active[i] === 0) continue;
      const xi = x[i]!;
      const yi = y[i]!;
      const v = f(xi, yi);
      let gx: number;
      let gy: number;
      if (analytic) {
        gx = dfdx(xi, yi);
        gy = twoVariables ? dfdy(xi, yi) : 0;
      } else {
        gx = partialDifference(source, f, xi, yi, 0, h);
        gy = twoVariables ? partialDifference(source, f, xi, yi, 1, h) : 0;
      }
      value[i] = v;
      gradX[i] = gx;
      gradY[i] = gy;
      if (k === 0) startValue[i] = v;
      let code = statusRunning;
      if (!(
        Number.isFinite(v) &&
        Number.isFinite(xi) &&
        Number.isFinite(yi) &&
        Math.abs(v) <= divergenceFactor * Math.abs(startValue[i]!) + divergenceFactor
      )) {
        code = statusDiverged;
      } else if (gx * gx + gy * gy <= tolSquared) {
        code = statusConverged;
      } else {
        if (checkStall) {
          const dx = xi - previousX[i]!;
          const dy = yi - previousY[i]!;
          if (dx * dx + dy * dy < stallLength * stallLength) {
            const stalls = stallCount[i]! + 1;
            stallCount[i] = stalls;
            if (stalls >= stallSteps) code = statusStalled;
          } else {
            stallCount[i] = 0;
          }
        }
        if (code === statusRunning && atBudget) code = statusMaxSteps;
      }
      if (code !== statusRunning) {
        status[i] = code;
        active[i] = 0;
        stepsTaken[i] = k;
      } else {
        previousX[i] = xi;
        previousY[i] = yi;
        running++;
      }
    }
    this.runningCount = running;
    return running;
  }

  /** Advances every running point by one step of the rule. */
  step(): void {
    if (this.runningCount === 0) return;
    this.t = this.iterate + 1;
    this.optimizer.step(this);
  }
}
