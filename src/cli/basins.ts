import {
  basinDiverged,
  basinNotConverged,
  basinNotMinimum,
  basinUndefinedStart,
  maxBatchSize,
} from "../core/batch.ts";
import { CliError, parseOptions } from "./common.ts";
import type { Command, CliIo } from "./command.ts";
import { formatShort } from "./format.ts";
import {
  boxOption,
  optimizerOptionConfig,
  optimizerOptionHelp,
  optimizerSettings,
  reportingCoreErrors,
} from "./runOptions.ts";
import { basinMapOnWorkers, checkWork, defaultMaxWork, jobOptions } from "./parallel/jobs.ts";
import { surfaceOption } from "./surfaceOption.ts";

/** One letter per minimum while they last; "s" is left out, as it marks other critical points. */
const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrtuvwxyz";

/** The symbols of the starts that reached no minimum. */
const otherSymbols: Readonly<Record<number, string>> = {
  [basinDiverged]: "!",
  [basinNotConverged]: ".",
  [basinNotMinimum]: "s",
  [basinUndefinedStart]: "?",
};

/**
 * Every minimum's label, all distinct: a letter each for up to 51 minima, else each minimum's
 * index (0, 1, …), and the width of one map cell (1 for letters; for indices the widest index,
 * with cells then separated by a space).
 */
export function basinLabels(count: number): { labels: string[]; width: number } {
  if (count <= letters.length) {
    return { labels: Array.from(letters.slice(0, count)), width: 1 };
  }
  const width = String(count - 1).length;
  return { labels: Array.from({ length: count }, (_, i) => String(i)), width };
}

/** Reads --grid <columns>x<rows> (or just <columns> in one variable). */
function gridOption(value: string | undefined, dimension: 1 | 2): [number, number] {
  if (value === undefined) return dimension === 1 ? [41, 1] : [41, 21];
  const match = /^\s*(\d+)\s*(?:[x×]\s*(\d+)\s*)?$/i.exec(value);
  const columns = match ? Number(match[1]) : NaN;
  const rows = match
    ? match[2] === undefined
      ? dimension === 1
        ? 1
        : NaN
      : Number(match[2])
    : NaN;
  if (!(columns >= 1 && rows >= 1)) {
    throw new CliError(
      `descent basins: --grid must look like 40x30 (columns x rows), got "${value}"`,
    );
  }
  if (dimension === 1 && rows !== 1) {
    throw new CliError(
      `descent basins: f depends only on x, so --grid takes one number or Nx1, got "${value}"`,
    );
  }
  if (columns * rows > maxBatchSize) {
    throw new CliError(`descent basins: --grid ${value} has more than ${maxBatchSize} starts`);
  }
  return [columns, rows];
}

const help = `descent basins: basin-of-attraction map over a grid of starts

Usage: descent basins --f "<expr>" [--box xmin,xmax,ymin,ymax] [--grid <n>x<m>] [options] [--json]

  --f <expr>            the function
  --box xmin,xmax,ymin,ymax   the region (default -5,5,-5,5)
  --grid <n>x<m>        n columns by m rows of starts at cell centres (default 41x21;
                        one variable: --grid <n>)
${optimizerOptionHelp()}
  --workers <n>         worker threads (default: every core of the machine); any number gives
                        the same map. The gradient-free rules draw every start's proposals from
                        one random stream, so they use one worker
  --max-work <n>        the budget: starts × (steps + 1) iterates at most (default
                        ${defaultMaxWork.toExponential()}); a larger job is refused before it starts, with its size
  --json                one JSON object: box, grid, optimizer, minima [{ label, point, value,
                        count, eigenvalues }] (lowest value first), basins (rows from ymin up,
                        each an array of minimum indices, -1 diverged, -2 not converged, -3
                        stopped at a critical point that is no minimum, -4 f not defined at the
                        start), steps (same shape), and the counts diverged, notConverged,
                        notMinimum, undefinedStart
Default output: the map (top row = ymax; a letter per minimum, ! diverged, . not converged,
s = a saddle, maximum or inconclusive point, ? f not defined at the start) and the list of
minima with how many starts reached each. With more than 51 minima each is labelled by its
index instead, and the map's cells are that wide, separated by spaces. Minima closer than 1e-3
of the box diagonal are merged. --box takes xmin,xmax for a function of x alone.

A progress bar with the time left shows on stderr when stderr is a terminal; Ctrl-C stops
the map (status 130, nothing on stdout).

Example: descent basins --f "(x^2 + y - 11)^2 + (x + y^2 - 7)^2" --grid 60x30 --lr 0.01`;

async function basinsMain(argv: string[], io: CliIo): Promise<number> {
  const options = {
    ...optimizerOptionConfig,
    grid: { type: "string" },
    workers: { type: "string" },
    "max-work": { type: "string" },
  } as const;
  const values = parseOptions("basins", argv, options);
  const surface = surfaceOption("basins", values.f);
  const settings = optimizerSettings("basins", values);
  const box = boxOption("basins", values.box, surface.dimension) ?? {
    xmin: -5,
    xmax: 5,
    ymin: -5,
    ymax: 5,
  };
  const [columns, rows] = gridOption(values.grid, surface.dimension);
  const { workers, maxWork } = jobOptions("basins", values);
  checkWork("basins", `${columns}×${rows} starts`, columns * rows, settings.maxSteps, maxWork);
  const map = await basinMapOnWorkers(
    surface,
    { ...settings, box, columns, rows },
    { command: "basins", workers, io },
  );

  const { labels, width } = basinLabels(map.minima.length);
  const symbol = (basin: number) => (basin >= 0 ? labels[basin]! : otherSymbols[basin]!);
  if (values.json === true) {
    const basins: number[][] = [];
    const steps: number[][] = [];
    for (let row = 0; row < map.rows; row++) {
      basins.push(Array.from(map.basin.subarray(row * columns, (row + 1) * columns)));
      steps.push(Array.from(map.steps.subarray(row * columns, (row + 1) * columns)));
    }
    io.out(
      JSON.stringify({
        box,
        grid: [columns, map.rows],
        optimizer: settings.optimizer,
        minima: map.minima.map((minimum, i) => ({ label: labels[i], ...minimum })),
        basins,
        steps,
        diverged: map.diverged,
        notConverged: map.notConverged,
        notMinimum: map.notMinimum,
        undefinedStart: map.undefinedStart,
      }),
    );
    return 0;
  }

  const lines = [
    `${settings.optimizer} on ${surface.normalized}: ${columns}x${map.rows} starts over ` +
      `x in [${box.xmin}, ${box.xmax}]${surface.dimension === 2 ? `, y in [${box.ymin}, ${box.ymax}]` : ""}`,
  ];
  for (let row = map.rows - 1; row >= 0; row--) {
    const cells: string[] = [];
    for (let column = 0; column < columns; column++) {
      cells.push(symbol(map.basin[row * columns + column]!).padStart(width));
    }
    lines.push(cells.join(width === 1 ? "" : " "));
  }
  lines.push(`${map.minima.length} minim${map.minima.length === 1 ? "um" : "a"}:`);
  map.minima.forEach((m, i) => {
    lines.push(
      `  ${labels[i]!.padStart(width)}  (${m.point.map(formatShort).join(", ")})  f = ${formatShort(m.value)}  ` +
        `reached from ${m.count} start${m.count === 1 ? "" : "s"}`,
    );
  });
  lines.push(
    `diverged (!): ${map.diverged}, not converged (.): ${map.notConverged}, ` +
      `other critical points (s): ${map.notMinimum}, f not defined at the start (?): ${map.undefinedStart}`,
  );
  io.out(lines.join("\n"));
  return 0;
}

export const basinsCommand: Command = {
  summary: "basin-of-attraction map over a grid of starts",
  help,
  run: reportingCoreErrors("basins", basinsMain),
};
