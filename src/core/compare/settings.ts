/**
 * "Compare by": the settings a comparison may vary, one row each. A row knows how to read the
 * setting from a run, how to write a value into a run, how to name it in a panel title
 * ("lr = 0.45") and which values to offer next, so the store, the panels and the document all
 * go through one table. A new setting is one more row here and one more key in `compareByKeys`.
 */
import { formatNumber } from "../format.ts";
import { gradientSourceKeys, gradientSources, type GradientSource } from "../gradientSources.ts";
import {
  getOptimizer,
  paramsCarriedOver,
  resolveParams,
  type OptimizerName,
} from "../optimizers/index.ts";
import {
  resolveSchedule,
  scheduleNames,
  type ScheduleName,
  type ScheduleSettings,
} from "../optimizers/schedules.ts";
import type { RunSettings } from "../scenario/document.ts";
import { extrasFor } from "../scenario/extras.ts";

/** The settings a comparison can vary, in the order "Compare by" offers them. */
export const compareByKeys = ["lr", "optimizer", "gradient", "momentum", "schedule"] as const;
export type CompareBy = (typeof compareByKeys)[number];

/** Most variants one comparison shows (a 3 × 3 grid of panels). */
export const MAX_VARIANTS = 9;

/**
 * How a setting's value is edited in place: a number, a step rule, a gradient source, or a
 * learning-rate schedule.
 */
export type CompareValueKind = "number" | "optimizer" | "gradient" | "schedule";

/**
 * A value of a compared setting: a number (lr, μ), a rule name, a source with its step h, or a
 * schedule with its parameters (absent ones at PyTorch's defaults).
 */
export type CompareValue =
  | { kind: "number"; value: number }
  | { kind: "optimizer"; value: OptimizerName }
  | { kind: "gradient"; value: GradientSource; h?: number }
  | { kind: "schedule"; value: ScheduleName; params?: Record<string, number> };

/** One row of the "Compare by" table. */
export interface CompareSetting {
  key: CompareBy;
  /** What "Compare by" lists: "learning rate". */
  label: string;
  kind: CompareValueKind;
  /** The run's value of this setting. */
  valueOf(run: RunSettings): CompareValue;
  /** `run` with this setting set to `value` (every other setting kept where it still applies). */
  withValue(run: RunSettings, value: CompareValue): RunSettings;
  /** The value as a panel title names it: "lr = 0.45", "Adam", "central, h = 0.001". */
  describe(value: CompareValue): string;
  /** The values a fresh comparison from `run` shows, `run`'s own first. */
  startingValues(run: RunSettings): CompareValue[];
  /** A value to add next: one the group does not use yet, or null when every choice is used. */
  nextValue(group: readonly RunSettings[]): CompareValue | null;
}

/** The seven rules "Race optimizers" and "Compare by: optimizer" start with, in teaching order. */
export const RACE_OPTIMIZERS: readonly OptimizerName[] = [
  "gd",
  "momentum",
  "nesterov",
  "adagrad",
  "rmsprop",
  "adam",
  "newton",
];

/**
 * Rules "Add variant" offers after the race's seven, so an optimizer comparison reaches nine:
 * the two line searches, then the sign step and the gradient-free baselines.
 */
const MORE_OPTIMIZERS: readonly OptimizerName[] = [
  "linesearch",
  "backtracking",
  "sign",
  "random-local",
  "random-search",
];

/** Rules that take a momentum coefficient μ (`momentum` among their parameters). */
function hasParam(optimizer: string, key: string): boolean {
  return getOptimizer(optimizer)?.params.some((spec) => spec.key === key) ?? false;
}

/** A number kept inside the parameter's range on `optimizer` (the range `resolveParams` checks). */
function clampParam(optimizer: string, key: string, value: number): number {
  const spec = getOptimizer(optimizer)?.params.find((p) => p.key === key);
  if (!spec) return value;
  return Math.min(spec.max, Math.max(spec.min, value));
}

function numberOf(value: CompareValue): number {
  if (value.kind !== "number") throw new TypeError(`expected a number, got ${value.kind}`);
  return value.value;
}

/** Values already in the group, for choosing one that is new. */
function usedNumbers(group: readonly RunSettings[], key: string): number[] {
  return group.flatMap((run) => (key in run.params ? [run.params[key]!] : []));
}

/**
 * Learning rate: the run's lr and 3, 10 and 30 times it (a decade and a half up, where the
 * regimes change), each kept within the rule's range. Next: three times the largest in the group.
 */
const learningRate: CompareSetting = {
  key: "lr",
  label: "learning rate",
  kind: "number",
  valueOf: (run) => ({ kind: "number", value: run.params.lr ?? NaN }),
  withValue(run, value) {
    // A rule without a learning rate (exact line search) becomes plain descent to take one.
    const optimizer = hasParam(run.optimizer, "lr") ? run.optimizer : "gd";
    const params = paramsCarriedOver(optimizer, run.params);
    params.lr = numberOf(value);
    return { ...run, optimizer, params: resolveParams(optimizer, params) };
  },
  describe: (value) => `lr = ${formatNumber(numberOf(value))}`,
  startingValues(run) {
    const optimizer = hasParam(run.optimizer, "lr") ? run.optimizer : "gd";
    const base =
      run.params.lr ?? getOptimizer(optimizer)!.params.find((p) => p.key === "lr")!.default;
    const values: number[] = [];
    for (const factor of [1, 3, 10, 30]) {
      const lr = clampParam(optimizer, "lr", Number((base * factor).toPrecision(6)));
      if (!values.includes(lr)) values.push(lr);
    }
    return values.map((value) => ({ kind: "number", value }));
  },
  nextValue(group) {
    const used = usedNumbers(group, "lr");
    const optimizer = group[0]?.optimizer ?? "gd";
    if (used.length === 0) return { kind: "number", value: 0.01 };
    const next = clampParam(optimizer, "lr", Number((Math.max(...used) * 3).toPrecision(6)));
    if (!used.includes(next)) return { kind: "number", value: next };
    const smaller = clampParam(optimizer, "lr", Number((Math.min(...used) / 3).toPrecision(6)));
    return used.includes(smaller) ? null : { kind: "number", value: smaller };
  },
};

/**
 * `run` on `optimizer` at the rule's defaults (a learning rate tuned for one rule is not the
 * other's), keeping the schedule and noise only where the new rule takes them.
 */
export function withOptimizer(run: RunSettings, optimizer: OptimizerName): RunSettings {
  const { schedule: _schedule, noise: _noise, ...rest } = run;
  return { ...rest, optimizer, params: resolveParams(optimizer), ...extrasFor(optimizer, run) };
}

/** Optimizer: the run's rule, then the first three other rules of the race. */
const optimizerSetting: CompareSetting = {
  key: "optimizer",
  label: "optimizer",
  kind: "optimizer",
  valueOf: (run) => ({ kind: "optimizer", value: run.optimizer }),
  withValue(run, value) {
    if (value.kind !== "optimizer") throw new TypeError(`expected a rule, got ${value.kind}`);
    return withOptimizer(run, value.value);
  },
  describe: (value) =>
    value.kind === "optimizer" ? (getOptimizer(value.value)?.label ?? value.value) : "",
  startingValues(run) {
    const others = RACE_OPTIMIZERS.filter((name) => name !== run.optimizer).slice(0, 3);
    return [run.optimizer, ...others].map((value) => ({ kind: "optimizer", value }));
  },
  nextValue(group) {
    const used = new Set(group.map((run) => run.optimizer));
    const next = [...RACE_OPTIMIZERS, ...MORE_OPTIMIZERS].find((name) => !used.has(name));
    return next === undefined ? null : { kind: "optimizer", value: next };
  },
};

/** The finite-difference step variants start with (when the run has none of its own). */
export const COMPARE_DEFAULT_H = 1e-4;

/** Gradient source: exact, then central, forward and backward differences with one step h. */
const gradientSetting: CompareSetting = {
  key: "gradient",
  label: "gradient source",
  kind: "gradient",
  valueOf: (run) =>
    run.h === undefined
      ? { kind: "gradient", value: run.gradient }
      : { kind: "gradient", value: run.gradient, h: run.h },
  withValue(run, value) {
    if (value.kind !== "gradient") throw new TypeError(`expected a source, got ${value.kind}`);
    const next: RunSettings = { ...run, gradient: value.value };
    delete next.h;
    if (value.value !== "analytic" && value.h !== undefined) next.h = value.h;
    return next;
  },
  describe(value) {
    if (value.kind !== "gradient") return "";
    const name = gradientSources[value.value].short;
    if (value.value === "analytic") return name;
    return value.h === undefined ? `${name}, h scaled` : `${name}, h = ${formatNumber(value.h)}`;
  },
  startingValues(run) {
    const h = run.h ?? COMPARE_DEFAULT_H;
    return gradientSourceKeys.map((source) =>
      source === "analytic"
        ? { kind: "gradient", value: source }
        : { kind: "gradient", value: source, h },
    );
  },
  nextValue(group) {
    const used = new Set(group.map((run) => run.gradient));
    const next = gradientSourceKeys.find((source) => !used.has(source));
    if (next !== undefined) {
      return next === "analytic"
        ? { kind: "gradient", value: next }
        : { kind: "gradient", value: next, h: COMPARE_DEFAULT_H };
    }
    // Every source is shown: central differences with a coarser step, to see h matter.
    const steps = group.flatMap((run) => (run.gradient === "central" && run.h ? [run.h] : []));
    const h = Math.min(1, Math.max(COMPARE_DEFAULT_H, ...steps) * 100);
    return steps.includes(h) ? null : { kind: "gradient", value: "central", h };
  },
};

/**
 * Momentum μ: 0 (plain descent's path), 0.5, 0.9 and 0.99. A run whose rule has no μ becomes
 * heavy-ball momentum at the same learning rate.
 */
const momentumSetting: CompareSetting = {
  key: "momentum",
  label: "momentum",
  kind: "number",
  valueOf: (run) => ({ kind: "number", value: run.params.momentum ?? 0 }),
  withValue(run, value) {
    const optimizer = hasParam(run.optimizer, "momentum") ? run.optimizer : "momentum";
    const params = paramsCarriedOver(optimizer, run.params);
    params.momentum = numberOf(value);
    return { ...run, optimizer, params: resolveParams(optimizer, params) };
  },
  describe: (value) => `μ = ${formatNumber(numberOf(value))}`,
  startingValues(run) {
    const own = hasParam(run.optimizer, "momentum") ? run.params.momentum : undefined;
    const values = [0, 0.5, 0.9, 0.99];
    if (own !== undefined && !values.includes(own)) values.splice(0, 1, own);
    values.sort((a, b) => a - b);
    return values.map((value) => ({ kind: "number", value }));
  },
  nextValue(group) {
    const used = usedNumbers(group, "momentum");
    const next = [0, 0.5, 0.9, 0.99, 0.7, 0.3, 0.95, 0.8, 0.6].find((v) => !used.includes(v));
    return next === undefined ? null : { kind: "number", value: next };
  },
};

/** True when `optimizer` takes a learning-rate schedule (the first-order rules). */
function schedulable(optimizer: string): boolean {
  return getOptimizer(optimizer)?.schedulable === true;
}

function scheduleOf(value: CompareValue): ScheduleSettings {
  if (value.kind !== "schedule") throw new TypeError(`expected a schedule, got ${value.kind}`);
  return resolveSchedule(value.value, value.params);
}

/** A schedule's parameters as a title names them: the ones that shape the rate. */
const scheduleTitles: Record<ScheduleName, (p: Readonly<Record<string, number>>) => string> = {
  constant: () => "constant lr",
  step: (p) => `step, γ = ${formatNumber(p.gamma!)} every ${p.step_size}`,
  exponential: (p) => `exponential, γ = ${formatNumber(p.gamma!)}`,
  cosine: (p) => `cosine, t_max = ${p.t_max}`,
  warmup: (p) => `warm-up, ${p.total_iters} steps`,
};

/**
 * Learning-rate schedule: the run's own (constant when it has none), then every other schedule
 * at PyTorch's defaults. A rule that takes no schedule becomes plain descent, keeping its rate.
 */
const scheduleSetting: CompareSetting = {
  key: "schedule",
  label: "learning-rate schedule",
  kind: "schedule",
  valueOf: (run) =>
    run.schedule === undefined
      ? { kind: "schedule", value: "constant" }
      : { kind: "schedule", value: run.schedule.kind, params: { ...run.schedule.params } },
  withValue(run, value) {
    const schedule = scheduleOf(value);
    const optimizer = schedulable(run.optimizer) ? run.optimizer : "gd";
    const params = resolveParams(optimizer, paramsCarriedOver(optimizer, run.params));
    const next: RunSettings = { ...run, optimizer, params };
    delete next.schedule;
    if (schedule.kind !== "constant") next.schedule = schedule;
    return next;
  },
  describe(value) {
    if (value.kind !== "schedule") return "";
    const schedule = resolveSchedule(value.value, value.params);
    return scheduleTitles[schedule.kind](schedule.params);
  },
  startingValues(run) {
    const own = scheduleSetting.valueOf(run);
    const others = scheduleNames.filter((name) => own.kind === "schedule" && name !== own.value);
    return [own, ...others.map((value): CompareValue => ({ kind: "schedule", value }))];
  },
  nextValue(group) {
    const used = new Set(group.map((run) => run.schedule?.kind ?? "constant"));
    const next = scheduleNames.find((name) => !used.has(name));
    return next === undefined ? null : { kind: "schedule", value: next };
  },
};

/** Every setting by its key. */
export const compareSettings: Readonly<Record<CompareBy, CompareSetting>> = {
  lr: learningRate,
  optimizer: optimizerSetting,
  gradient: gradientSetting,
  momentum: momentumSetting,
  schedule: scheduleSetting,
};

/** True for a key of `compareSettings`. */
export function isCompareBy(key: string): key is CompareBy {
  return (compareByKeys as readonly string[]).includes(key);
}

/** What sets a variant apart, as its panel is named: "lr = 0.45". */
export function variantTitle(run: RunSettings, by: CompareBy): string {
  const setting = compareSettings[by];
  return setting.describe(setting.valueOf(run));
}

/**
 * The runs of a fresh comparison from `base`: `base` with each of the setting's starting values
 * (the first is `base`'s own), all from `base`'s start with its seed and step budget.
 */
export function startingVariants(base: RunSettings, by: CompareBy): RunSettings[] {
  const setting = compareSettings[by];
  return setting
    .startingValues(base)
    .slice(0, MAX_VARIANTS)
    .map((value) => setting.withValue(base, value));
}
