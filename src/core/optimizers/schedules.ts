/**
 * Learning-rate schedules with PyTorch's definitions and parameter names
 * (`torch.optim.lr_scheduler`): one table, read by the engine, the scenario document, the page
 * and the command line. A schedule turns the rule's learning rate lr (PyTorch's `base_lr`) into
 * the rate step k uses, k = 0, 1, 2, … counting from the first step, as PyTorch's rate at
 * `last_epoch = k` when the scheduler is stepped once after every optimizer step.
 */
import { resolveParamSet, type ParamSpec } from "./types.ts";

/** Names of the schedules (the document, the links and `--schedule` use these). */
export type ScheduleName = "constant" | "step" | "exponential" | "cosine" | "warmup";

/** A run's schedule as stored: its name and every parameter by PyTorch's name. */
export interface ScheduleSettings {
  kind: ScheduleName;
  params: Record<string, number>;
}

/** One schedule: its PyTorch counterpart, parameters and closed form. */
export interface ScheduleDef {
  name: ScheduleName;
  label: string;
  /** The PyTorch class it follows ("StepLR"), or "" for the constant rate. */
  torchName: string;
  /** The closed form, as the step panel shows it. */
  formula: string;
  params: ParamSpec[];
  /** The rate of step k (k ≥ 0) from the base rate and a full, valid parameter set. */
  rate(base: number, k: number, params: Readonly<Record<string, number>>): number;
}

const gammaSpec = (defaultValue: number): ParamSpec => ({
  key: "gamma",
  label: "Decay γ",
  default: defaultValue,
  min: 0,
  max: 2,
  scale: "linear",
});

const iterationSpec = (key: string, label: string, defaultValue: number): ParamSpec => ({
  key,
  label,
  default: defaultValue,
  min: 1,
  max: 1_000_000,
  scale: "log",
  integer: true,
});

/** Every schedule by name, in the order the page and the help list them. */
export const scheduleRegistry: Record<ScheduleName, ScheduleDef> = {
  constant: {
    name: "constant",
    label: "Constant",
    torchName: "",
    formula: "lrₖ = lr",
    params: [],
    rate: (base) => base,
  },
  step: {
    name: "step",
    label: "Step decay",
    torchName: "StepLR",
    formula: "lrₖ = lr·γ^⌊k / step_size⌋",
    // PyTorch requires step_size and takes gamma 0.1 by default.
    params: [iterationSpec("step_size", "Step size", 10), gammaSpec(0.1)],
    rate: (base, k, p) => base * Math.pow(p.gamma!, Math.floor(k / p.step_size!)),
  },
  exponential: {
    name: "exponential",
    label: "Exponential decay",
    torchName: "ExponentialLR",
    formula: "lrₖ = lr·γ^k",
    // PyTorch requires gamma; 0.95 halves the rate in about 14 steps.
    params: [gammaSpec(0.95)],
    rate: (base, k, p) => base * Math.pow(p.gamma!, k),
  },
  cosine: {
    name: "cosine",
    label: "Cosine annealing",
    torchName: "CosineAnnealingLR",
    formula: "lrₖ = eta_min + (lr − eta_min)·(1 + cos(π·k / t_max))/2",
    // PyTorch requires T_max and takes eta_min 0. Past t_max the closed form rises again.
    params: [
      iterationSpec("t_max", "Period t_max", 50),
      { key: "eta_min", label: "Floor eta_min", default: 0, min: 0, max: 1e3, scale: "linear" },
    ],
    rate: (base, k, p) =>
      p.eta_min! + ((base - p.eta_min!) * (1 + Math.cos((Math.PI * k) / p.t_max!))) / 2,
  },
  warmup: {
    name: "warmup",
    label: "Linear warm-up",
    torchName: "LinearLR",
    formula:
      "lrₖ = lr·(start_factor + (end_factor − start_factor)·min(k, total_iters) / total_iters)",
    // PyTorch's defaults and ranges: 0 < start_factor ≤ 1, 0 ≤ end_factor ≤ 1.
    params: [
      {
        key: "start_factor",
        label: "Start factor",
        default: 1 / 3,
        min: 1e-8,
        max: 1,
        scale: "linear",
      },
      { key: "end_factor", label: "End factor", default: 1, min: 0, max: 1, scale: "linear" },
      iterationSpec("total_iters", "Warm-up steps", 5),
    ],
    rate: (base, k, p) =>
      base *
      (p.start_factor! +
        ((p.end_factor! - p.start_factor!) * Math.min(k, p.total_iters!)) / p.total_iters!),
  },
};

/** Schedule names in table order. */
export const scheduleNames = Object.keys(scheduleRegistry) as ScheduleName[];

/** The schedule called `name`, or undefined. */
export function getSchedule(name: string): ScheduleDef | undefined {
  return Object.prototype.hasOwnProperty.call(scheduleRegistry, name)
    ? scheduleRegistry[name as ScheduleName]
    : undefined;
}

/** A schedule name or parameter that is unknown or out of range. */
export class ScheduleParamError extends Error {
  readonly schedule: string;
  readonly key: string;
  constructor(schedule: string, key: string, message: string) {
    super(message);
    this.name = "ScheduleParamError";
    this.schedule = schedule;
    this.key = key;
  }
}

/**
 * A schedule with every parameter: the given ones checked against their ranges, the rest at
 * their defaults. Throws `ScheduleParamError` for an unknown name, key or a bad value.
 */
export function resolveSchedule(
  kind: string,
  params?: Readonly<Record<string, number>>,
): ScheduleSettings {
  const definition = getSchedule(kind);
  if (!definition) {
    throw new ScheduleParamError(
      kind,
      "",
      `unknown schedule "${kind}" (choose one of: ${scheduleNames.join(", ")})`,
    );
  }
  const resolved = resolveParamSet(`${kind} schedule`, definition.params, params);
  if (!resolved.ok) throw new ScheduleParamError(kind, resolved.key, resolved.problem);
  return { kind: definition.name, params: resolved.params };
}

/**
 * The rate step k uses under `schedule` (undefined: the constant rate), from the base rate.
 * The schedule must have been resolved.
 */
export function scheduledRate(
  schedule: ScheduleSettings | undefined,
  base: number,
  k: number,
): number {
  if (schedule === undefined) return base;
  return scheduleRegistry[schedule.kind].rate(base, k, schedule.params);
}
