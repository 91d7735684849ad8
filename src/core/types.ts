/**
 * Shared types of the math core. Every layer (store, views, CLI) speaks in these.
 * Pure TypeScript: no imports from React, three, zustand or the DOM.
 */
import type { GradientSource } from "./gradientSources.ts";

/** A scalar field f(x, y). One-variable surfaces ignore `y`. */
export type ScalarFn = (x: number, y: number) => number;

/** Number of variables a surface depends on. */
export type Dimension = 1 | 2;

/** The rectangle of the (x, y) plane shown and sampled. In one variable only x matters. */
export interface Box {
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

/** TeX of a surface and its first partial derivatives (mathjs `toTex`). */
export interface SurfaceTex {
  f: string;
  dfdx: string;
  dfdy: string;
}

/**
 * A parsed, validated and compiled surface with its exact derivatives.
 * Every function is a plain compiled JavaScript function of (x, y): it never throws
 * and returns NaN or ±Infinity outside the domain.
 */
export interface Surface {
  /** What the person typed. */
  readonly text: string;
  /** The expression as mathjs prints it back (normalised). */
  readonly normalized: string;
  /** 1 when f uses only x, otherwise 2. */
  readonly dimension: Dimension;
  readonly f: ScalarFn;
  /** ∂f/∂x (f'(x) in one variable). */
  readonly dfdx: ScalarFn;
  /** ∂f/∂y (identically 0 in one variable). */
  readonly dfdy: ScalarFn;
  /** ∂²f/∂x². */
  readonly d2fdx2: ScalarFn;
  /** ∂²f/∂x∂y (identically 0 in one variable). */
  readonly d2fdxdy: ScalarFn;
  /** ∂²f/∂y² (identically 0 in one variable). */
  readonly d2fdy2: ScalarFn;
  /** The derivative expressions as text (mathjs syntax), for display and debugging. */
  readonly derivativeText: {
    dfdx: string;
    dfdy: string;
    d2fdx2: string;
    d2fdxdy: string;
    d2fdy2: string;
  };
  readonly tex: SurfaceTex;
}

/** Kinds of problems a typed expression can have. */
export type SurfaceErrorCode =
  | "empty"
  | "syntax"
  | "unknown-symbol"
  | "unsupported-function"
  | "forbidden"
  | "too-long"
  | "too-deep"
  | "invalid-number";

/** Result of the second-derivative test at a point. */
export type Classification = "minimum" | "maximum" | "saddle" | "inconclusive";

/** Where a run came to rest, and what kind of point that is. */
export interface CriticalPointInfo {
  classification: Classification;
  /** Eigenvalues of the Hessian, ascending (one value, f'', in one variable). */
  eigenvalues: number[];
}

/** How the gradient of a run is obtained (the table with labels is ./gradientSources.ts). */
export type { GradientSource } from "./gradientSources.ts";

/** Why a run stopped. */
export type RunStatus = "converged" | "max-steps" | "diverged" | "stalled";

/** What a single run needs: where it starts and how it steps. Omitted fields take defaults. */
export interface RunSpec {
  /** Start point: [x] in one variable, [x, y] in two. */
  start: number[];
  /** Optimizer registry key, e.g. "gd", "adam". */
  optimizer: string;
  /** Optimizer parameters by key (lr, momentum, ...); missing keys take the optimizer's defaults. */
  params?: Record<string, number>;
  /** Where the gradient comes from (default "analytic"). */
  gradient?: GradientSource;
  /** Finite-difference step; default scales with |x|. */
  h?: number;
  /** Step budget (default 1000). */
  maxSteps?: number;
  /** Gradient-norm tolerance for convergence (default 1e-6). */
  tol?: number;
  /** Domain box (random search samples here). */
  box?: Box;
  /** Seed of the random generator, for reproducible random rules and gradient noise. */
  seed?: number;
  /**
   * Learning-rate schedule of a first-order rule (absent: the constant rate); missing
   * parameters take their defaults.
   */
  schedule?: { kind: string; params?: Record<string, number> };
  /** Standard deviation of the Gaussian noise added to each gradient component (default 0). */
  noise?: number;
  /**
   * On a loss over data only, with a first-order rule and the analytic gradient: rows per
   * mini-batch, from 1 (stochastic) to n (absent: every row, the full gradient). Each epoch
   * shuffles the rows afresh from `seed`.
   */
  batch?: number;
}

/**
 * A snapshot of a step rule's internal state right after one step, for explanation in the UI:
 * what the rule computed at the iterate it stepped from (see `RunResult.states`).
 */
export type OptimizerState = Record<string, number | number[] | string | boolean>;

/** The full record of a run. Iterate k (0 = start) lives at index k of every array. */
export interface RunResult {
  status: RunStatus;
  /** Number of steps taken; iterates recorded = steps + 1. */
  steps: number;
  dimension: Dimension;
  xs: Float64Array;
  /** All zeros in one variable. */
  ys: Float64Array;
  values: Float64Array;
  gradX: Float64Array;
  gradY: Float64Array;
  /**
   * One entry per iterate. For k < steps, `states[k]` is the rule's state as it produced the step
   * from xₖ to xₖ₊₁: quantities evaluated at xₖ (Newton's Hessian, its step −H⁻¹∇f(xₖ) and
   * fallback; the line search's α; a random rule's proposal) and memory already updated with
   * ∇f(xₖ) (momentum's b, Adam's m and v with t = k + 1, AdaGrad's and RMSProp's sums). So the
   * panel at iterate k shows the numbers that moved the point from xₖ. `states[steps]` is empty:
   * the run stopped at the final iterate without a step.
   */
  states: OptimizerState[];
  /**
   * For rules with a learning rate, `rates[k]` is the rate step k used (the schedule's rate at
   * k, or lr itself); absent for rules without one.
   */
  rates?: Float64Array;
  /**
   * A mini-batch run's batch size and the steps in one epoch (⌈n/size⌉): iterate k is in
   * epoch ⌊k/stepsPerEpoch⌋. The recorded gradients are the batch gradients each step followed;
   * the recorded values are the loss over all the data. Absent for a full-gradient run.
   */
  batch?: { size: number; stepsPerEpoch: number };
  final: { point: number[]; value: number; gradientNorm: number };
  /** Second-derivative test at the final point when converged, else null. */
  classification: CriticalPointInfo | null;
}
