/**
 * Sampling a surface on a regular grid of the domain box into typed arrays: the data behind the
 * 3D mesh, the contour fill and lines, and the quiver field. Pure TypeScript.
 */
import { checkBox } from "./box.ts";
import type { Box, ScalarFn } from "./types.ts";

/** The functions a grid needs: f and, for gradients, its partial derivatives. */
export interface GridFunctions {
  f: ScalarFn;
  dfdx?: ScalarFn;
  dfdy?: ScalarFn;
}

/**
 * f sampled at the nodes x_i = xmin + i (xmax - xmin) / (nx - 1), y_j = ymin + j (ymax - ymin) /
 * (ny - 1), stored row by row: the value at (x_i, y_j) is `values[j * nx + i]`.
 */
export interface SurfaceGrid {
  readonly box: Box;
  readonly nx: number;
  readonly ny: number;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** f(x_i, y_j); NaN where f is undefined, ±Infinity kept as is. */
  readonly values: Float64Array;
  /** ∂f/∂x at the nodes, or null when sampled without gradients. */
  readonly gradX: Float64Array | null;
  /** ∂f/∂y at the nodes, or null when sampled without gradients. */
  readonly gradY: Float64Array | null;
  /** Smallest and largest finite value (NaN when no value is finite). */
  readonly min: number;
  readonly max: number;
  /** How many nodes hold a finite value. */
  readonly finiteCount: number;
}

/** Largest grid side accepted: 1024² nodes is already far beyond what a view can draw. */
export const MAX_GRID_SIDE = 1024;

function checkSide(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 2 || n > MAX_GRID_SIDE) {
    throw new RangeError(`${name} must be an integer from 2 to ${MAX_GRID_SIDE}, got ${n}`);
  }
}

/**
 * Evenly spaced nodes: `out[i] = lo + i (hi - lo) / (n - 1)`, with the last node exactly `hi`
 * so the grid covers the box edge to edge.
 */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = n > 1 ? (hi - lo) / (n - 1) : 0;
  for (let i = 0; i < n; i++) out[i] = lo + i * step;
  if (n > 1) out[n - 1] = hi;
  return out;
}

/**
 * Samples f (and, when given and `withGradient`, ∂f/∂x and ∂f/∂y) on an nx × ny grid over the box.
 * Node (i, j) is (x_i, y_j) as in {@link SurfaceGrid}. Throws RangeError on an empty or
 * non-finite box or a side outside [2, {@link MAX_GRID_SIDE}].
 */
export function sampleGrid(
  fns: GridFunctions,
  box: Box,
  nx: number,
  ny: number = nx,
  withGradient = true,
): SurfaceGrid {
  checkBox(box);
  checkSide("nx", nx);
  checkSide("ny", ny);
  const xs = linspace(box.xmin, box.xmax, nx);
  const ys = linspace(box.ymin, box.ymax, ny);
  const count = nx * ny;
  const values = new Float64Array(count);
  const gradientWanted = withGradient && fns.dfdx !== undefined && fns.dfdy !== undefined;
  const gradX = gradientWanted ? new Float64Array(count) : null;
  const gradY = gradientWanted ? new Float64Array(count) : null;
  const { f, dfdx, dfdy } = fns;
  let min = Infinity;
  let max = -Infinity;
  let finiteCount = 0;
  for (let j = 0; j < ny; j++) {
    const y = ys[j]!;
    const row = j * nx;
    for (let i = 0; i < nx; i++) {
      const x = xs[i]!;
      const v = f(x, y);
      values[row + i] = v;
      if (Number.isFinite(v)) {
        finiteCount++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (gradX && gradY && dfdx && dfdy) {
        gradX[row + i] = dfdx(x, y);
        gradY[row + i] = dfdy(x, y);
      }
    }
  }
  if (finiteCount === 0) {
    min = NaN;
    max = NaN;
  }
  return { box, nx, ny, xs, ys, values, gradX, gradY, min, max, finiteCount };
}

/** Samples of a one-variable function: `values[i] = f(xs[i], 0)` on evenly spaced xs. */
export interface CurveSamples {
  readonly xs: Float64Array;
  readonly values: Float64Array;
  /** Smallest and largest finite value (NaN when none is finite). */
  readonly min: number;
  readonly max: number;
}

/** Samples f(x) at n evenly spaced points of [xmin, xmax] (n from 2 to 65536). */
export function sampleCurve(f: ScalarFn, xmin: number, xmax: number, n: number): CurveSamples {
  if (!(Number.isFinite(xmin) && Number.isFinite(xmax) && xmax > xmin)) {
    throw new RangeError(`x range must be finite with xmin < xmax, got [${xmin}, ${xmax}]`);
  }
  if (!Number.isInteger(n) || n < 2 || n > 65536) {
    throw new RangeError(`sample count must be an integer from 2 to 65536, got ${n}`);
  }
  const xs = linspace(xmin, xmax, n);
  const values = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = f(xs[i]!, 0);
    values[i] = v;
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) {
    min = NaN;
    max = NaN;
  }
  return { xs, values, min, max };
}

/** What the view is doing: drawing at rest, or following a drag or orbit where speed wins. */
export type GridQuality = "full" | "interactive";

/**
 * Grid side for the surface mesh and contour fill. At rest 96 nodes a side (18 050 triangles)
 * keeps curvature smooth at classroom size; while the person drags or orbits, 48 a side (a
 * quarter of the triangles) keeps a software-rendered frame inside budget. One-variable curves
 * are cheap lines, so they get 512 / 256 samples.
 */
export function gridResolution(quality: GridQuality, dimension: 1 | 2 = 2): number {
  if (dimension === 1) return quality === "full" ? 512 : 256;
  return quality === "full" ? 96 : 48;
}

/**
 * Arrows of the field −∇f on a grid, packed 4 floats per arrow: x, y (the arrow's tail, a grid
 * node), angle = atan2(−∂f/∂y, −∂f/∂x), and length in math units along that angle. Length is
 * proportional to |∇f| and capped: length = maxLength · min(1, |∇f| / g_ref), where g_ref is the
 * 90th percentile of |∇f| over the finite nodes, so a few steep spots do not shrink every other
 * arrow to a dot. Nodes with a non-finite or zero gradient get length 0.
 *
 * For a picture whose axes have different scales (`unitsX` picture units per math unit of x,
 * `unitsY` per unit of y), the same rule holds in picture units: the step −∇f is drawn as
 * p = (−unitsX ∂f/∂x, −unitsY ∂f/∂y), |p| takes the place of |∇f| and maxLength is a picture
 * length; the stored math length is the one drawn that long, maxLength · min(1, |p| / p_ref) ·
 * |∇f| / |p|. With both units 1 this is the rule above.
 */
export function quiverField(
  grid: SurfaceGrid,
  maxLength: number,
  unitsX = 1,
  unitsY = 1,
): Float32Array {
  const { nx, ny, xs, ys, gradX, gradY } = grid;
  const out = new Float32Array(nx * ny * 4);
  if (!gradX || !gradY) return out;
  const norms = new Float64Array(nx * ny);
  const finiteNorms: number[] = [];
  for (let k = 0; k < nx * ny; k++) {
    const n = Math.hypot(unitsX * gradX[k]!, unitsY * gradY[k]!);
    norms[k] = n;
    if (Number.isFinite(n) && n > 0) finiteNorms.push(n);
  }
  finiteNorms.sort((a, b) => a - b);
  const reference =
    finiteNorms.length > 0 ? finiteNorms[Math.floor(0.9 * (finiteNorms.length - 1))]! : 1;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const n = norms[k]!;
      const o = k * 4;
      out[o] = xs[i]!;
      out[o + 1] = ys[j]!;
      if (!(Number.isFinite(n) && n > 0)) {
        out[o + 2] = 0;
        out[o + 3] = 0;
        continue;
      }
      out[o + 2] = Math.atan2(-gradY[k]!, -gradX[k]!);
      // |∇f| / |p| is exactly 1 with both units 1.
      out[o + 3] = maxLength * Math.min(1, n / reference) * (Math.hypot(gradX[k]!, gradY[k]!) / n);
    }
  }
  return out;
}
