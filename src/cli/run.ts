import { runOptimizer } from "../core/run.ts";
import { resolveParams } from "../core/optimizers/index.ts";
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
import { runCsvHeader, runCsvRows, runJson, runText } from "./runOutput.ts";
import { surfaceOption } from "./surfaceOption.ts";

const help = `descent run: run one optimizer from a start point and print its path

Usage: descent run --f "<expr>" --from <x>[,<y>] [options] [--json | --csv]

  --f <expr>            the function, e.g. "x^2 + 3*y^2" (one variable: uses only x)
  --from <x>[,<y>]      start point
${optimizerOptionHelp()}
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

const options = {
  ...optimizerOptionConfig,
  from: { type: "string" },
  csv: { type: "boolean" },
} as const;

type RunValues = ReturnType<typeof parseOptions<typeof options>>;

function runSingle(values: RunValues, io: CliIo): number {
  const surface = surfaceOption("run", values.f);
  const start = startOption("run", values.from, surface);
  const settings = optimizerSettings("run", values);
  const box = boxOption("run", values.box);
  const result = runOptimizer(surface, { start, ...settings, box });
  const params = resolveParams(settings.optimizer, settings.params);

  if (values.json === true) {
    io.out(
      JSON.stringify({
        ...runJson(result),
        optimizer: settings.optimizer,
        params,
        gradient: settings.gradient,
      }),
    );
  } else if (values.csv === true) {
    io.out([runCsvHeader(result.dimension), ...runCsvRows(result)].join("\n"));
  } else {
    const heading = { optimizer: settings.optimizer, params, gradient: settings.gradient, start };
    io.out(runText(surface, heading, result).join("\n"));
  }
  return 0;
}

function runCommandMain(argv: string[], io: CliIo): number {
  const values = parseOptions("run", argv, options);
  if (values.json === true && values.csv === true) {
    throw new CliError("descent run: choose one of --json and --csv");
  }
  return runSingle(values, io);
}

export const runCommand: Command = {
  summary: "run one optimizer from a start point and print its path",
  help,
  run: reportingCoreErrors("run", runCommandMain),
};
