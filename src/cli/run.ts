import { runOptimizer } from "../core/run.ts";
import { resolveParams } from "../core/optimizers/index.ts";
import { computeRun } from "../core/scenario/runs.ts";
import type { Command, CliIo } from "./command.ts";
import { CliError, parseOptions } from "./common.ts";
import {
  boxOption,
  optimizerOptionConfig,
  optimizerOptionHelp,
  optimizerSettings,
  reportingCoreErrors,
  startOption,
} from "./runOptions.ts";
import { runCsvHeader, runCsvRows, runJson, runText, undefinedStartText } from "./runOutput.ts";
import { scenarioOption } from "./scenarioOption.ts";
import { printScenario } from "./scenarioOutput.ts";
import { surfaceOption } from "./surfaceOption.ts";

const help = `descent run: run one optimizer from a start point and print its path

Usage: descent run --f "<expr>" --from <x>[,<y>] [options] [--json | --csv]
       descent run --scenario <file.json | link> [--json | --csv]

  --f <expr>            the function, e.g. "x^2 + 3*y^2" (one variable: uses only x)
  --from <x>[,<y>]      start point
${optimizerOptionHelp()}
  --box xmin,xmax,ymin,ymax   domain box for random-search (default [-5,5]^2 around the start);
                        xmin,xmax for a function of x alone
  --scenario <file.json | link>
                        run every run of a scenario document, each with its own settings,
                        instead of --f, --from and the options above. The argument is a saved
                        scenario file if such a file exists, else a link: a full address
                        (http://host/path?...), its ?... query, or the query without "?". Any
                        problem in the file or the link stops the command (exit status 2).
  --json                one JSON object: status, reason, steps, path ([x, y, f] per iterate, start
                        first; [x, f] in one variable), final { point, value, gradientNorm },
                        classification (minimum, maximum, saddle, inconclusive; null unless
                        converged) and eigenvalues; numbers that are not finite
                        (a diverged run) print as null. With --scenario: { "runs": [...] }, one
                        such object per run with its label and error (null, or why the run
                        could not be computed)
  --csv                 every iterate: step, x, y, f, gradient. With --scenario a first
                        column, run, holds the run's label
Default output: a table of iterates (long runs abbreviated) and a summary; with --scenario, one
such block per run under a "=== <label> ===" heading.
Status is one of converged, max-steps, diverged, stalled, or undefined-start when f has no
value at the start (log(x) from x = -1): no step is taken, and the reason ("log of a negative
number") is printed (JSON "reason", null otherwise; with --csv on stderr).
Exit status: 0 after a run (whatever its status), 2 for bad options, 1 when a run of a scenario
could not be computed (its error is printed).

Examples:
  descent run --f "(x^2 + y - 11)^2 + (x + y^2 - 7)^2" --from 1,1 --lr 0.01
  descent run --scenario lesson.json --json
  descent run --scenario "?f=x%5E2%2B10*y%5E2&start=-2.5,1.5&optimizer=gd&lr=0.09"`;

const options = {
  ...optimizerOptionConfig,
  from: { type: "string" },
  csv: { type: "boolean" },
  scenario: { type: "string" },
} as const;

/** Options that only choose the output format, so they combine with --scenario. */
const formatOptions: readonly string[] = ["json", "csv", "scenario"];

type RunValues = ReturnType<typeof parseOptions<typeof options>>;

function runSingle(values: RunValues, io: CliIo): number {
  const surface = surfaceOption("run", values.f);
  const start = startOption("run", values.from, surface);
  const settings = optimizerSettings("run", values);
  const box = boxOption("run", values.box, surface.dimension);
  const result = runOptimizer(surface, { start, ...settings, box });
  const params = resolveParams(settings.optimizer, settings.params);

  if (values.json === true) {
    io.out(
      JSON.stringify({
        ...runJson(result, surface),
        optimizer: settings.optimizer,
        params,
        gradient: settings.gradient,
        ...(settings.schedule ? { schedule: settings.schedule } : {}),
        ...(settings.noise !== undefined ? { noise: settings.noise } : {}),
        ...(settings.schedule && result.rates ? { rates: Array.from(result.rates) } : {}),
      }),
    );
  } else if (values.csv === true) {
    const undefinedStart = undefinedStartText(surface, result);
    if (undefinedStart !== null) io.err(`descent run: undefined-start: ${undefinedStart}`);
    io.out([runCsvHeader(result.dimension), ...runCsvRows(result)].join("\n"));
  } else {
    const heading = {
      optimizer: settings.optimizer,
      params,
      gradient: settings.gradient,
      start,
      schedule: settings.schedule,
      noise: settings.noise,
      seed: settings.seed,
    };
    io.out(runText(surface, heading, result).join("\n"));
  }
  return 0;
}

async function runCommandMain(argv: string[], io: CliIo): Promise<number> {
  const values = parseOptions("run", argv, options);
  if (values.json === true && values.csv === true) {
    throw new CliError("descent run: choose one of --json and --csv");
  }
  if (values.scenario === undefined) return runSingle(values, io);
  const others = Object.keys(values).filter((key) => !formatOptions.includes(key));
  if (others.length > 0) {
    throw new CliError(
      `descent run: --scenario takes every setting from the document, so it cannot be combined with ${others
        .map((key) => `--${key}`)
        .join(", ")}`,
    );
  }
  const { document, surface } = await scenarioOption("run", values.scenario);
  const outcomes = document.runs.map((run) => computeRun(surface, document.box, run));
  const format = values.json === true ? "json" : values.csv === true ? "csv" : "text";
  return printScenario(document, surface, outcomes, format, io);
}

export const runCommand: Command = {
  summary: "run one optimizer from a start point, or every run of a scenario, and print the path",
  help,
  run: reportingCoreErrors("run", runCommandMain),
};
