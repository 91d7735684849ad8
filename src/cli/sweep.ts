import { maxSweepCount } from "../core/sweep.ts";
import { CliError, parseNumberOption, parseOptions } from "./common.ts";
import type { Command, CliIo } from "./command.ts";
import { formatShort } from "./format.ts";
import {
  boxOption,
  optimizerOptionConfig,
  optimizerOptionHelp,
  optimizerSettings,
  reportingCoreErrors,
  startOption,
} from "./runOptions.ts";
import { cliRunStatus } from "./runOutput.ts";
import { checkWork, defaultMaxWork, jobOptions, sweepOnWorkers } from "./parallel/jobs.ts";
import { surfaceOption } from "./surfaceOption.ts";

const help = `descent sweep: final loss and status over log-spaced learning rates

Usage: descent sweep --f "<expr>" --from <x>[,<y>] [--lr-min <n>] [--lr-max <n>] [--count <n>]
                     [options] [--json]

  --f <expr>            the function
  --from <x>[,<y>]      start point, the same for every rate
  --lr-min <n>          smallest learning rate (default 0.001)
  --lr-max <n>          largest learning rate (default 1)
  --count <n>           how many rates, log-spaced, ends included (default 13); 1 runs
                        --lr-min alone (then --lr-max is refused unless equal to it)
${optimizerOptionHelp(["lr"])}
  --workers <n>         worker threads (default: every core of the machine); any number gives
                        the same sweep
  --max-work <n>        the budget: rates × (steps + 1) iterates at most (default
                        ${defaultMaxWork.toExponential()}); a larger sweep is refused before it starts, with its size
  --json                one JSON object: optimizer, start, entries [{ lr, status, steps,
                        finalValue, finalPoint, gradientNorm, classification }] and stability
                        { minimum, value, lambdaMax, edge } or null
Each rate is rounded to 3 significant digits (more only where 3 would make two rates equal):
the rate run is exactly the rate printed, in the table and the JSON. Status is converged,
max-steps, diverged, stalled, or undefined-start when f has no value at the start.
For a surface with a minimum it reports the Hessian's largest eigenvalue λmax there and the
plain gradient descent stability edge 2/λmax.

A progress bar with the time left shows on stderr when stderr is a terminal; Ctrl-C stops
the sweep (status 130, nothing on stdout).

Example: descent sweep --f "x^2 + 2*y^2" --from 3,2 --lr-min 0.01 --lr-max 1 --count 9`;

async function sweepMain(argv: string[], io: CliIo): Promise<number> {
  const options = {
    ...optimizerOptionConfig,
    from: { type: "string" },
    "lr-min": { type: "string" },
    "lr-max": { type: "string" },
    count: { type: "string" },
    workers: { type: "string" },
    "max-work": { type: "string" },
  } as const;
  const values = parseOptions("sweep", argv, options);
  // The parameter flags are generated, so their names are not in the parsed values' type.
  const given: Readonly<Record<string, unknown>> = values;
  if (given.lr !== undefined) {
    throw new CliError("descent sweep: --lr is what the sweep varies; give --lr-min and --lr-max");
  }
  const surface = surfaceOption("sweep", values.f);
  const start = startOption("sweep", values.from, surface);
  const settings = optimizerSettings("sweep", values);
  const lrMin = parseNumberOption("sweep", "lr-min", values["lr-min"]) ?? 0.001;
  const lrMax = parseNumberOption("sweep", "lr-max", values["lr-max"]) ?? 1;
  const count = parseNumberOption("sweep", "count", values.count) ?? 13;
  if (!(lrMin > 0))
    throw new CliError(`descent sweep: --lr-min must be greater than 0, got ${lrMin}`);
  if (!(lrMax >= lrMin)) {
    throw new CliError(
      `descent sweep: --lr-max (${lrMax}) must not be less than --lr-min (${lrMin})`,
    );
  }
  if (!(Number.isInteger(count) && count >= 1 && count <= maxSweepCount)) {
    throw new CliError(
      `descent sweep: --count must be a whole number from 1 to ${maxSweepCount}, got ${count}`,
    );
  }
  if (count === 1 && values["lr-max"] !== undefined && lrMax !== lrMin) {
    throw new CliError(
      `descent sweep: --count 1 runs --lr-min alone, so --lr-max (${lrMax}) would be ignored; ` +
        "give --count 2 or more, or leave out --lr-max",
    );
  }
  const box = boxOption("sweep", values.box, surface.dimension);
  const { workers, maxWork } = jobOptions("sweep", values);
  checkWork("sweep", `${count} rates`, count, settings.maxSteps, maxWork);
  const sweep = await sweepOnWorkers(
    surface,
    { start, ...settings, lrMin, lrMax, count, box },
    { command: "sweep", workers, io },
  );

  const entries = sweep.entries.map((entry) => ({
    ...entry,
    status: cliRunStatus(entry.status, entry.steps),
  }));
  if (values.json === true) {
    io.out(
      JSON.stringify({
        optimizer: settings.optimizer,
        start,
        entries,
        stability: sweep.stability,
      }),
    );
    return 0;
  }
  const lines = [
    `${settings.optimizer} on ${surface.normalized} from (${start.map(formatShort).join(", ")})`,
  ];
  lines.push(
    `${"lr".padStart(14)} ${"status".padEnd(15)} ${"steps".padStart(7)} ${"final f".padStart(16)}`,
  );
  for (const entry of entries) {
    lines.push(
      `${formatShort(entry.lr).padStart(14)} ${entry.status.padEnd(15)} ${String(entry.steps).padStart(7)} ` +
        `${formatShort(entry.finalValue).padStart(16)}`,
    );
  }
  const stability = sweep.stability;
  if (stability) {
    lines.push(
      `minimum at (${stability.minimum.map(formatShort).join(", ")}): Hessian λmax = ${formatShort(stability.lambdaMax)}; ` +
        `plain gradient descent is stable there for lr < 2/λmax = ${formatShort(stability.edge)}`,
    );
  } else {
    lines.push("no minimum found from this start, so no stability edge");
  }
  io.out(lines.join("\n"));
  return 0;
}

export const sweepCommand: Command = {
  summary: "final loss and status over log-spaced learning rates",
  help,
  run: reportingCoreErrors("sweep", sweepMain),
};
