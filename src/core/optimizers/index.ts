/**
 * The registry of step rules, keyed by the name the URL, the command line and the UI share.
 */
import {
  adagrad,
  adam,
  gradientAscent,
  gradientDescent,
  momentum,
  nesterov,
  rmsprop,
  signDescent,
} from "./firstOrder.ts";
import { backtracking, lineSearch } from "./lineSearch.ts";
import { newton } from "./newton.ts";
import { randomLocal, randomSearch } from "./randomSearch.ts";
import type { OptimizerDef, OptimizerName, ParamSpec } from "./types.ts";

/** The shapes of a step rule (see ./types.ts). */
export type { OptimizerDef, OptimizerName, ParamSpec, StepContext } from "./types.ts";
/** Newton's fallback rule and Armijo's constants, for display. */
export { newtonFallbackReasons, newtonSingularTolerance } from "./newton.ts";
export { armijoConstant, maxHalvings } from "./lineSearch.ts";

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
  newton,
  linesearch: lineSearch,
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

/** True when `value` is valid for `spec`: a finite number in [min, max], whole if it must be. */
function validParamValue(spec: ParamSpec, value: unknown): value is number {
  return (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= spec.min &&
    value <= spec.max &&
    (spec.integer !== true || Number.isInteger(value))
  );
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
  const resolved: Record<string, number> = {};
  for (const spec of definition.params) resolved[spec.key] = spec.default;
  if (params) {
    for (const [key, value] of Object.entries(params)) {
      const spec = definition.params.find((p) => p.key === key);
      if (!spec) {
        const known = definition.params.map((p) => p.key);
        throw new OptimizerParamError(
          optimizer,
          key,
          `${optimizer} has no parameter "${key}" (${
            known.length > 0 ? `its parameters: ${known.join(", ")}` : "it takes no parameters"
          })`,
        );
      }
      if (!validParamValue(spec, value)) {
        throw new OptimizerParamError(
          optimizer,
          key,
          `${optimizer}: ${key} must be ${spec.integer === true ? "an integer " : "a number "}` +
            `from ${spec.min} to ${spec.max}, got ${String(value)}`,
        );
      }
      resolved[key] = value;
    }
  }
  return resolved;
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
