/**
 * Every run's record as a table (CSV) or a document (JSON), for handouts, spreadsheets and
 * scripts: at each iterate the point, f, the gradient, the step taken from there, the rate and
 * the optimizer's state by name (momentum's velocity, Adam's m and v, Newton's step and Hessian,
 * ...). Numbers are written in JavaScript's shortest form that reads back as the same double,
 * so a file read back gives exactly the run's numbers.
 *
 * CSV columns: `run,step,x,y,f,grad_x,grad_y,step_x,step_y,lr`, then the state's entries in the
 * order the runs first give them. In one variable there is no `y`, `grad_y` or `step_y`. A
 * state entry that is a vector of the run's dimension becomes one column a coordinate
 * (`velocity_x`, `velocity_y`; in one variable just `velocity`), a 2×2 Hessian four
 * (`hessian_xx`, `hessian_xy`, `hessian_yx`, `hessian_yy`), any other list one cell of numbers
 * separated by spaces. The last iterate took no step: its step and state cells are empty, as
 * are the cells of entries another run's optimizer has and this one's has not. Text is quoted
 * where it holds a comma, a quote or a line break (RFC 4180), and text that a spreadsheet would
 * take for a formula (starting with =, +, -, @ or a tab) starts with an apostrophe, so opening
 * the file never computes anything a label says.
 */
import type { OptimizerState, RunResult } from "./types.ts";

/** A run as exported: its label (what sets it apart), settings and record. */
export interface ExportedRun {
  label: string;
  optimizer: string;
  params: Record<string, number>;
  result: RunResult;
}

/** What the export is of: the function, its variables and the runs. */
export interface ExportSource {
  f: string;
  dimension: 1 | 2;
  runs: readonly ExportedRun[];
}

/** A number as the shortest text that reads back as the same double ("NaN", "Infinity" too). */
export function exactNumber(value: number): string {
  return Object.is(value, -0) ? "-0" : String(value);
}

function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const AXES = ["x", "y"] as const;
const HESSIAN = ["xx", "xy", "yx", "yy"] as const;

/** The columns a state entry takes, and how to fill them from its value. */
interface StateColumns {
  names: string[];
  cells(value: OptimizerState[string] | undefined): string[];
}

function stateColumns(key: string, sample: OptimizerState[string], dimension: 1 | 2): StateColumns {
  const blank = (n: number) => Array.from({ length: n }, () => "");
  if (Array.isArray(sample) && sample.length === dimension) {
    const names = dimension === 1 ? [key] : AXES.map((axis) => `${key}_${axis}`);
    return {
      names,
      cells: (value) =>
        Array.isArray(value) && value.length === dimension
          ? value.map(exactNumber)
          : blank(names.length),
    };
  }
  if (Array.isArray(sample) && sample.length === 4 && key === "hessian") {
    const names = HESSIAN.map((part) => `${key}_${part}`);
    return {
      names,
      cells: (value) =>
        Array.isArray(value) && value.length === 4 ? value.map(exactNumber) : blank(4),
    };
  }
  return {
    names: [key],
    cells: (value) => [
      value === undefined
        ? ""
        : Array.isArray(value)
          ? value.map(exactNumber).join(" ")
          : typeof value === "number"
            ? exactNumber(value)
            : csvCell(String(value)),
    ],
  };
}

/** What the export holds of iterate k of a run; the last iterate took no step. */
interface IterateRecord {
  point: number[];
  f: number;
  gradient: number[];
  /** The step from iterate k to k + 1, the rate it used and the optimizer's state as it took it. */
  taken: { step: number[]; rate: number | undefined; state: OptimizerState } | null;
}

function iterateRecord(run: ExportedRun, k: number, dimension: 1 | 2): IterateRecord {
  const { result } = run;
  const one = dimension === 1;
  const point = one ? [result.xs[k]!] : [result.xs[k]!, result.ys[k]!];
  const gradient = one ? [result.gradX[k]!] : [result.gradX[k]!, result.gradY[k]!];
  if (k >= result.steps) return { point, f: result.values[k]!, gradient, taken: null };
  const dx = result.xs[k + 1]! - result.xs[k]!;
  return {
    point,
    f: result.values[k]!,
    gradient,
    taken: {
      step: one ? [dx] : [dx, result.ys[k + 1]! - result.ys[k]!],
      rate: result.rates?.[k] ?? run.params.lr,
      state: result.states[k] ?? {},
    },
  };
}

/** The CSV text of every run, one row per iterate, header first; lines end with "\n". */
export function runsToCsv(source: ExportSource): string {
  const { dimension } = source;
  const columns = new Map<string, StateColumns>();
  for (const run of source.runs) {
    for (let k = 0; k < run.result.steps; k++) {
      for (const [key, value] of Object.entries(run.result.states[k] ?? {})) {
        if (!columns.has(key)) columns.set(key, stateColumns(key, value, dimension));
      }
    }
  }
  const base =
    dimension === 1
      ? ["run", "step", "x", "f", "grad_x", "step_x", "lr"]
      : ["run", "step", "x", "y", "f", "grad_x", "grad_y", "step_x", "step_y", "lr"];
  const header = [...base, ...[...columns.values()].flatMap((c) => c.names)];
  const lines = [header.join(",")];
  for (const run of source.runs) {
    const { result } = run;
    const label = csvCell(run.label);
    for (let k = 0; k <= result.steps; k++) {
      const { point, f, gradient, taken } = iterateRecord(run, k, dimension);
      const cells = [
        label,
        String(k),
        ...point.map(exactNumber),
        exactNumber(f),
        ...gradient.map(exactNumber),
        ...(taken === null ? point.map(() => "") : taken.step.map(exactNumber)),
        taken?.rate === undefined ? "" : exactNumber(taken.rate),
        ...[...columns].flatMap(([key, c]) => c.cells(taken?.state[key])),
      ];
      lines.push(cells.join(","));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A number for JSON: finite numbers as they are, the others as the text that names them. */
function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function jsonState(state: OptimizerState): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(state).map(([key, value]) => [
      key,
      typeof value === "number"
        ? jsonNumber(value)
        : Array.isArray(value)
          ? value.map(jsonNumber)
          : value,
    ]),
  );
}

/**
 * The JSON document of every run: `{ f, dimension, runs: [{ label, optimizer, params, status,
 * steps, iterates: [{ step, point, f, gradient, step_taken, lr, state }] }] }`. Numbers that are
 * not finite (a diverged run's) are written as the strings "NaN", "Infinity", "-Infinity",
 * which JSON cannot hold as numbers; `step_taken`, `lr` and `state` are null at the last
 * iterate.
 */
export function runsToJson(source: ExportSource): string {
  const runs = source.runs.map((run) => {
    const { result } = run;
    const iterates = [];
    for (let k = 0; k <= result.steps; k++) {
      const { point, f, gradient, taken } = iterateRecord(run, k, source.dimension);
      iterates.push({
        step: k,
        point: point.map(jsonNumber),
        f: jsonNumber(f),
        gradient: gradient.map(jsonNumber),
        step_taken: taken === null ? null : taken.step.map(jsonNumber),
        lr: taken?.rate === undefined ? null : jsonNumber(taken.rate),
        state: taken === null ? null : jsonState(taken.state),
      });
    }
    return {
      label: run.label,
      optimizer: run.optimizer,
      params: run.params,
      status: result.status,
      steps: result.steps,
      iterates,
    };
  });
  // One line an iterate: readable, and a long run stays a file of one line a step.
  const lines = [
    `${JSON.stringify({ f: source.f, dimension: source.dimension }).slice(0, -1)},"runs":[`,
  ];
  runs.forEach(({ iterates, ...meta }, i) => {
    lines.push(` ${JSON.stringify(meta).slice(0, -1)},"iterates":[`);
    iterates.forEach((iterate, k) => {
      lines.push(`  ${JSON.stringify(iterate)}${k < iterates.length - 1 ? "," : ""}`);
    });
    lines.push(` ]}${i < runs.length - 1 ? "," : ""}`);
  });
  lines.push("]}");
  return `${lines.join("\n")}\n`;
}
