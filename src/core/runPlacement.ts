/**
 * Where the "Add run" button puts a new run: where a person looks first, the centre of the box,
 * and never exactly on another run's start, where its marker would hide.
 */
import type { Box, Dimension } from "./types.ts";

/** The nudge between candidate starts, as a fraction of the box's width (and height). */
export const ADD_RUN_NUDGE = 1 / 25;

/** Candidates on each side of the centre: 12 nudges of 1/25 stay inside the box (48% < 50%). */
const MAX_NUDGES = 12;

/**
 * The start of a run added without a point: the box's centre c = ((xmin+xmax)/2, (ymin+ymax)/2)
 * (just x in one variable), unless a run already starts there. Then the first free point of
 * c + k·d for k = 1, −1, 2, −2, … 12, −12, with d = ((xmax−xmin)/25, (ymax−ymin)/25): a step up
 * and to the right along the diagonal, then down and to the left, so both markers show and the
 * new start stays inside the box. A point is taken when an existing start lies within half a
 * nudge of it in every coordinate. With every candidate taken (25 runs on the diagonal) the
 * centre is returned.
 */
export function addedRunStart(
  box: Box,
  dimension: Dimension,
  starts: readonly (readonly number[])[],
): number[] {
  const center = [(box.xmin + box.xmax) / 2, (box.ymin + box.ymax) / 2].slice(0, dimension);
  const nudge = [(box.xmax - box.xmin) * ADD_RUN_NUDGE, (box.ymax - box.ymin) * ADD_RUN_NUDGE];
  const taken = (point: readonly number[]) =>
    starts.some((start) =>
      point.every((value, i) => Math.abs((start[i] ?? Number.NaN) - value) < nudge[i]! / 2),
    );
  for (let n = 0; n <= 2 * MAX_NUDGES; n++) {
    // 0, 1, −1, 2, −2, …
    const k = n === 0 ? 0 : n % 2 === 1 ? (n + 1) / 2 : -n / 2;
    const point = center.map((value, i) => value + k * nudge[i]!);
    if (!taken(point)) return point;
  }
  return center;
}
