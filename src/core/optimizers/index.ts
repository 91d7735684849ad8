/**
 * The registry of step rules, keyed by the name the URL, the command line and the UI share.
 */
import { adam, adamw, amsgrad, nadam } from "./adam.ts";
import {
  adagrad,
  gradientAscent,
  gradientDescent,
  momentum,
  nesterov,
  rmsprop,
  signDescent,
} from "./firstOrder.ts";
import { backtracking, lineSearch, trySteps } from "./lineSearch.ts";
import { newton } from "./newton.ts";
import { randomLocal, randomSearch } from "./randomSearch.ts";
import {
  resolveParamSet,
  validParamValue,
  type OptimizerDef,
  type OptimizerName,
} from "./types.ts";

/** The shapes of a step rule (see ./types.ts). */
export type { OptimizerDef, OptimizerName, ParamSpec, StepContext } from "./types.ts";
/** Newton's fallback rule and Armijo's constants, for display. */
export { newtonFallbackReasons, newtonSingularTolerance } from "./newton.ts";
export { armijoConstant, maxHalvings, maxSpread } from "./lineSearch.ts";
/** Gradient noise's range (see ./engine.ts). */
export { noiseSpec } from "./engine.ts";
/** The learning-rate schedules (see ./schedules.ts). */
export {
  getSchedule,
  resolveSchedule,
  scheduledRate,
  scheduleNames,
  ScheduleParamError,
  scheduleRegistry,
  type ScheduleDef,
  type ScheduleName,
  type ScheduleSettings,
} from "./schedules.ts";

/** Every step rule by name. */
export const optimizerRegistry: Record<OptimizerName, OptimizerDef> = {
  gd: gradientDescent,
  ascent: gradientAscent,
  sign: signDescent,
  momentum,
  nesterov,
  adagrad,
  rmsprop,
  adam,
  adamw,
  amsgrad,
  nadam,
  newton,
  linesearch: lineSearch,
  "try-steps": trySteps,
  backtracking,
  "random-search": randomSearch,
  "random-local": randomLocal,
};

/** Names in teaching order (plain descent first, gradient-free baselines last). */
export const optimizerNames = Object.keys(optimizerRegistry) as OptimizerName[];

/** The step rule called `name`, or undefined for an unknown name. */
export function getOptimizer(name: string): OptimizerDef | undefined {
  return Object.prototype.hasOwnProperty.call(optimizerRegistry, name)
    ? optimizerRegistry[name as OptimizerName]
    : undefined;
}

/** A parameter value that is unknown, not a number or outside its valid range. */
export class OptimizerParamError extends Error {
  readonly optimizer: string;
  readonly key: string;
  constructor(optimizer: string, key: string, message: string) {
    super(message);
    this.name = "OptimizerParamError";
    this.optimizer = optimizer;
    this.key = key;
  }
}

/**
 * The full parameter set of a rule: each given value checked against its `ParamSpec` range
 * (min ≤ value ≤ max, finite, integral when the spec says so), the rest filled with defaults.
 * Throws `OptimizerParamError` naming the rule and the parameter for an unknown optimizer, an
 * unknown key or a bad value.
 */
export function resolveParams(
  optimizer: string,
  params?: Record<string, number>,
): Record<string, number> {
  const definition = getOptimizer(optimizer);
  if (!definition) {
    throw new OptimizerParamError(
      optimizer,
      "",
      `unknown optimizer "${optimizer}" (choose one of: ${optimizerNames.join(", ")})`,
    );
  }
  const resolved = resolveParamSet(optimizer, definition.params, params);
  if (!resolved.ok) throw new OptimizerParamError(optimizer, resolved.key, resolved.problem);
  return resolved.params;
}

/**
 * The parameters a run takes when it switches to `optimizer`: every key of that rule, keeping a
 * previous value where the key is shared and the value is valid for the new rule (a learning
 * rate carried from gd to adam if it is within adam's range), its default otherwise.
 */
export function paramsCarriedOver(
  optimizer: string,
  previous?: Readonly<Record<string, number>>,
): Record<string, number> {
  const definition = getOptimizer(optimizer);
  if (!definition) return { ...previous };
  const params: Record<string, number> = {};
  for (const spec of definition.params) {
    const value = previous?.[spec.key];
    params[spec.key] = validParamValue(spec, value) ? value : spec.default;
  }
  return params;
}
