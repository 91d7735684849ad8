import {
  basinDiverged,
  basinMap,
  basinNotConverged,
  basinNotMinimum,
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
import { surfaceOption } from "./surfaceOption.ts";

const labels = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function basinSymbol(basin: number): string {
  if (basin === basinDiverged) return "!";
  if (basin === basinNotConverged) return ".";
  if (basin === basinNotMinimum) return "s";
  return labels[basin] ?? "#";
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
  --json                one JSON object: minima [{ point, value, count, eigenvalues }], basins
                        (rows from ymin up, each an array of minimum indices, -1 diverged,
                        -2 not converged, -3 stopped at a critical point that is no minimum),
                        steps (same shape), and the counts
Default output: the map (top row = ymax; letters = minima, ! diverged, . not converged,
s = a saddle, maximum or inconclusive point) and the list of minima with how many starts
reached each. Minima closer than 1e-3 of the box diagonal are merged.

Example: descent basins --f "(x^2 + y - 11)^2 + (x + y^2 - 7)^2" --grid 60x30 --lr 0.01`;

function basinsMain(argv: string[], io: CliIo): number {
  const options = { ...optimizerOptionConfig, grid: { type: "string" } } as const;
  const values = parseOptions("basins", argv, options);
  const surface = surfaceOption("basins", values.f);
  const settings = optimizerSettings("basins", values);
  const box = boxOption("basins", values.box) ?? { xmin: -5, xmax: 5, ymin: -5, ymax: 5 };
  const [columns, rows] = gridOption(values.grid, surface.dimension);
  const map = basinMap(surface, {
    ...settings,
    box,
    columns,
    rows,
  });

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
        minima: map.minima,
        basins,
        steps,
        diverged: map.diverged,
        notConverged: map.notConverged,
        notMinimum: map.notMinimum,
      }),
    );
    return 0;
  }

  const lines = [
    `${settings.optimizer} on ${surface.normalized}: ${columns}x${map.rows} starts over ` +
      `x in [${box.xmin}, ${box.xmax}]${surface.dimension === 2 ? `, y in [${box.ymin}, ${box.ymax}]` : ""}`,
  ];
  for (let row = map.rows - 1; row >= 0; row--) {
    let line = "";
    for (let column = 0; column < columns; column++)
      line += basinSymbol(map.basin[row * columns + column]!);
    lines.push(line);
  }
  lines.push(`${map.minima.length} minim${map.minima.length === 1 ? "um" : "a"}:`);
  map.minima.forEach((m, i) => {
    lines.push(
      `  ${basinSymbol(i)}  (${m.point.map(formatShort).join(", ")})  f = ${formatShort(m.value)}  ` +
        `reached from ${m.count} start${m.count === 1 ? "" : "s"}`,
    );
  });
  lines.push(
    `diverged (!): ${map.diverged}, not converged (.): ${map.notConverged}, ` +
      `other critical points (s): ${map.notMinimum}`,
  );
  io.out(lines.join("\n"));
  return 0;
}

export const basinsCommand: Command = {
  summary: "basin-of-attraction map over a grid of starts",
  help,
  run: reportingCoreErrors("basins", basinsMain),
};
