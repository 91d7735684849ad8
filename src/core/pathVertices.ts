/**
 * A run's path in world coordinates, before clipping and thinning (see ./thin.ts): one vertex
 * per iterate, and on a surface extra vertices that keep a long step on the surface.
 */
import type { RunResult, ScalarFn } from "./types.ts";
import type { WorldTransform } from "./transform.ts";
import { segmentClip, type PlotBox } from "./thin.ts";

/** Most pieces a chord between two iterates is cut into so a 3D path follows the surface. */
const PATH_SUBDIVISIONS = 6;
/** World length of one piece: short chords (most steps of a converging run) stay whole. */
const PIECE_LENGTH = 0.08;

/** The box of a transform in world x and z: where a view's plot is. */
export function worldPlotBox(transform: WorldTransform): PlotBox {
  return {
    xmin: -transform.halfWidth,
    xmax: transform.halfWidth,
    zmin: -transform.halfDepth,
    zmax: transform.halfDepth,
  };
}

/** Room `pathWorldVertices` needs for a run of `steps` steps: numbers in `out`. */
export function pathVertexCapacity(steps: number, onSurface: boolean): number {
  return 3 * (steps * (onSurface ? PATH_SUBDIVISIONS + 1 : 1) + 1);
}

/**
 * World vertices of a run's path, written into `out` (x, y, z per vertex), with iterate k at
 * vertex `iterateVertex[k]`. Iterate k is (worldX(x_k), worldY(f_k) + lift, worldZ(y_k)), or
 * height `lift` when `f` is null (a flat map). On a surface, the part inside the box of a chord
 * from iterate k to k + 1 is cut into pieces lifted onto f: where it crosses the box's edge
 * (so the path meets the edge on the surface), and every PIECE_LENGTH along it, at most
 * PATH_SUBDIVISIONS pieces, so a long jump is drawn along the surface instead of tunnelling
 * under it or floating over it. Short chords inside the box stay whole, since every segment
 * costs a software renderer real time. The path ends before the first iterate whose
 * coordinates are not finite. `out` needs {@link pathVertexCapacity} numbers and
 * `iterateVertex` steps + 1. Returns the vertices written and the iterates placed.
 */
export function pathWorldVertices(
  result: RunResult,
  transform: WorldTransform,
  f: ScalarFn | null,
  lift: number,
  out: Float64Array,
  iterateVertex: Uint32Array,
): { count: number; iterates: number } {
  const steps = result.steps;
  const box = worldPlotBox(transform);
  const clip: [number, number] = [0, 1];
  let w = 0;
  const put = (x: number, y: number, value: number) => {
    out[w++] = transform.worldX(x);
    out[w++] = (f ? transform.worldY(value) : 0) + lift;
    out[w++] = transform.worldZ(y);
  };
  let iterates = 0;
  for (let k = 0; k <= steps; k++) {
    const x = result.xs[k]!;
    const y = result.ys[k]!;
    if (!(Number.isFinite(x) && Number.isFinite(y))) break;
    iterateVertex[k] = w / 3;
    iterates = k + 1;
    put(x, y, result.values[k]!);
    if (!f || k === steps) continue;
    const x2 = result.xs[k + 1]!;
    const y2 = result.ys[k + 1]!;
    const reaches = segmentClip(
      transform.worldX(x),
      transform.worldZ(y),
      transform.worldX(x2),
      transform.worldZ(y2),
      box,
      clip,
    );
    if (!reaches) continue;
    const [t0, t1] = clip;
    const inside = transform.worldLength(x2 - x, y2 - y) * (t1 - t0);
    if (!Number.isFinite(inside) || (t0 === 0 && t1 === 1 && inside <= PIECE_LENGTH)) continue;
    const pieces = Math.min(PATH_SUBDIVISIONS, Math.max(1, Math.ceil(inside / PIECE_LENGTH)));
    for (let p = 0; p <= pieces; p++) {
      const t = t0 + ((t1 - t0) * p) / pieces;
      // The iterates themselves are written on their own.
      if (t <= 0 || t >= 1) continue;
      const px = x + t * (x2 - x);
      const py = y + t * (y2 - y);
      put(px, py, f(px, py));
    }
  }
  return { count: w / 3, iterates };
}
