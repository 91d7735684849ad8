/**
 * How `descent run` prints one computed run: a table and summary, one JSON object, or CSV rows.
 * A single run and every run of a `--scenario` document print through these, so both read alike.
 */
import { describeRun, isUndefinedStart } from "../core/runStatus.ts";
import type { GradientSource, RunResult, RunStatus, Surface } from "../core/types.ts";
import { formatNumber, formatPoint, formatShort } from "./format.ts";

/**
 * The status the command line prints: the run's own (converged, max-steps, diverged, stalled),
 * except a run stopped at a start where f has no finite value, which is `undefined-start`, the
 * page's name for it (core's `isUndefinedStart`), never "diverged after 0 steps".
 */
export type CliRunStatus = RunStatus | "undefined-start";

/** See `CliRunStatus`. */
export function cliRunStatus(status: RunStatus, steps: number): CliRunStatus {
  return isUndefinedStart(status, steps) ? "undefined-start" : status;
}

/**
 * The page's sentence for a run that never started because f has no value at its start
 * ("f is not defined at the start (log of a negative number)"), else null.
 */
export function undefinedStartText(surface: Surface, result: RunResult): string | null {
  if (!isUndefinedStart(result.status, result.steps)) return null;
  return describeRun(result, { surfaceText: surface.text }).text;
}

/** What a run was asked to do, for its header line. */
export interface RunHeading {
  optimizer: string;
  /** Every parameter of the rule, defaults filled in. */
  params: Readonly<Record<string, number>>;
  gradient: GradientSource;
  start: readonly number[];
  /** The learning-rate schedule, when not constant. */
  schedule?: { kind: string; params: Readonly<Record<string, number>> };
  /** The gradient noise's σ and its seed, when on. */
  noise?: number;
  seed?: number;
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

/**
 * The run's fields of the --json output. Numbers that are not finite become null when the
 * object goes through JSON.stringify, as a diverged run's do. `reason` says why f has no value
 * at the start of an `undefined-start` run, and is null otherwise.
 */
export function runJson(result: RunResult, surface: Surface) {
  return {
    status: cliRunStatus(result.status, result.steps),
    reason: undefinedStartText(surface, result),
    steps: result.steps,
    path: runPath(result),
    final: result.final,
    classification: result.classification?.classification ?? null,
    eigenvalues: result.classification?.eigenvalues ?? null,
  };
}

/** The CSV header for a run's iterates, after any leading columns. */
export function runCsvHeader(dimension: 1 | 2, leading: readonly string[] = []): string {
  const columns =
    dimension === 1 ? ["step", "x", "f", "df_dx"] : ["step", "x", "y", "f", "grad_x", "grad_y"];
  return [...leading, ...columns].join(",");
}

/** Every iterate as a CSV row in full precision, after any leading cells. */
export function runCsvRows(result: RunResult, leading: readonly string[] = []): string[] {
  const rows: string[] = [];
  for (let k = 0; k <= result.steps; k++) {
    const values =
      result.dimension === 1
        ? [result.xs[k]!, result.values[k]!, result.gradX[k]!]
        : [result.xs[k]!, result.ys[k]!, result.values[k]!, result.gradX[k]!, result.gradY[k]!];
    rows.push([...leading, String(k), ...values.map(formatNumber)].join(","));
  }
  return rows;
}

/** The line that says what ran: "gd on x^2 + y^2 from (1, 1), lr 0.1, analytic gradient". */
export function runHeaderLine(surface: Surface, heading: RunHeading): string {
  const paramText = Object.entries(heading.params)
    .map(([key, value]) => `${key} ${formatShort(value)}`)
    .join(", ");
  const schedule = heading.schedule
    ? `, ${heading.schedule.kind} schedule (${Object.entries(heading.schedule.params)
        .map(([key, value]) => `${key} ${formatShort(value)}`)
        .join(", ")})`
    : "";
  const noise =
    heading.noise !== undefined && heading.noise > 0
      ? `, gradient noise ${formatShort(heading.noise)} (seed ${heading.seed ?? 1})`
      : "";
  return (
    `${heading.optimizer} on ${surface.normalized} from ${formatPoint(heading.start)}` +
    `${paramText ? `, ${paramText}` : ""}${schedule}, ${heading.gradient} gradient${noise}`
  );
}

/** The header, a table of iterates (long runs abbreviated) and the summary lines. */
export function runText(surface: Surface, heading: RunHeading, result: RunResult): string[] {
  const oneVariable = result.dimension === 1;
  const lines = [runHeaderLine(surface, heading)];
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
  const undefinedStart = undefinedStartText(surface, result);
  lines.push(
    undefinedStart !== null
      ? `status: undefined-start: ${undefinedStart}`
      : `status: ${result.status} after ${result.steps} step${result.steps === 1 ? "" : "s"}`,
  );
  lines.push(
    `final: ${oneVariable ? "x" : "(x, y)"} = ${oneVariable ? formatShort(result.final.point[0]!) : formatPoint(result.final.point)}, ` +
      `f = ${formatShort(result.final.value)}, |grad f| = ${formatShort(result.final.gradientNorm)}`,
  );
  if (result.classification) {
    lines.push(
      `classification: ${result.classification.classification} (Hessian eigenvalues ${result.classification.eigenvalues
        .map(formatShort)
        .join(", ")})`,
    );
  }
  return lines;
}
