/**
 * How `descent run --scenario` prints a document's runs: one block per run under its label, one
 * JSON object with every run, or CSV rows with the run's label in a first column.
 */
import type { ScenarioDocument } from "../core/scenario/document.ts";
import { startOnSurface, type RunOutcome } from "../core/scenario/runs.ts";
import type { Surface } from "../core/types.ts";
import type { CliIo } from "./command.ts";
import { printable } from "./format.ts";
import {
  runCsvHeader,
  runCsvRows,
  runHeaderLine,
  runJson,
  runText,
  undefinedStartText,
} from "./runOutput.ts";

/** A CSV cell holding text: quoted when it holds a comma, a quote or a space at either end. */
function csvText(text: string): string {
  const cell = printable(text);
  return /[",]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * Prints every run of a document with its outcome (`outcomes[i]` for `document.runs[i]`).
 * Returns the exit status: 1 when a run could not be computed, else 0. A run that could not be
 * computed says why (JSON status "error" with its message; in text and CSV its message) rather
 * than passing for a run that stalled at its start.
 */
export function printScenario(
  document: ScenarioDocument,
  surface: Surface,
  outcomes: readonly RunOutcome[],
  format: "text" | "json" | "csv",
  io: CliIo,
): number {
  const failed = outcomes.some((outcome) => outcome.error !== null);
  if (format === "json") {
    const runs = document.runs.map((run, i) => {
      const { result, error } = outcomes[i]!;
      return {
        label: run.label,
        ...runJson(result, surface),
        ...(error !== null ? { status: "error", classification: null, eigenvalues: null } : {}),
        optimizer: run.optimizer,
        params: run.params,
        gradient: run.gradient,
        seed: run.seed,
        error,
      };
    });
    io.out(JSON.stringify({ runs }));
    return failed ? 1 : 0;
  }
  if (format === "csv") {
    const rows = [runCsvHeader(surface.dimension, ["run"])];
    document.runs.forEach((run, i) => {
      const { result, error } = outcomes[i]!;
      if (error !== null) io.err(`descent run: ${printable(run.label)}: ${printable(error)}`);
      else {
        const undefinedStart = undefinedStartText(surface, result);
        if (undefinedStart !== null) {
          io.err(`descent run: ${printable(run.label)}: undefined-start: ${undefinedStart}`);
        }
        rows.push(...runCsvRows(result, [csvText(run.label)]));
      }
    });
    io.out(rows.join("\n"));
    return failed ? 1 : 0;
  }
  if (document.runs.length === 0) {
    io.out(`the scenario has no runs (f = ${surface.normalized})`);
    return 0;
  }
  const blocks = document.runs.map((run, i) => {
    const { result, error } = outcomes[i]!;
    const heading = {
      optimizer: run.optimizer,
      params: run.params,
      gradient: run.gradient,
      start: startOnSurface(run.start, surface.dimension, document.box),
      schedule: run.schedule,
      noise: run.noise,
      seed: run.seed,
    };
    const body =
      error === null
        ? runText(surface, heading, result)
        : [runHeaderLine(surface, heading), `error: ${printable(error)}`];
    return [`=== ${printable(run.label)} ===`, ...body].join("\n");
  });
  io.out(blocks.join("\n\n"));
  return failed ? 1 : 0;
}
