/**
 * The part of the domain box where f is defined, cell by cell of a sampled grid: a triangle mesh
 * that stops exactly at the edge of f's domain, and the share of the box it covers. A mesh that
 * only drops the cells with an undefined corner ends in a staircase whose steps sit at uneven
 * heights (on `sqrt(1 − x² − y²)` they hang off the rim like drips); cutting each boundary cell at
 * the point where f stops being defined gives a clean edge. Pure TypeScript.
 */
import type { SurfaceGrid } from "./grid.ts";
import type { ScalarFn } from "./types.ts";

/** Bisection steps that find where an edge of a cell leaves the domain: 2^-30 of a cell. */
export const BOUNDARY_BISECTIONS = 30;

/**
 * Triangles over the grid's nodes and extra boundary vertices, covering where f is defined.
 * Vertex v < nx · ny is grid node v (node (i, j) is j · nx + i); vertex nx · ny + k is boundary
 * vertex k, at (x, y) = (boundary[3k], boundary[3k + 1]) with f = boundary[3k + 2].
 */
export interface DefinedRegion {
  /** x, y and f(x, y) of each boundary vertex. */
  readonly boundary: Float64Array;
  /** How many boundary vertices there are. */
  readonly boundaryCount: number;
  /** Vertex indices, three per triangle, each triangle counter-clockwise in (x, y). */
  readonly triangles: Uint32Array;
  /**
   * Share of the box's area where f is defined, from 0 to 1: the area of the triangles divided
   * by (xmax − xmin)(ymax − ymin).
   */
  readonly definedShare: number;
}

/** "Defined" is "has a value": NaN is undefined, ±Infinity (a pole, a single point) is not. */
function isDefined(value: number): boolean {
  return !Number.isNaN(value);
}

/**
 * Cuts the grid's cells to where f is defined. A cell whose four corners are defined gives two
 * triangles ((i, j), (i+1, j), (i, j+1)) and ((i+1, j), (i+1, j+1), (i, j+1)); a cell whose
 * corners are all undefined gives none. A cell with both kinds of corner is cut along each edge
 * that joins a defined corner D to an undefined one U at the boundary point B: the last defined
 * point of {@link BOUNDARY_BISECTIONS} bisection steps of the segment DU (f(B) is defined). Walking
 * the cell's corners counter-clockwise and keeping the defined corners and the points B gives a
 * convex polygon, drawn as a fan of triangles from its first vertex. When only two opposite
 * corners are defined, f at the cell's centre decides: defined joins them into one hexagon,
 * undefined leaves two separate corner triangles. Boundary points are shared by the two cells
 * on either side of their edge, so the mesh has no cracks.
 *
 * The defined share is the total area of the triangles over the box's area (whole cells counted
 * as 1 / ((nx − 1)(ny − 1)) each); where the domain's edge is smooth, its error shrinks with the
 * square of the grid spacing, as chords of a curve do.
 */
export function definedRegion(grid: SurfaceGrid, f: ScalarFn): DefinedRegion {
  const { nx, ny, xs, ys, values, box } = grid;
  const nodes = nx * ny;
  const boundary: number[] = [];
  const triangles: number[] = [];
  // Boundary vertex of each cut edge: horizontal edge from node k to k + 1 is key 2k, vertical
  // edge from node k to k + nx is key 2k + 1.
  const cuts = new Map<number, number>();
  const defined = new Uint8Array(nodes);
  for (let k = 0; k < nodes; k++) defined[k] = isDefined(values[k]!) ? 1 : 0;

  /** Vertex index of the boundary point on the edge from node p to node q (keyed by `key`). */
  const cut = (p: number, q: number, key: number): number => {
    const known = cuts.get(key);
    if (known !== undefined) return known;
    const [inside, outside] = defined[p] ? [p, q] : [q, p];
    let x0 = xs[inside % nx]!;
    let y0 = ys[Math.floor(inside / nx)]!;
    let x1 = xs[outside % nx]!;
    let y1 = ys[Math.floor(outside / nx)]!;
    let value = values[inside]!;
    for (let step = 0; step < BOUNDARY_BISECTIONS; step++) {
      const mx = (x0 + x1) / 2;
      const my = (y0 + y1) / 2;
      const v = f(mx, my);
      if (isDefined(v)) {
        x0 = mx;
        y0 = my;
        value = v;
      } else {
        x1 = mx;
        y1 = my;
      }
    }
    const index = nodes + boundary.length / 3;
    boundary.push(x0, y0, value);
    cuts.set(key, index);
    return index;
  };

  const position = (v: number): [number, number] =>
    v < nodes
      ? [xs[v % nx]!, ys[Math.floor(v / nx)]!]
      : [boundary[3 * (v - nodes)]!, boundary[3 * (v - nodes) + 1]!];

  // Area of the cut cells; whole cells are counted, so a box where f is defined everywhere has
  // a share of exactly 1, not 1 minus rounding.
  let area = 0;
  let wholeCells = 0;
  /** Adds triangle (a, b, c) of a cut cell and its area. */
  const triangle = (a: number, b: number, c: number) => {
    triangles.push(a, b, c);
    const [ax, ay] = position(a);
    const [bx, by] = position(b);
    const [cx, cy] = position(c);
    area += Math.abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2;
  };

  const polygon: number[] = [];
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const a = j * nx + i;
      const b = a + 1;
      const c = a + nx;
      const d = c + 1;
      const count = defined[a]! + defined[b]! + defined[c]! + defined[d]!;
      if (count === 0) continue;
      if (count === 4) {
        triangles.push(a, b, c, b, d, c);
        wholeCells++;
        continue;
      }
      // Corners counter-clockwise in (x, y), each with the edge that leaves it.
      const ring: [number, number, number][] = [
        [a, b, 2 * a],
        [b, d, 2 * b + 1],
        [d, c, 2 * c],
        [c, a, 2 * a + 1],
      ];
      const opposite = count === 2 && defined[a] === defined[d];
      if (opposite) {
        const centre = f((xs[i]! + xs[i + 1]!) / 2, (ys[j]! + ys[j + 1]!) / 2);
        if (!isDefined(centre)) {
          // Two corners cut off on their own: each with the boundary points of its two edges.
          for (let r = 0; r < 4; r++) {
            const [p, q, key] = ring[r]!;
            if (!defined[p]) continue;
            const [previous, , previousKey] = ring[(r + 3) % 4]!;
            triangle(p, cut(p, q, key), cut(previous, p, previousKey));
          }
          continue;
        }
      }
      polygon.length = 0;
      for (const [p, q, key] of ring) {
        if (defined[p]) polygon.push(p);
        if (defined[p] !== defined[q]) polygon.push(cut(p, q, key));
      }
      for (let t = 1; t + 1 < polygon.length; t++) {
        triangle(polygon[0]!, polygon[t]!, polygon[t + 1]!);
      }
    }
  }
  const cells = (nx - 1) * (ny - 1);
  const boxArea = (box.xmax - box.xmin) * (box.ymax - box.ymin);
  return {
    boundary: Float64Array.from(boundary),
    boundaryCount: boundary.length / 3,
    triangles: Uint32Array.from(triangles),
    definedShare: Math.min(1, Math.max(0, wholeCells / cells + area / boxArea)),
  };
}

/**
 * The sentence a view shows about where f is undefined, from the defined share s of the box:
 * null when s = 1 (nothing to say); "f is undefined everywhere on the box" when s = 0; otherwise
 * "f is undefined on P% of the box (shown as a hole)" with P = 100 (1 − s) rounded to a whole
 * percent, said as "less than 1%" or "more than 99%" when rounding would claim 0 or 100.
 */
export function undefinedNote(definedShare: number): string | null {
  if (!(definedShare < 1)) return null;
  if (!(definedShare > 0)) return "f is undefined everywhere on the box.";
  const percent = Math.round(100 * (1 - definedShare));
  const shown = percent < 1 ? "less than 1%" : percent > 99 ? "more than 99%" : `${percent}%`;
  return `f is undefined on ${shown} of the box (shown as a hole).`;
}
