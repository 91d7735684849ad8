/**
 * The domain box's one check, shared by runs, grids, the world transform, the scenario
 * document, links, the explorer and the command line: every edge a finite number,
 * xmin < xmax and ymin < ymax, and each width a finite number.
 */
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
  return null;
}

/** The box itself when valid; otherwise throws RangeError("box <problem>"). */
export function checkBox<B extends Readonly<Box>>(box: B): B {
  const problem = boxProblem(box);
  if (problem) throw new RangeError(`box ${problem.message}`);
  return box;
}
