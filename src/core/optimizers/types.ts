import type { Box, Dimension, OptimizerState, Surface } from "../types.ts";
import type { Random } from "../random.ts";

/** Registry keys of every step rule the product teaches (the URL, CLI and UI use these). */
export type OptimizerName =
  | "gd"
  | "ascent"
  | "sign"
  | "momentum"
  | "nesterov"
  | "adagrad"
  | "rmsprop"
  | "adam"
  | "adamw"
  | "amsgrad"
  | "nadam"
  | "newton"
  | "linesearch"
  | "try-steps"
  | "backtracking"
  | "random-search"
  | "random-local";

/**
 * One tunable parameter of a step rule. `min` and `max` are the valid range (inclusive) that
 * `resolveParams` enforces; `scale` says how a slider should move through it.
 */
export interface ParamSpec {
  key: string;
  label: string;
  default: number;
  min: number;
  max: number;
  scale: "linear" | "log";
  integer?: boolean;
}

/**
 * What a step sees: a batch of `count` points in structure-of-arrays layout. A step loops over
 * the points and first calls `advance(i)`, which evaluates f and the gradient at point i (into
 * `currentX`, `currentY`, `currentValue`, `currentGradX`, `currentGradY`) and applies the stopping
 * rules; only when it returns true does the step move the point, by calling `moveTo(i, …)` once.
 * Evaluating inside the rule's own loop, into scalars rather than arrays, keeps a batch of
 * thousands of points to one pass over as few buffers as possible per step. In one variable `y`
 * and the y-gradient stay 0.
 */
export interface StepContext<S> {
  readonly count: number;
  readonly dimension: Dimension;
  /** The points; read them freely, but move them only with `moveTo`. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** The point, f and the gradient of the last `advance` call that returned true. */
  readonly currentX: number;
  readonly currentY: number;
  readonly currentValue: number;
  readonly currentGradX: number;
  readonly currentGradY: number;
  /**
   * Evaluates point i at the current iterate and decides whether it stops there; true when the
   * rule should move it. Call exactly once per point per step, before reading its gradient.
   */
  advance(i: number): boolean;
  /**
   * Moves point i to (x, y) after `advance(i)` returned true. Call exactly once for such a
   * point, with its current coordinates when it stays put: the stall rule counts short steps
   * here.
   */
  moveTo(i: number, x: number, y: number): void;
  /** Step number, 1 for the first step (Adam's bias correction uses it). */
  t: number;
  /**
   * The learning rate this step uses: `params.lr` under the run's schedule for rules that take
   * one (see ./schedules.ts), `params.lr` itself for the others, NaN for rules without one.
   */
  readonly lr: number;
  readonly params: Readonly<Record<string, number>>;
  readonly state: S;
  /** f for probing rules (line search, random search); second derivatives for Newton. */
  readonly surface: Surface;
  readonly random: Random;
  /** Domain box (random search samples here). */
  readonly box: Box;
  /** f at a point (the same f the runner uses). */
  valueAt(x: number, y: number): number;
  /**
   * The run's gradient (analytic or finite-difference, as configured) at a point, written into
   * `out[0]`, `out[1]` so probing rules stay allocation-free.
   */
  gradientAt(x: number, y: number, out: Float64Array): void;
}

/**
 * A step rule: a plain object over typed arrays. `init` allocates the per-point state once,
 * `step` advances every active point of a batch by one step without allocating, and `snapshot`
 * copies one point's state into a plain object for display (only single runs call it, right
 * after each step, so the state must hold what that step computed at the point it left: see
 * `RunResult.states`).
 */
export interface OptimizerDef<S = unknown> {
  name: OptimizerName;
  label: string;
  /** One sentence with the update rule. */
  summary: string;
  usesGradient: boolean;
  /** A first-order rule whose learning rate may follow a schedule (see ./schedules.ts). */
  schedulable?: boolean;
  params: ParamSpec[];
  init(count: number, dimension: Dimension, params: Readonly<Record<string, number>>): S;
  step(context: StepContext<S>): void;
  snapshot(state: S, index: number, dimension: Dimension): OptimizerState;
}

/** True when `value` is valid for `spec`: a finite number in [min, max], whole if it must be. */
export function validParamValue(spec: ParamSpec, value: unknown): value is number {
  return (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= spec.min &&
    value <= spec.max &&
    (spec.integer !== true || Number.isInteger(value))
  );
}

/**
 * A full parameter set for `owner` ("adam", "step schedule"): each given value checked against
 * its spec (min ≤ value ≤ max, finite, integral when the spec says so), the rest filled with
 * defaults; or the first problem, naming the parameter, for an unknown key or a bad value.
 */
export function resolveParamSet(
  owner: string,
  specs: readonly ParamSpec[],
  params?: Readonly<Record<string, number>>,
): { ok: true; params: Record<string, number> } | { ok: false; key: string; problem: string } {
  const resolved: Record<string, number> = {};
  for (const spec of specs) resolved[spec.key] = spec.default;
  if (!params) return { ok: true, params: resolved };
  for (const [key, value] of Object.entries(params)) {
    const spec = specs.find((p) => p.key === key);
    if (!spec) {
      const known = specs.map((p) => p.key);
      return {
        ok: false,
        key,
        problem: `${owner} has no parameter "${key}" (${
          known.length > 0 ? `its parameters: ${known.join(", ")}` : "it takes no parameters"
        })`,
      };
    }
    if (!validParamValue(spec, value)) {
      return {
        ok: false,
        key,
        problem:
          `${owner}: ${key} must be ${spec.integer === true ? "an integer " : "a number "}` +
          `from ${spec.min} to ${spec.max}, got ${String(value)}`,
      };
    }
    resolved[key] = value;
  }
  return { ok: true, params: resolved };
}

/** The valid learning-rate range shared by the rules that have one. */
export function learningRateSpec(defaultValue: number): ParamSpec {
  return {
    key: "lr",
    label: "Learning rate",
    default: defaultValue,
    min: 1e-8,
    max: 1e3,
    scale: "log",
  };
}

/** Copies the coordinates at `index` into a plain array of the surface's dimension. */
export function pair(
  xs: Float64Array,
  ys: Float64Array,
  index: number,
  dimension: Dimension,
): number[] {
  const x = xs[index] ?? 0;
  return dimension === 1 ? [x] : [x, ys[index] ?? 0];
}

/** Widens a concrete rule to the registry's type (methods are checked where the rule is written). */
export function defineOptimizer<S>(definition: OptimizerDef<S>): OptimizerDef {
  return definition as OptimizerDef;
}
