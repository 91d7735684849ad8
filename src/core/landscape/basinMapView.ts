/**
 * What the page shows of a basin map (core/batch.ts `basinMap`): the colour of every label, the
 * share of the box each minimum takes, and the resolutions a map is refined through.
 */
import {
  basinDiverged,
  basinNotConverged,
  basinNotMinimum,
  basinUndefinedStart,
  type BasinMap,
} from "../batch.ts";

/**
 * One colour per minimum, lowest value first: ColorBrewer's Set3 (Cynthia Brewer, pastel
 * qualitative, 12 classes) without its grey, so the contour lines, paths and markers drawn over a
 * basin stay dark on light. After eleven minima the colours repeat.
 */
export const BASIN_PALETTE = [
  "#8dd3c7",
  "#ffffb3",
  "#bebada",
  "#fb8072",
  "#80b1d3",
  "#fdb462",
  "#b3de69",
  "#fccde5",
  "#bc80bd",
  "#ccebc5",
  "#ffed6f",
] as const;

/** Starts that diverged: dark, unlike any minimum. */
export const DIVERGED_COLOR = "#404040";
/** Starts still moving at the step budget, or stalled: white. */
export const NOT_CONVERGED_COLOR = "#ffffff";
/** Starts that stopped at a saddle, maximum or inconclusive point: mid grey. */
export const NOT_MINIMUM_COLOR = "#8c8c8c";

/** The CSS colour of a basin label (a minimum's index, or one of the other outcomes). */
export function basinColor(label: number): string {
  if (label >= 0) return BASIN_PALETTE[label % BASIN_PALETTE.length]!;
  if (label === basinDiverged) return DIVERGED_COLOR;
  if (label === basinNotMinimum) return NOT_MINIMUM_COLOR;
  if (label === basinNotConverged) return NOT_CONVERGED_COLOR;
  // f not defined at the start: shown as a hole in basinPixels; here, for a legend swatch.
  return NOT_CONVERGED_COLOR;
}

function hexChannel(hex: string, index: number): number {
  return parseInt(hex.slice(1 + 2 * index, 3 + 2 * index), 16);
}

/**
 * The map as RGBA bytes, one pixel per grid cell, row by row from ymin (the grid's own order):
 * each cell in its label's colour, cells where f is not defined at the start transparent.
 */
export function basinPixels(map: Pick<BasinMap, "basin">): Uint8Array {
  const pixels = new Uint8Array(map.basin.length * 4);
  const cache = new Map<number, [number, number, number]>();
  for (let i = 0; i < map.basin.length; i++) {
    const label = map.basin[i]!;
    if (label === basinUndefinedStart) continue;
    let rgb = cache.get(label);
    if (!rgb) {
      const hex = basinColor(label);
      rgb = [hexChannel(hex, 0), hexChannel(hex, 1), hexChannel(hex, 2)];
      cache.set(label, rgb);
    }
    pixels[4 * i] = rgb[0];
    pixels[4 * i + 1] = rgb[1];
    pixels[4 * i + 2] = rgb[2];
    pixels[4 * i + 3] = 255;
  }
  return pixels;
}

/**
 * A minimum's point as a legend shows it: a coordinate within 1e-6 of the box's size of zero is
 * zero (a run stops within its tolerance of the minimum, so y = −4.6e-7 is y = 0 as far as the
 * picture can tell).
 */
export function legendPoint(point: readonly number[], box: BasinMap["box"]): number[] {
  const size = Math.max(box.xmax - box.xmin, box.ymax - box.ymin);
  return point.map((value) => (Math.abs(value) < 1e-6 * size ? 0 : value));
}

/** The share of the box, in percent, of each minimum's basin and of the other outcomes. */
export interface BasinShares {
  /** Per minimum, in the map's order (lowest value first). */
  minima: number[];
  diverged: number;
  notConverged: number;
  notMinimum: number;
  undefinedStart: number;
}

/**
 * Every outcome's share of the grid's cells, 100·count / cells. The cells are equal, so this is
 * the share of the box's area; the shares sum to 100.
 */
export function basinShares(map: BasinMap): BasinShares {
  const cells = map.basin.length;
  const percent = (count: number) => (cells > 0 ? (100 * count) / cells : 0);
  return {
    minima: map.minima.map((minimum) => percent(minimum.count)),
    diverged: percent(map.diverged),
    notConverged: percent(map.notConverged),
    notMinimum: percent(map.notMinimum),
    undefinedStart: percent(map.undefinedStart),
  };
}

/**
 * The most work a map on the page may take, in iterates of a typed function (cells × (steps +
 * 1) × core's `iterateCost`): a few seconds of the pool's workers.
 */
export const BASIN_WORK_BUDGET = 4e8;

/**
 * The grid sizes (cells a side) a map is computed at, coarse first so a picture appears at
 * once: 50, 100 and `finest` (200 unless asked otherwise), each finer map replacing the one
 * before; sizes whose n² × (maxSteps + 1) × `cost` would pass `BASIN_WORK_BUDGET` are left out,
 * down to one size of at least 10 that fits (or 10 when none does).
 */
export function basinResolutions(maxSteps: number, finest = 200, cost = 1): number[] {
  const work = (maxSteps + 1) * cost;
  const fits = (size: number) => size * size * work <= BASIN_WORK_BUDGET;
  const sizes = [50, 100, finest].filter(
    (size, index, all) => size <= finest && all.indexOf(size) === index && fits(size),
  );
  if (sizes.length > 0) return sizes;
  return [Math.max(10, Math.floor(Math.sqrt(BASIN_WORK_BUDGET / work)))];
}
