import { runsToCsv, runsToJson, type ExportedRun } from "../core/exportRuns.ts";
import { computeRun } from "../core/scenario/runs.ts";
import type { Command, CliIo } from "./command.ts";
import { CliError, parseOptions } from "./common.ts";
import { printable } from "./format.ts";
import { reportingCoreErrors } from "./runOptions.ts";
import { scenarioOption } from "./scenarioOption.ts";

const help = `descent export: every run of a scenario, every step, as CSV or JSON

Usage: descent export --scenario <file.json | link> (--csv | --json)

  --scenario <file.json | link>
                        a saved scenario file if such a file exists, else a link: a full address
                        (http://host/path?...), its ?... query, or the query without "?"
  --csv                 one row per iterate: run,step,x,y,f,grad_x,grad_y,step_x,step_y,lr, then
                        the optimizer's state by name (velocity_x, m_x, v_x, hessian_xx, ...);
                        in one variable no y, grad_y or step_y. The last iterate's step, rate
                        and state cells are empty.
  --json                { f, dimension, runs: [{ label, optimizer, params, status, steps,
                        iterates: [{ step, point, f, gradient, step_taken, lr, state }] }] };
                        numbers that are not finite are the strings "NaN", "Infinity",
                        "-Infinity"
Every number is written in the shortest form that reads back as the same double. The same files
come from the page's "Export CSV" and "Export JSON".
Exit status: 0, 2 for bad options or a bad scenario, 1 when a run could not be computed (its
error is printed on stderr and the others are exported).

Examples:
  descent export --scenario lesson.json --csv > steps.csv
  descent export --scenario "?f=x%5E2%2B10*y%5E2&start=-2.5,1.5&optimizer=gd&lr=0.09" --json`;

const options = {
  scenario: { type: "string" },
  csv: { type: "boolean" },
  json: { type: "boolean" },
} as const;

async function exportMain(argv: string[], io: CliIo): Promise<number> {
  const values = parseOptions("export", argv, options);
  if (values.scenario === undefined) {
    throw new CliError("descent export: --scenario <file.json | link> is required");
  }
  if ((values.csv === true) === (values.json === true)) {
    throw new CliError("descent export: choose one of --csv and --json");
  }
  const { document, surface } = await scenarioOption("export", values.scenario);
  let failed = false;
  const runs: ExportedRun[] = [];
  for (const run of document.runs) {
    const { result, error } = computeRun(surface, document.box, run);
    if (error !== null) {
      failed = true;
      io.err(`descent export: ${printable(run.label)}: ${printable(error)}`);
      continue;
    }
    runs.push({ label: run.label, optimizer: run.optimizer, params: run.params, result });
  }
  const source = { f: surface.text, dimension: surface.dimension, runs };
  const text = values.csv === true ? runsToCsv(source) : runsToJson(source);
  // The text ends with a line break; io.out adds one.
  io.out(text.endsWith("\n") ? text.slice(0, -1) : text);
  return failed ? 1 : 0;
}

export const exportCommand: Command = {
  summary: "every run of a scenario, every step, as CSV or JSON",
  help,
  run: reportingCoreErrors("export", exportMain),
};
