/**
 * `descent fit`: gradient descent on the loss of a model over data. The loss of a model's two
 * parameters over a dataset is a surface like any typed function (core's `dataLossSurface`), so
 * the step rules, their options and the run are exactly those of `descent run`.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { csvLimitsText, maxCsvBytes, parseCsv, type CsvSkip } from "../core/data/csv.ts";
import {
  builtinDatasets,
  standardize,
  tanhUnitPreset,
  type BuiltinDatasetKey,
  type Dataset,
  type Standardized,
} from "../core/data/datasets.ts";
import { leastSquares, type LeastSquaresResult } from "../core/data/leastSquares.ts";
import {
  dataLossSurface,
  lossKeys,
  losses,
  type DataSurface,
  type LossDef,
} from "../core/data/loss.ts";
import { batchPlan } from "../core/data/miniBatch.ts";
import { modelKeys, models, type Model } from "../core/data/models.ts";
import { resolveParams, runOptimizer } from "../core/run.ts";
import { defaultSeed } from "../core/random.ts";
import { formatCount } from "../core/format.ts";
import type { RunResult } from "../core/types.ts";
import type { Command, CliIo } from "./command.ts";
import { CliError, parseNumberList, parseNumberOption, parseOptions } from "./common.ts";
import { formatPoint, formatShort, helpLine, printable } from "./format.ts";
import {
  boxOption,
  optimizerOptionConfig,
  optimizerOptionHelp,
  optimizerSettings,
  reportingCoreErrors,
} from "./runOptions.ts";
import { cliRunStatus, runHeaderLine, runPath, undefinedStartText } from "./runOutput.ts";

/** Short names for the built-in datasets; each dataset's own key is accepted as well. */
const datasetNames: Readonly<Record<string, BuiltinDatasetKey>> = {
  line: "noisy-line",
  parabola: "noisy-parabola",
  fence: "fence",
  cars: "cars",
  tanh: "tanh-two-minima",
};

/** The model and loss when --model and --loss are not given. */
const defaultModel = "line";
const defaultLoss = "mse";

/**
 * Where a fit starts when --from is not given: the origin, except for the tanh unit, whose
 * loss has a saddle there (every gradient vanishes at w1 = w2 = 0), so it starts where the
 * tanh data's preset starts its descent to the shallow minimum.
 */
function defaultStart(model: Model): [number, number] {
  return model.key === "tanh-unit" ? [...tanhUnitPreset.starts.shallow] : [0, 0];
}

function shortName(key: BuiltinDatasetKey): string {
  return Object.keys(datasetNames).find((name) => datasetNames[name] === key) ?? key;
}

const help = `descent fit: fit a model to data by descending its loss over the two parameters

Usage: descent fit --data <name | file.csv> [--model <name>] [--loss mse|mae] [--from <p1>,<p2>]
                   [--standardize] [--batch <n>] [options] [--json]

${helpLine("  --data <name | file>", `the data: a built-in dataset, or a CSV file. ${csvLimitsText} Blank lines are skipped; a row without two numbers is skipped and named on stderr with its line; fewer than two usable rows is an error. Built in:`)}
${builtinDatasets.map((d) => `${" ".repeat(26)}${(shortName(d.key) === d.key ? d.key : `${shortName(d.key)} (${d.key})`).padEnd(28)}${d.label}`).join("\n")}
${helpLine("  --model <name>", `the model F(x) (default ${defaultModel}):`)}
${modelKeys.map((key) => `${" ".repeat(26)}${key.padEnd(12)}F(x) = ${models[key].formula}, parameters (${models[key].params.map((p) => p.label).join(", ")})`).join("\n")}
${helpLine("  --loss <name>", `the loss over the n rows (default ${defaultLoss}), rᵢ = F(xᵢ) − yᵢ:`)}
${lossKeys.map((key) => `${" ".repeat(26)}${key.padEnd(12)}${losses[key].label}: ${losses[key].formula}`).join("\n")}
${helpLine("  --from <p1>,<p2>", `start in parameter space: (w, b), (a, b) or (w₁, w₂) (default 0,0; for tanh-unit ${tanhUnitPreset.starts.shallow.join(",")}, off the saddle at the origin)`)}
${helpLine("  --standardize", "rescale the inputs to mean 0 and standard deviation 1 before fitting, x′ = (x − x̄)/s (the parameters are then those of x′)")}
${helpLine("  --batch <n>", "rows per step, a whole number from 1 (stochastic) to n: mini-batch descent, each epoch a fresh shuffle of the rows drawn from --seed. First-order rules and the analytic gradient only. Without it every step uses every row")}
${optimizerOptionHelp()}
  --box p1min,p1max,p2min,p2max
                        box in parameter space for random-search (default [-5,5]^2 around the
                        start)
${helpLine("  --json", "one JSON object: data, model, loss, n (rows used), dropped, start and final ({ params: [p1, p2], loss, gradient: [g1, g2] }, the gradient the exact one over all n rows), path ([p1, p2, loss] per iterate, start first), status, reason, steps, classification, eigenvalues, optimizer, params and gradient; leastSquares ([p1, p2] of the closed form, null when not determined) for mse with line or quadratic; standardized (the inputs' mean and std) with --standardize; batch (size and stepsPerEpoch) with --batch. Numbers that are not finite print as null")}
Default output: what ran, the data, model and loss, the start and final parameters with their loss
and gradient, the status, and for mse with line or quadratic the least-squares parameters and the
final distance from them.
Exit status: 0 after a run (whatever its status), 2 for bad options or a file that cannot be used.

Examples:
  descent fit --data line --model line --loss mse --lr 0.1
  descent fit --data cars --standardize --lr 0.1 --batch 32 --steps 3000 --json
  descent fit --data points.csv --model quadratic --loss mae --from 1,0`;

const { f: _f, ...sharedOptions } = optimizerOptionConfig;

const options = {
  ...sharedOptions,
  data: { type: "string" },
  model: { type: "string" },
  loss: { type: "string" },
  from: { type: "string" },
  standardize: { type: "boolean" },
  batch: { type: "string" },
} as const;

/** The data named by --data, with the rows a CSV file had to leave out. */
async function dataOption(
  value: string | undefined,
): Promise<{ data: Dataset; skipped: readonly CsvSkip[] }> {
  const known = [...new Set([...Object.keys(datasetNames), ...builtinDatasets.map((d) => d.key)])];
  if (value === undefined) {
    throw new CliError(
      `descent fit: --data is required: a built-in dataset (${Object.keys(datasetNames).join(", ")}) or a CSV file`,
    );
  }
  const key = Object.hasOwn(datasetNames, value) ? datasetNames[value] : value;
  const builtin = builtinDatasets.find((d) => d.key === key);
  if (builtin) return { data: await builtin.load(), skipped: [] };
  const path = printable(value);
  let size: number;
  try {
    const stats = statSync(value);
    if (!stats.isFile()) throw new CliError(`descent fit: --data ${path}: not a file`);
    size = stats.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    // A word with no path in it is more likely a misspelt dataset than a missing file.
    if (code === "ENOENT" && !/[./\\]/.test(value)) {
      throw new CliError(
        `descent fit: --data "${path}" is neither a dataset (choose one of: ${known.join(", ")}) nor a file`,
      );
    }
    throw new CliError(
      code === "ENOENT"
        ? `descent fit: --data ${path}: no such file`
        : `descent fit: --data ${path}: ${(error as Error).message}`,
    );
  }
  // Refused before reading, so a huge file is never loaded into memory.
  if (size > maxCsvBytes) {
    throw new CliError(
      `descent fit: --data ${path}: the file has ${formatCount(size)} bytes, over the limit of 1 MB (${formatCount(maxCsvBytes)} bytes)`,
    );
  }
  let text: string;
  try {
    text = readFileSync(value, "utf8");
  } catch (error) {
    throw new CliError(`descent fit: --data ${path}: ${(error as Error).message}`);
  }
  const parsed = parseCsv(text, { label: `data in ${printable(basename(value))}` });
  if (!parsed.ok) throw new CliError(`descent fit: --data ${path}: ${parsed.message}`);
  return { data: parsed.data, skipped: parsed.skipped };
}

function modelOption(value: string | undefined): Model {
  const key = value ?? defaultModel;
  if (Object.hasOwn(models, key)) return models[key as keyof typeof models];
  throw new CliError(
    `descent fit: --model "${printable(key)}" is not a model (choose one of: ${modelKeys.join(", ")})`,
  );
}

function lossOption(value: string | undefined): LossDef {
  const key = value ?? defaultLoss;
  if (Object.hasOwn(losses, key)) return losses[key as keyof typeof losses];
  throw new CliError(
    `descent fit: --loss "${printable(key)}" is not a loss (choose one of: ${lossKeys.join(", ")})`,
  );
}

/** Reads --batch: a whole number of rows from 1 to n. */
function batchOption(value: string | undefined, n: number): number | undefined {
  const size = parseNumberOption("fit", "batch", value);
  if (size === undefined) return undefined;
  try {
    return batchPlan(n, size).size;
  } catch {
    throw new CliError(
      `descent fit: --batch must be a whole number from 1 to ${n} (the rows used), got ${size}`,
    );
  }
}

/** An iterate's parameters, loss and exact full-data gradient. */
function iterateJson(surface: DataSurface, result: RunResult, k: number) {
  const p1 = result.xs[k]!;
  const p2 = result.ys[k]!;
  return {
    params: [p1, p2],
    loss: result.values[k]!,
    gradient: [surface.dfdx(p1, p2), surface.dfdy(p1, p2)],
  };
}

/** "(w, b) = (1, 2), loss = 3, gradient = (4, 5)". */
function iterateText(surface: DataSurface, result: RunResult, k: number): string {
  const { params, loss, gradient } = iterateJson(surface, result, k);
  return (
    `(${surface.paramNames.join(", ")}) = ${formatPoint(params)}, loss = ${formatShort(loss)}, ` +
    `gradient = ${formatPoint(gradient)}`
  );
}

interface FitReport {
  /** The data as loaded, and as fitted (standardized or not). */
  source: Dataset;
  data: Dataset;
  model: Model;
  loss: LossDef;
  surface: DataSurface;
  standardized: Standardized | undefined;
  solution: LeastSquaresResult | undefined;
  result: RunResult;
}

function fitText(report: FitReport, header: string, seed: number): string[] {
  const { source, model, loss, surface, standardized, solution, result } = report;
  const names = `(${surface.paramNames.join(", ")})`;
  const lines = [header];
  lines.push(`data: the ${source.label}${source.note === undefined ? "" : `: ${source.note}`}`);
  const dropped = source.dropped ?? 0;
  lines.push(`rows: ${surface.count} used${dropped > 0 ? `, ${dropped} dropped` : ""}`);
  if (standardized) lines.push(`standardized: ${standardized.sentence}`);
  lines.push(`model: ${model.label}, F(x) = ${model.formula}, parameters ${names}`);
  lines.push(`loss: ${loss.label} (${loss.short}), L${names} = ${surface.formula}`);
  if (result.batch) {
    lines.push(
      `batch: ${result.batch.size} row${result.batch.size === 1 ? "" : "s"} a step, ` +
        `${result.batch.stepsPerEpoch} step${result.batch.stepsPerEpoch === 1 ? "" : "s"} an epoch, ` +
        `each epoch a fresh shuffle of the rows (seed ${seed})`,
    );
  }
  lines.push(`start: ${iterateText(surface, result, 0)}`);
  lines.push(`final: ${iterateText(surface, result, result.steps)}`);
  const undefinedStart = undefinedStartText(surface, result);
  lines.push(
    undefinedStart !== null
      ? `status: undefined-start: ${undefinedStart}`
      : `status: ${result.status} after ${result.steps} step${result.steps === 1 ? "" : "s"}`,
  );
  if (result.classification) {
    lines.push(
      `classification: ${result.classification.classification} (Hessian eigenvalues ${result.classification.eigenvalues
        .map(formatShort)
        .join(", ")})`,
    );
  }
  if (solution) {
    if (solution.ok) {
      const [p1, p2] = solution.params;
      const distance = Math.hypot(result.xs[result.steps]! - p1, result.ys[result.steps]! - p2);
      lines.push(
        `least squares: ${names} = ${formatPoint(solution.params)}, final distance ${formatShort(distance)}`,
      );
    } else {
      lines.push(`least squares: not determined: ${solution.reason}`);
    }
  }
  return lines;
}

async function fitMain(argv: string[], io: CliIo): Promise<number> {
  const values = parseOptions("fit", argv, options);
  const model = modelOption(values.model);
  const loss = lossOption(values.loss);
  const start =
    values.from === undefined
      ? defaultStart(model)
      : parseNumberList("fit", "from", values.from, [2]);
  const settings = optimizerSettings("fit", values);
  const box = boxOption("fit", values.box, 2);
  const loaded = await dataOption(values.data);
  for (const skip of loaded.skipped)
    io.err(`descent fit: skipped line ${skip.line}: ${skip.reason}`);
  const source = loaded.data;
  let data = source;
  let standardized: Standardized | undefined;
  if (values.standardize === true) {
    try {
      standardized = standardize(data);
    } catch (error) {
      throw new CliError(`descent fit: --standardize: ${(error as Error).message}`);
    }
    data = standardized.data;
  }
  const surface = dataLossSurface(data, model, loss);
  const batch = batchOption(values.batch, surface.count);
  const result = runOptimizer(surface, {
    start,
    ...settings,
    box,
    ...(batch === undefined ? {} : { batch }),
  });
  const params = resolveParams(settings.optimizer, settings.params);
  const solution =
    loss.key === "mse" && (model.key === "line" || model.key === "quadratic")
      ? leastSquares(data, model.key)
      : undefined;

  if (values.json === true) {
    io.out(
      JSON.stringify({
        data: source.label,
        model: model.key,
        loss: loss.key,
        n: surface.count,
        dropped: source.dropped ?? 0,
        ...(standardized
          ? { standardized: { mean: standardized.mean, std: standardized.std } }
          : {}),
        start: iterateJson(surface, result, 0),
        final: iterateJson(surface, result, result.steps),
        path: runPath(result),
        status: cliRunStatus(result.status, result.steps),
        reason: undefinedStartText(surface, result),
        steps: result.steps,
        classification: result.classification?.classification ?? null,
        eigenvalues: result.classification?.eigenvalues ?? null,
        ...(solution ? { leastSquares: solution.ok ? solution.params : null } : {}),
        ...(result.batch ? { batch: result.batch } : {}),
        optimizer: settings.optimizer,
        params,
        gradient: settings.gradient,
        ...(settings.schedule ? { schedule: settings.schedule } : {}),
        ...(settings.noise !== undefined ? { noise: settings.noise } : {}),
        ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
      }),
    );
    return 0;
  }
  const header = runHeaderLine(surface, {
    optimizer: settings.optimizer,
    params,
    gradient: settings.gradient,
    start,
    schedule: settings.schedule,
    noise: settings.noise,
    seed: settings.seed,
  });
  io.out(
    fitText(
      { source, data, model, loss, surface, standardized, solution, result },
      header,
      settings.seed ?? defaultSeed,
    ).join("\n"),
  );
  return 0;
}

export const fitCommand: Command = {
  summary: "fit a model to data (built in or a CSV file) by descending its loss",
  help,
  run: reportingCoreErrors("fit", fitMain),
};
