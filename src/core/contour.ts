/**
 * Contour lines of a sampled surface: where to draw them (levels) and the lines themselves
 * (marching squares). Pure TypeScript; segments come out as flat Float32Arrays in math units.
 */

/** The part of a grid marching squares reads (a {@link SurfaceGrid} fits). */
export interface ContourGrid {
  readonly nx: number;
  readonly ny: number;
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number>;
  /** Row-major: value at (xs[i], ys[j]) is values[j * nx + i]. */
  readonly values: ArrayLike<number>;
}

/**
 * The p-quantile of already sorted values by linear interpolation between order statistics
 * (the "type 7" definition used by R and NumPy): with h = (n − 1) p,
 * q = s[⌊h⌋] + (h − ⌊h⌋)(s[⌊h⌋ + 1] − s[⌊h⌋]).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  return a + (h - lo) * (sorted[hi]! - a);
}

/** The finite entries of `values`, sorted ascending, in a new Float64Array. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let k = 0; k < values.length; k++) if (Number.isFinite(values[k]!)) count++;
  const out = new Float64Array(count);
  let w = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (Number.isFinite(v)) out[w++] = v;
  }
  return out.sort();
}

/**
 * Contour levels at equal-area quantiles of the sampled values: level k (k = 1..count) is the
 * quantile p_k = k / (count + 1) of the finite values. Each band between neighbouring levels then
 * covers about the same share of the box, so a flat valley floor and a steep wall both get lines,
 * where evenly spaced levels would pile up on the wall and leave the valley blank. Levels closer
 * than 1e-9 of the value range are merged; a constant surface has no levels.
 */
export function contourLevels(values: ArrayLike<number>, count: number): number[] {
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new RangeError(`contour level count must be an integer from 1 to 1000, got ${count}`);
  }
  const sorted = sortedFinite(values);
  if (sorted.length < 2) return [];
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  const range = hi - lo;
  if (!(range > 0)) return [];
  const levels: number[] = [];
  for (let k = 1; k <= count; k++) {
    const level = quantileSorted(sorted, k / (count + 1));
    const previous = levels[levels.length - 1];
    if (level <= lo || level >= hi) continue;
    if (previous !== undefined && level - previous <= 1e-9 * range) continue;
    levels.push(level);
  }
  return levels;
}

// Edge ids of a cell whose corners are c00 = (i, j), c10 = (i+1, j), c11 = (i+1, j+1),
// c01 = (i, j+1).
const BOTTOM = 0;
const RIGHT = 1;
const TOP = 2;
const LEFT = 3;

/** Growable Float32Array so a whole contour set is one allocation in the steady state. */
class SegmentBuffer {
  data = new Float32Array(1024);
  length = 0;
  push(x1: number, y1: number, x2: number, y2: number): void {
    if (this.length + 4 > this.data.length) {
      const bigger = new Float32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const d = this.data;
    d[this.length] = x1;
    d[this.length + 1] = y1;
    d[this.length + 2] = x2;
    d[this.length + 3] = y2;
    this.length += 4;
  }
}

function march(grid: ContourGrid, level: number, out: SegmentBuffer): void {
  const { nx, ny, xs, ys, values } = grid;
  // Crossing points of the current cell, indexed by edge id.
  const ex = [0, 0, 0, 0];
  const ey = [0, 0, 0, 0];
  for (let j = 0; j + 1 < ny; j++) {
    const y0 = ys[j]!;
    const y1 = ys[j + 1]!;
    for (let i = 0; i + 1 < nx; i++) {
      const v00 = values[j * nx + i]!;
      const v10 = values[j * nx + i + 1]!;
      const v01 = values[(j + 1) * nx + i]!;
      const v11 = values[(j + 1) * nx + i + 1]!;
      // A cell with an undefined corner has no trustworthy crossing: leave a gap.
      if (Number.isNaN(v00) || Number.isNaN(v10) || Number.isNaN(v01) || Number.isNaN(v11)) {
        continue;
      }
      const c =
        (v00 > level ? 1 : 0) |
        (v10 > level ? 2 : 0) |
        (v11 > level ? 4 : 0) |
        (v01 > level ? 8 : 0);
      if (c === 0 || c === 15) continue;
      const x0 = xs[i]!;
      const x1 = xs[i + 1]!;
      // Linear interpolation along each edge whose ends straddle the level.
      if ((c & 1) !== (c & 2) >> 1) {
        ex[BOTTOM] = interpolateCoordinate(x0, x1, v00, v10, level);
        ey[BOTTOM] = y0;
      }
      if ((c & 2) >> 1 !== (c & 4) >> 2) {
        ex[RIGHT] = x1;
        ey[RIGHT] = interpolateCoordinate(y0, y1, v10, v11, level);
      }
      if ((c & 8) >> 3 !== (c & 4) >> 2) {
        ex[TOP] = interpolateCoordinate(x0, x1, v01, v11, level);
        ey[TOP] = y1;
      }
      if ((c & 1) !== (c & 8) >> 3) {
        ex[LEFT] = x0;
        ey[LEFT] = interpolateCoordinate(y0, y1, v00, v01, level);
      }
      const seg = (a: number, b: number) => out.push(ex[a]!, ey[a]!, ex[b]!, ey[b]!);
      switch (c) {
        case 1:
        case 14:
          seg(LEFT, BOTTOM);
          break;
        case 2:
        case 13:
          seg(BOTTOM, RIGHT);
          break;
        case 3:
        case 12:
          seg(LEFT, RIGHT);
          break;
        case 4:
        case 11:
          seg(RIGHT, TOP);
          break;
        case 6:
        case 9:
          seg(BOTTOM, TOP);
          break;
        case 7:
        case 8:
          seg(LEFT, TOP);
          break;
        case 5:
        case 10: {
          // Saddle cell: the mean of the corners decides which diagonal pair is connected.
          const centerAbove = (v00 + v10 + v01 + v11) / 4 > level;
          // Pairing around c10 and c01, versus around c00 and c11.
          const isolateC10C01 = (c === 5) === centerAbove;
          if (isolateC10C01) {
            seg(BOTTOM, RIGHT);
            seg(TOP, LEFT);
          } else {
            seg(LEFT, BOTTOM);
            seg(RIGHT, TOP);
          }
          break;
        }
      }
    }
  }
}

function interpolateCoordinate(
  a: number,
  b: number,
  va: number,
  vb: number,
  level: number,
): number {
  // ±Infinity at one end: the crossing sits at the finite end's side.
  if (!Number.isFinite(va) || !Number.isFinite(vb)) {
    return Number.isFinite(va) ? a : b;
  }
  const t = (level - va) / (vb - va);
  return a + t * (b - a);
}

/**
 * Marching squares for one level: for every grid cell whose corners straddle the level, the
 * crossing on each edge is found by linear interpolation, x = x_a + (L − v_a)/(v_b − v_a)(x_b − x_a),
 * and joined into segments by the 16-case table (saddle cells resolved by the mean of the
 * corners). Returns x1, y1, x2, y2 per segment. Cells with a NaN corner are skipped.
 */
export function marchingSquares(grid: ContourGrid, level: number): Float32Array {
  const out = new SegmentBuffer();
  march(grid, level, out);
  return out.data.slice(0, out.length);
}

/** Contour lines for several levels in one buffer. */
export interface ContourSet {
  readonly levels: readonly number[];
  /** x1, y1, x2, y2 per segment, level after level. */
  readonly segments: Float32Array;
  /** Segments of level k are floats [offsets[k], offsets[k + 1]) of `segments`. */
  readonly offsets: Uint32Array;
}

/** {@link marchingSquares} for every level, packed into one buffer (one draw call in a view). */
export function contourLines(grid: ContourGrid, levels: readonly number[]): ContourSet {
  const out = new SegmentBuffer();
  const offsets = new Uint32Array(levels.length + 1);
  levels.forEach((level, k) => {
    offsets[k] = out.length;
    march(grid, level, out);
  });
  offsets[levels.length] = out.length;
  return { levels, segments: out.data.slice(0, out.length), offsets };
}
