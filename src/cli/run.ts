import { checkBox, maxRunSteps, runOptimizer } from "../core/run.ts";
import {
  getOptimizer,
  OptimizerParamError,
  optimizerNames,
  resolveParams,
} from "../core/optimizers/index.ts";
import type { Box, GradientSource, RunResult, Surface } from "../core/types.ts";
import { CliError, parseNumberList, parseNumberOption, parseOptions } from "./common.ts";
import type { Command, CliIo } from "./command.ts";
import { surfaceOption } from "./surfaceOption.ts";

/** The options every optimizer-running command shares, in `parseOptions` form. */
export const optimizerOptionConfig = {
  f: { type: "string" },
  optimizer: { type: "string" },
  lr: { type: "string" },
  momentum: { type: "string" },
  alpha: { type: "string" },
  beta1: { type: "string" },
  beta2: { type: "string" },
  eps: { type: "string" },
  sigma: { type: "string" },
  seed: { type: "string" },
  gradient: { type: "string" },
  h: { type: "string" },
  steps: { type: "string" },
  tol: { type: "string" },
  box: { type: "string" },
  json: { type: "boolean" },
} as const;

/** The help lines for the shared options. */
export const optimizerOptionHelp = `  --optimizer <name>    step rule (default gd): ${optimizerNames.join(", ")}
  --lr <n>              learning rate (each rule's default otherwise)
  --momentum <n>        momentum μ (momentum, nesterov)
  --alpha <n>           decay α (rmsprop)
  --beta1 <n>           β1 (adam)
  --beta2 <n>           β2 (adam)
  --eps <n>             epsilon (adagrad, rmsprop, adam)
  --sigma <n>           proposal spread σ (random-local)
  --seed <n>            seed of the random rules (integer, default 1)
  --gradient <source>   analytic (default), central, forward or backward
  --h <n>               finite-difference step (default scales with |x|)
  --steps <n>           step budget (default 1000)
  --tol <n>             converged when |grad f| <= tol (default 1e-6)`;

const parameterOptions = ["lr", "momentum", "alpha", "beta1", "beta2", "eps", "sigma"] as const;
const gradientSources: readonly GradientSource[] = ["analytic", "central", "forward", "backward"];

type OptionValues = { [K in keyof typeof optimizerOptionConfig]?: string | boolean };

/** The settings shared by run, basins and sweep, validated. */
export interface OptimizerSettings {
  optimizer: string;
  params: Record<string, number>;
  gradient: GradientSource;
  h: number | undefined;
  maxSteps: number | undefined;
  tol: number | undefined;
  seed: number | undefined;
}

function text(values: OptionValues, key: keyof OptionValues): string | undefined {
  const value = values[key];
  return typeof value === "string" ? value : undefined;
}

/** Reads and checks --optimizer, the parameter options, --gradient, --h, --steps, --tol, --seed. */
export function optimizerSettings(
  command: string,
  values: OptionValues,
  exclude: readonly string[] = [],
): OptimizerSettings {
  const optimizer = text(values, "optimizer") ?? "gd";
  const definition = getOptimizer(optimizer);
  if (!definition) {
    throw new CliError(
      `descent ${command}: --optimizer "${optimizer}" is not a step rule (choose one of: ${optimizerNames.join(", ")})`,
    );
  }
  const params: Record<string, number> = {};
  for (const key of parameterOptions) {
    const value = parseNumberOption(command, key, text(values, key));
    if (value === undefined || exclude.includes(key)) continue;
    params[key] = value;
  }
  try {
    resolveParams(optimizer, params);
  } catch (error) {
    if (!(error instanceof OptimizerParamError)) throw error;
    const spec = definition.params.find((p) => p.key === error.key);
    const own = definition.params.map((p) => `--${p.key}`);
    throw new CliError(
      spec
        ? `descent ${command}: --${error.key} for ${optimizer} must be a number from ${spec.min} to ${spec.max}, got ${params[error.key]}`
        : `descent ${command}: --${error.key} does not apply to ${optimizer} (${
            own.length > 0 ? `its options: ${own.join(", ")}` : "it takes no parameters"
          })`,
    );
  }
  const gradientText = text(values, "gradient") ?? "analytic";
  if (!gradientSources.includes(gradientText as GradientSource)) {
    throw new CliError(
      `descent ${command}: --gradient must be one of ${gradientSources.join(", ")}, got "${gradientText}"`,
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
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new CliError(
      `descent ${command}: --seed must be a whole number from 0 to 4294967295, got ${seed}`,
    );
  }
  return { optimizer, params, gradient: gradientText as GradientSource, h, maxSteps, tol, seed };
}

/** Reads --box xmin,xmax,ymin,ymax (two numbers in one variable are also accepted). */
export function boxOption(command: string, value: string | undefined): Box | undefined {
  if (value === undefined) return undefined;
  const numbers = parseNumberList(command, "box", value, [2, 4]);
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

/** Shortest text that reads back as the same double. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  return String(value);
}

/** Compact text for tables: 10 significant digits. */
export function formatShort(value: number): string {
  if (!Number.isFinite(value)) return formatNumber(value);
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e10) return String(Number(value.toPrecision(10)));
  return value.toExponential(6);
}

function point(values: readonly number[]): string {
  return `(${values.map(formatShort).join(", ")})`;
}

/** The iterates of a run as `[x, y, f]` (or `[x, f]` in one variable), start first. */
export function runPath(result: RunResult): number[][] {
  const path: number[][] = [];
  for (let k = 0; k <= result.steps; k++) {
    path.push(
      result.dimension === 1
        ? [result.xs[k]!, result.values[k]!]
        : [result.xs[k]!, result.ys[k]!, result.values[k]!],
    );
  }
  return path;
}

const help = `descent run: run one optimizer from a start point and print its path

Usage: descent run --f "<expr>" --from <x>[,<y>] [options] [--json | --csv]

  --f <expr>            the function, e.g. "x^2 + 3*y^2" (one variable: uses only x)
  --from <x>[,<y>]      start point
${optimizerOptionHelp}
  --box xmin,xmax,ymin,ymax   domain box for random-search (default [-5,5]^2 around the start)
  --json                one JSON object: status, steps, path ([x, y, f] per iterate, start
                        first; [x, f] in one variable), final { point, value, gradientNorm },
                        classification (minimum, maximum, saddle, inconclusive; null unless
                        converged) and eigenvalues; numbers that are not finite
                        (a diverged run) print as null
  --csv                 every iterate: step, x, y, f, gradient
Default output: a table of iterates (long runs abbreviated) and a summary.
Status is one of converged, max-steps, diverged, stalled.
Exit status: 0 after a run (whatever its status), 2 for bad options.

Example: descent run --f "(x^2 + y - 11)^2 + (x + y^2 - 7)^2" --from 1,1 --lr 0.01`;

function runCommandMain(argv: string[], io: CliIo): number {
  const options = {
    ...optimizerOptionConfig,
    from: { type: "string" },
    csv: { type: "boolean" },
  } as const;
  const values = parseOptions("run", argv, options);
  if (values.json === true && values.csv === true) {
    throw new CliError("descent run: choose one of --json and --csv");
  }
  const surface = surfaceOption("run", values.f);
  const start = startOption("run", values.from, surface);
  const settings = optimizerSettings("run", values);
  const box = boxOption("run", values.box);
  const result = runOptimizer(surface, {
    start,
    ...settings,
    box,
  });
  const params = resolveParams(settings.optimizer, settings.params);

  if (values.json === true) {
    io.out(
      JSON.stringify({
        status: result.status,
        steps: result.steps,
        path: runPath(result),
        final: result.final,
        classification: result.classification?.classification ?? null,
        eigenvalues: result.classification?.eigenvalues ?? null,
        optimizer: settings.optimizer,
        params,
        gradient: settings.gradient,
      }),
    );
    return 0;
  }
  if (values.csv === true) {
    const oneVariable = result.dimension === 1;
    const lines = [oneVariable ? "step,x,f,df_dx" : "step,x,y,f,grad_x,grad_y"];
    for (let k = 0; k <= result.steps; k++) {
      const row = oneVariable
        ? [result.xs[k]!, result.values[k]!, result.gradX[k]!]
        : [result.xs[k]!, result.ys[k]!, result.values[k]!, result.gradX[k]!, result.gradY[k]!];
      lines.push([String(k), ...row.map(formatNumber)].join(","));
    }
    io.out(lines.join("\n"));
    return 0;
  }

  const oneVariable = result.dimension === 1;
  const paramText = Object.entries(params)
    .map(([key, value]) => `${key} ${formatShort(value)}`)
    .join(", ");
  const lines = [
    `${settings.optimizer} on ${surface.normalized} from ${point(start)}` +
      `${paramText ? `, ${paramText}` : ""}, ${settings.gradient} gradient`,
  ];
  const headers = oneVariable ? ["step", "x", "f", "f'"] : ["step", "x", "y", "f", "|grad f|"];
  const widths = oneVariable ? [6, 18, 18, 18] : [6, 18, 18, 18, 14];
  const row = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join(" ");
  lines.push(row(headers));
  const rows = result.steps + 1;
  const shown = (k: number) => rows <= 40 || k < 20 || k >= rows - 10;
  for (let k = 0; k < rows; k++) {
    if (!shown(k)) {
      if (k === 20)
        lines.push(`${"".padStart(6)} ... ${rows - 30} iterates not shown (--csv prints all)`);
      continue;
    }
    const cells = oneVariable
      ? [
          String(k),
          formatShort(result.xs[k]!),
          formatShort(result.values[k]!),
          formatShort(result.gradX[k]!),
        ]
      : [
          String(k),
          formatShort(result.xs[k]!),
          formatShort(result.ys[k]!),
          formatShort(result.values[k]!),
          formatShort(Math.hypot(result.gradX[k]!, result.gradY[k]!)),
        ];
    lines.push(row(cells));
  }
  lines.push(`status: ${result.status} after ${result.steps} step${result.steps === 1 ? "" : "s"}`);
  lines.push(
    `final: ${oneVariable ? "x" : "(x, y)"} = ${oneVariable ? formatShort(result.final.point[0]!) : point(result.final.point)}, ` +
      `f = ${formatShort(result.final.value)}, |grad f| = ${formatShort(result.final.gradientNorm)}`,
  );
  if (result.classification) {
    lines.push(
      `classification: ${result.classification.classification} (Hessian eigenvalues ${result.classification.eigenvalues
        .map(formatShort)
        .join(", ")})`,
    );
  }
  io.out(lines.join("\n"));
  return 0;
}

/**
 * A command's `run` that turns the core's RangeErrors and OptimizerParamErrors (bad limits, box,
 * parameters) into CliErrors, so they exit with status 2 and one line.
 */
export function reportingCoreErrors(
  command: string,
  main: (argv: string[], io: CliIo) => number,
): Command["run"] {
  return (argv, io) => {
    try {
      return main(argv, io);
    } catch (error) {
      if (error instanceof RangeError || error instanceof OptimizerParamError) {
        throw new CliError(`descent ${command}: ${error.message}`);
      }
      throw error;
    }
  };
}

export const runCommand: Command = {
  summary: "run one optimizer from a start point and print its path",
  help,
  run: reportingCoreErrors("run", runCommandMain),
};
