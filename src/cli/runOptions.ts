/**
 * The options every optimizer-running command (run, basins, sweep) shares: the step rule, its
 * parameters, the gradient source and the run's limits. The parameter flags and their help are
 * generated from the step rules' own `ParamSpec`s, and `resolveParams` in core checks the values,
 * so a new rule or parameter reaches the command line without a second list to keep in step.
 */
import { checkBox, defaultMaxSteps, defaultTolerance, maxRunSteps } from "../core/run.ts";
import {
  getOptimizer,
  noiseSpec,
  OptimizerParamError,
  resolveSchedule,
  scheduleNames,
  ScheduleParamError,
  scheduleRegistry,
  type ScheduleSettings,
  optimizerNames,
  optimizerRegistry,
  resolveParams,
  type OptimizerDef,
  type OptimizerName,
  type ParamSpec,
} from "../core/optimizers/index.ts";
import { gradientSourceKeys, gradientSources, isGradientSource } from "../core/gradientSources.ts";
import { defaultSeed } from "../core/random.ts";
import { MAX_SEED } from "../core/scenario/document.ts";
import type { Box, GradientSource, Surface } from "../core/types.ts";
import type { Command, CliIo } from "./command.ts";
import { CliError, parseNumberList, parseNumberOption } from "./common.ts";
import { helpLine } from "./format.ts";

/** The step rule when --optimizer is not given: plain gradient descent. */
const defaultOptimizer: OptimizerName = "gd";
/** The gradient source when --gradient is not given: the exact one. */
const defaultGradient: GradientSource = "analytic";

/** One command-line flag for a parameter key, with every rule that has a parameter by that key. */
export interface ParameterFlag {
  key: string;
  uses: { optimizer: string; spec: ParamSpec }[];
}

/** The flag of a parameter key: PyTorch's snake_case names read as --weight-decay, --t-max. */
export function flagName(key: string): string {
  return key.replace(/_/g, "-");
}

/** One flag per distinct `ParamSpec` key of the given rules, in the order the keys first appear. */
export function parameterFlags(
  registry: Readonly<Record<string, Pick<OptimizerDef, "params">>> = optimizerRegistry,
): ParameterFlag[] {
  const flags = new Map<string, ParameterFlag>();
  for (const [optimizer, definition] of Object.entries(registry)) {
    for (const spec of definition.params) {
      const flag = flags.get(spec.key) ?? { key: spec.key, uses: [] };
      flag.uses.push({ optimizer, spec });
      flags.set(spec.key, flag);
    }
  }
  return [...flags.values()];
}

/**
 * The value most rules share, then the exceptions with the rules that have them:
 * "0.01 (adam 0.001; newton, backtracking 1)".
 */
function commonValue(flag: ParameterFlag, valueOf: (spec: ParamSpec) => string): string {
  const groups = new Map<string, string[]>();
  for (const { optimizer, spec } of flag.uses) {
    const value = valueOf(spec);
    groups.set(value, [...(groups.get(value) ?? []), optimizer]);
  }
  // A stable sort keeps ties in registry order.
  const [common, ...others] = [...groups].sort((a, b) => b[1].length - a[1].length);
  const exceptions = others.map(([value, names]) => `${names.join(", ")} ${value}`);
  return `${common?.[0] ?? ""}${exceptions.length > 0 ? ` (${exceptions.join("; ")})` : ""}`;
}

/**
 * A flag's help: its label, the rules that take it, its range and its default, e.g.
 * "Momentum μ for momentum, nesterov: from 0 to 0.999, default 0.9".
 */
export function parameterFlagHelp(flag: ParameterFlag): string {
  const labels = [...new Set(flag.uses.map((use) => use.spec.label))].join(" / ");
  const rules = flag.uses.map((use) => use.optimizer).join(", ");
  const whole = flag.uses.every((use) => use.spec.integer === true) ? "a whole number " : "";
  const range = commonValue(flag, (spec) => `${spec.min} to ${spec.max}`);
  const fallback = commonValue(flag, (spec) => String(spec.default));
  return `${labels} for ${rules}: ${whole}from ${range}, default ${fallback}`;
}

const parameterFlagList = parameterFlags();
/** The schedules' parameter flags (`--gamma` serves both step and exponential). */
const scheduleFlagList = parameterFlags(scheduleRegistry);

/** The optimizers' and schedules' parameter options, in `parseOptions` form. */
const parameterOptionConfig: Record<string, { type: "string" }> = Object.fromEntries(
  [...parameterFlagList, ...scheduleFlagList].map((flag) => [
    flagName(flag.key),
    { type: "string" } as const,
  ]),
);

/**
 * The options every optimizer-running command shares, in `parseOptions` form. A parameter key
 * must not be one of the fixed names below (tests/cli/runOptions.test.ts checks).
 */
export const optimizerOptionConfig = {
  ...parameterOptionConfig,
  f: { type: "string" },
  optimizer: { type: "string" },
  schedule: { type: "string" },
  noise: { type: "string" },
  seed: { type: "string" },
  gradient: { type: "string" },
  h: { type: "string" },
  steps: { type: "string" },
  tol: { type: "string" },
  box: { type: "string" },
  json: { type: "boolean" },
} as const;

/** The parameter option names, one per distinct ParamSpec key of the rules and the schedules. */
export const parameterOptionNames: readonly string[] = [
  ...parameterFlagList,
  ...scheduleFlagList,
].map((flag) => flagName(flag.key));

/** The help lines for the shared options; `omit` leaves out parameter flags a command sets itself. */
export function optimizerOptionHelp(omit: readonly string[] = []): string {
  const lines = [
    helpLine(
      "  --optimizer <name>",
      `step rule (default ${defaultOptimizer}): ${optimizerNames.join(", ")}`,
    ),
    ...parameterFlagList
      .filter((flag) => !omit.includes(flag.key))
      .map((flag) => helpLine(`  --${flagName(flag.key)} <n>`, parameterFlagHelp(flag))),
    helpLine(
      "  --schedule <name>",
      `learning-rate schedule of a first-order rule (default constant): ${scheduleNames.join(", ")}`,
    ),
    ...scheduleNames
      .filter((name) => scheduleRegistry[name].torchName !== "")
      .map(
        (name) =>
          `${" ".repeat(26)}${name.padEnd(12)}${scheduleRegistry[name].torchName}: ${scheduleRegistry[name].formula}`,
      ),
    ...scheduleFlagList.map((flag) =>
      helpLine(`  --${flagName(flag.key)} <n>`, parameterFlagHelp(flag)),
    ),
    helpLine(
      "  --noise <n>",
      `sigma of the Gaussian noise added to each gradient component, drawn from --seed (${noiseSpec.min} to ${noiseSpec.max}, default 0)`,
    ),
    helpLine(
      "  --seed <n>",
      `seed of the random rules and the noise (whole number, default ${defaultSeed})`,
    ),
    helpLine(
      "  --gradient <source>",
      `where the gradient comes from (default ${defaultGradient}):`,
    ),
    ...gradientSourceKeys.map(
      (key) =>
        `${" ".repeat(26)}${key.padEnd(10)}${gradientSources[key].label}: ${gradientSources[key].formula}`,
    ),
    helpLine("  --h <n>", "finite-difference step (default scales with |x|)"),
    helpLine("  --steps <n>", `step budget (default ${defaultMaxSteps})`),
    helpLine("  --tol <n>", `converged when |grad f| <= tol (default ${defaultTolerance})`),
  ];
  return lines.join("\n");
}

type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/** The settings shared by run, basins and sweep, validated. */
export interface OptimizerSettings {
  optimizer: string;
  params: Record<string, number>;
  gradient: GradientSource;
  h: number | undefined;
  maxSteps: number | undefined;
  tol: number | undefined;
  seed: number | undefined;
  /** Absent: the constant rate. */
  schedule: ScheduleSettings | undefined;
  noise: number | undefined;
}

function text(values: OptionValues, key: string): string | undefined {
  const value = values[key];
  return typeof value === "string" ? value : undefined;
}

/**
 * Reads and checks --optimizer, the parameter options, --gradient, --h, --steps, --tol, --seed.
 * The parameters are checked by core's `resolveParams`; its error becomes the flag's message.
 */
export function optimizerSettings(command: string, values: OptionValues): OptimizerSettings {
  const optimizer = text(values, "optimizer") ?? defaultOptimizer;
  const definition = getOptimizer(optimizer);
  if (!definition) {
    throw new CliError(
      `descent ${command}: --optimizer "${optimizer}" is not a step rule (choose one of: ${optimizerNames.join(", ")})`,
    );
  }
  const params: Record<string, number> = {};
  for (const { key } of parameterFlagList) {
    const value = parseNumberOption(command, flagName(key), text(values, flagName(key)));
    if (value !== undefined) params[key] = value;
  }
  try {
    resolveParams(optimizer, params);
  } catch (error) {
    if (!(error instanceof OptimizerParamError)) throw error;
    const spec = definition.params.find((p) => p.key === error.key);
    const own = definition.params.map((p) => `--${flagName(p.key)}`);
    throw new CliError(
      spec
        ? `descent ${command}: --${flagName(error.key)} for ${optimizer} must be ${spec.integer === true ? "a whole number" : "a number"} from ${spec.min} to ${spec.max}, got ${params[error.key]}`
        : `descent ${command}: --${flagName(error.key)} does not apply to ${optimizer} (${
            own.length > 0 ? `its options: ${own.join(", ")}` : "it takes no parameters"
          })`,
    );
  }
  const gradient = text(values, "gradient") ?? defaultGradient;
  if (!isGradientSource(gradient)) {
    throw new CliError(
      `descent ${command}: --gradient must be one of ${gradientSourceKeys.join(", ")}, got "${gradient}"`,
    );
  }
  const h = parseNumberOption(command, "h", text(values, "h"));
  if (h !== undefined && !(h > 0)) {
    throw new CliError(`descent ${command}: --h must be greater than 0, got ${h}`);
  }
  const maxSteps = parseNumberOption(command, "steps", text(values, "steps"));
  if (
    maxSteps !== undefined &&
    !(Number.isInteger(maxSteps) && maxSteps >= 0 && maxSteps <= maxRunSteps)
  ) {
    throw new CliError(
      `descent ${command}: --steps must be a whole number from 0 to ${maxRunSteps}, got ${maxSteps}`,
    );
  }
  const tol = parseNumberOption(command, "tol", text(values, "tol"));
  if (tol !== undefined && !(tol >= 0)) {
    throw new CliError(`descent ${command}: --tol must be 0 or more, got ${tol}`);
  }
  const seed = parseNumberOption(command, "seed", text(values, "seed"));
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)) {
    throw new CliError(
      `descent ${command}: --seed must be a whole number from 0 to ${MAX_SEED}, got ${seed}`,
    );
  }
  const schedule = scheduleSetting(command, values, optimizer);
  const noise = parseNumberOption(command, "noise", text(values, "noise"));
  if (noise !== undefined) {
    if (!(noise >= noiseSpec.min && noise <= noiseSpec.max)) {
      throw new CliError(
        `descent ${command}: --noise must be a number from ${noiseSpec.min} to ${noiseSpec.max}, got ${noise}`,
      );
    }
    if (noise > 0 && !definition.usesGradient) {
      throw new CliError(
        `descent ${command}: --noise does not apply to ${optimizer}, which uses no gradient`,
      );
    }
  }
  return { optimizer, params, gradient, h, maxSteps, tol, seed, schedule, noise };
}

/**
 * Reads --schedule and its parameter flags, checked by core's `resolveSchedule`: a parameter
 * flag needs a schedule that has it, and a schedule needs a first-order rule.
 */
function scheduleSetting(
  command: string,
  values: OptionValues,
  optimizer: string,
): ScheduleSettings | undefined {
  const kind = text(values, "schedule");
  const given: Record<string, number> = {};
  for (const flag of scheduleFlagList) {
    const value = parseNumberOption(command, flagName(flag.key), text(values, flagName(flag.key)));
    if (value !== undefined) given[flag.key] = value;
  }
  if (kind === undefined) {
    const stray = scheduleFlagList.find((flag) => flag.key in given);
    if (stray) {
      const owners = stray.uses.map((use) => use.optimizer).join(" or ");
      throw new CliError(
        `descent ${command}: --${flagName(stray.key)} is a schedule parameter; add --schedule ${owners}`,
      );
    }
    return undefined;
  }
  let schedule: ScheduleSettings;
  try {
    schedule = resolveSchedule(kind, given);
  } catch (error) {
    if (!(error instanceof ScheduleParamError)) throw error;
    const definition = scheduleRegistry[kind as keyof typeof scheduleRegistry] as
      (typeof scheduleRegistry)[keyof typeof scheduleRegistry] | undefined;
    if (!definition) {
      throw new CliError(
        `descent ${command}: --schedule "${kind}" is not a schedule (choose one of: ${scheduleNames.join(", ")})`,
      );
    }
    const spec = definition.params.find((p) => p.key === error.key);
    const own = definition.params.map((p) => `--${flagName(p.key)}`);
    throw new CliError(
      spec
        ? `descent ${command}: --${flagName(error.key)} for the ${kind} schedule must be ${spec.integer === true ? "a whole number" : "a number"} from ${spec.min} to ${spec.max}, got ${given[error.key]}`
        : `descent ${command}: --${flagName(error.key)} does not apply to the ${kind} schedule (${
            own.length > 0 ? `its options: ${own.join(", ")}` : "it takes no parameters"
          })`,
    );
  }
  if (schedule.kind === "constant") return undefined;
  if (getOptimizer(optimizer)?.schedulable !== true) {
    throw new CliError(
      `descent ${command}: --schedule does not apply to ${optimizer} (only the first-order rules take one)`,
    );
  }
  return schedule;
}

/**
 * Reads --box: xmin,xmax,ymin,ymax for a function of x and y, xmin,xmax for a function of x
 * alone (its y range stays the default [-5, 5], which nothing in one variable reads). A box with
 * the other count, or one too wide to compute in, is refused.
 */
export function boxOption(
  command: string,
  value: string | undefined,
  dimension: 1 | 2,
): Box | undefined {
  if (value === undefined) return undefined;
  const numbers = parseNumberList(command, "box", value, [2, 4]);
  if (numbers.length !== dimension * 2) {
    throw new CliError(
      dimension === 1
        ? `descent ${command}: f depends only on x, so --box takes two numbers xmin,xmax, got "${value}"`
        : `descent ${command}: f depends on x and y, so --box takes four numbers xmin,xmax,ymin,ymax, got "${value}"`,
    );
  }
  const [xmin = 0, xmax = 0, ymin = -5, ymax = 5] = numbers;
  try {
    return checkBox({ xmin, xmax, ymin, ymax });
  } catch (error) {
    throw new CliError(
      `descent ${command}: --box: ${(error as Error).message.replace(/^box /, "")}`,
    );
  }
}

/** Reads --from: one number in one variable, x,y in two. */
export function startOption(
  command: string,
  value: string | undefined,
  surface: Surface,
): number[] {
  if (value === undefined) {
    throw new CliError(
      `descent ${command}: --from is required, e.g. --from ${surface.dimension === 1 ? "1.5" : "1,2"}`,
    );
  }
  const numbers = parseNumberList(command, "from", value, [1, 2]);
  if (numbers.length !== surface.dimension) {
    throw new CliError(
      surface.dimension === 1
        ? `descent ${command}: f depends only on x, so --from takes one number, got "${value}"`
        : `descent ${command}: f depends on x and y, so --from takes two numbers x,y, got "${value}"`,
    );
  }
  return numbers;
}

/**
 * A command's `run` that turns the core's RangeErrors and OptimizerParamErrors (bad limits, box,
 * parameters) into CliErrors, so they exit with status 2 and one line.
 */
export function reportingCoreErrors(
  command: string,
  main: (argv: string[], io: CliIo) => number | Promise<number>,
): Command["run"] {
  const report = (error: unknown): never => {
    if (error instanceof RangeError || error instanceof OptimizerParamError) {
      throw new CliError(`descent ${command}: ${error.message}`);
    }
    throw error;
  };
  return (argv, io) => {
    try {
      const status = main(argv, io);
      return typeof status === "number" ? status : status.catch(report);
    } catch (error) {
      return report(error);
    }
  };
}
