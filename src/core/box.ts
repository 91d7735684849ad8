/**
 * The domain box's one check, shared by runs, grids, the world transform, the scenario
 * document, links, the explorer and the command line: every edge a finite number,
 * xmin < xmax and ymin < ymax, and each width a finite number no narrower than `minBoxWidth`.
 */
import { formatNumber } from "./format.ts";
import type { Box } from "./types.ts";

/** What is wrong with a box (naming the edge), or null for a valid one. */
export function boxProblem(box: Readonly<Box>): { edge: keyof Box; message: string } | null {
  for (const edge of ["xmin", "xmax", "ymin", "ymax"] as const) {
    if (typeof box[edge] !== "number" || !Number.isFinite(box[edge])) {
      return { edge, message: `${edge} must be a finite number` };
    }
  }
  if (!(box.xmin < box.xmax)) return { edge: "xmax", message: "xmin must be less than xmax" };
  if (!(box.ymin < box.ymax)) return { edge: "ymax", message: "ymin must be less than ymax" };
  // Grids, cell sizes and random draws all take xmax − xmin; past about 1.8e308 it is +∞.
  if (!Number.isFinite(box.xmax - box.xmin)) {
    return { edge: "xmax", message: "xmax − xmin is too large to compute with (over 1.8e308)" };
  }
  if (!Number.isFinite(box.ymax - box.ymin)) {
    return { edge: "ymax", message: "ymax − ymin is too large to compute with (over 1.8e308)" };
  }
  for (const [lo, hi, edge] of [
    [box.xmin, box.xmax, "xmax"],
    [box.ymin, box.ymax, "ymax"],
  ] as const) {
    const least = minBoxWidth(lo, hi);
    if (hi - lo < least) {
      const axis = edge[0];
      return {
        edge,
        message: `${axis}max − ${axis}min is ${formatNumber(hi - lo, 3)}, too narrow to draw: at least ${formatNumber(least, 3)} here`,
      };
    }
  }
  return null;
}

/**
 * The narrowest width a box may have between edges `lo` and `hi`: 1e-12, and a billionth of the
 * larger edge's size, so a grid of a thousand columns still has distinct, representable
 * coordinates and no size divided across the box underflows to 0.
 */
export function minBoxWidth(lo: number, hi: number): number {
  return Math.max(1e-12, 1e-9 * Math.max(Math.abs(lo), Math.abs(hi)));
}

/** The box itself when valid; otherwise throws RangeError("box <problem>"). */
export function checkBox<B extends Readonly<Box>>(box: B): B {
  const problem = boxProblem(box);
  if (problem) throw new RangeError(`box ${problem.message}`);
  return box;
}
