import { describe, expect, it } from "vitest";
import { definedRegion, undefinedNote } from "../../src/core/definedRegion.ts";
import { sampleGrid } from "../../src/core/grid.ts";
import type { Box, ScalarFn } from "../../src/core/types.ts";

function region(f: ScalarFn, box: Box, n: number) {
  const grid = sampleGrid({ f }, box, n, n, false);
  return { grid, region: definedRegion(grid, f) };
}

/** (x, y, f) of a vertex of the region: a grid node or a boundary vertex. */
function vertex(
  grid: ReturnType<typeof sampleGrid>,
  r: ReturnType<typeof definedRegion>,
  v: number,
): [number, number, number] {
  const nodes = grid.nx * grid.ny;
  if (v < nodes) return [grid.xs[v % grid.nx]!, grid.ys[Math.floor(v / grid.nx)]!, grid.values[v]!];
  const k = v - nodes;
  return [r.boundary[3 * k]!, r.boundary[3 * k + 1]!, r.boundary[3 * k + 2]!];
}

const hemisphere: ScalarFn = (x, y) => Math.sqrt(1 - x * x - y * y);
const square2: Box = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };

describe("definedRegion: the share of the box where f is defined", () => {
  it("is π/16 for sqrt(1 − x² − y²) on [−2, 2]²: the unit disc over a box of area 16", () => {
    for (const n of [48, 96]) {
      const { region: r } = region(hemisphere, square2, n);
      const h = 4 / (n - 1);
      // Chords of the unit circle cut off at most about h² of area in all.
      expect(Math.abs(16 * r.definedShare - Math.PI)).toBeLessThan(h * h);
    }
  });

  it("is 2/3 for sqrt(y − x²) on [−1, 1] × [0, 1]: the area above the parabola is 4/3 of 2", () => {
    const { region: r } = region(
      (x, y) => Math.sqrt(y - x * x),
      { xmin: -1, xmax: 1, ymin: 0, ymax: 1 },
      80,
    );
    expect(r.definedShare).toBeCloseTo(2 / 3, 3);
  });

  it("is 1/2 for log(x) on [−1, 1]²: the edge x = 0 lies along grid lines, found by bisection", () => {
    for (const n of [40, 41]) {
      const { region: r } = region((x) => Math.log(x), { xmin: -1, xmax: 1, ymin: -1, ymax: 1 }, n);
      expect(Math.abs(r.definedShare - 0.5)).toBeLessThan(1e-8);
    }
  });

  it("is exactly 1 where f is defined everywhere, with two triangles a cell and no cut", () => {
    const { region: r } = region((x, y) => x * x + y * y, square2, 33);
    expect(r.definedShare).toBe(1);
    expect(r.boundaryCount).toBe(0);
    expect(r.triangles.length).toBe(3 * 2 * 32 * 32);
  });

  it("is 0 where f is defined nowhere, with no triangles", () => {
    const { region: r } = region((x) => Math.sqrt(-1 - x * x), square2, 17);
    expect(r.definedShare).toBe(0);
    expect(r.triangles.length).toBe(0);
  });

  it("joins two opposite defined corners through the cell when f is defined at its centre", () => {
    // sqrt(x y) on one cell [−1, 1]²: corners (−1, −1) and (1, 1) defined, xy = 0 at the centre.
    // The cuts are the edge midpoints, so the hexagon is the square less two corner triangles of
    // area 1/2 each: 3 of 4.
    const { region: r } = region(
      (x, y) => Math.sqrt(x * y),
      { xmin: -1, xmax: 1, ymin: -1, ymax: 1 },
      2,
    );
    expect(r.definedShare).toBeCloseTo(3 / 4, 8);
    expect(r.triangles.length).toBe(3 * 4);
  });

  it("cuts two opposite defined corners apart when f is undefined at the centre", () => {
    // sqrt(x y − 1/4): on the edge y = −1, x y ≥ 1/4 for x ≤ −1/4, so each corner keeps a right
    // triangle with legs 3/4: area 9/32 each, 9/16 of the box area 4 in all.
    const { region: r } = region(
      (x, y) => Math.sqrt(x * y - 0.25),
      { xmin: -1, xmax: 1, ymin: -1, ymax: 1 },
      2,
    );
    expect(r.triangles.length).toBe(3 * 2);
    expect(r.definedShare).toBeCloseTo(9 / 16 / 4, 8);
  });
});

describe("definedRegion: the mesh", () => {
  const { grid, region: r } = region(hemisphere, square2, 96);

  it("puts every boundary vertex on the unit circle, where f is defined and close to 0", () => {
    expect(r.boundaryCount).toBeGreaterThan(100);
    for (let k = 0; k < r.boundaryCount; k++) {
      const x = r.boundary[3 * k]!;
      const y = r.boundary[3 * k + 1]!;
      const f = r.boundary[3 * k + 2]!;
      expect(Math.abs(Math.hypot(x, y) - 1)).toBeLessThan(1e-8);
      expect(f).toBeGreaterThanOrEqual(0);
      // The true value is 0; 30 bisections of a cell 0.04 wide leave 1 − r² below 1e-10.
      expect(f).toBeLessThan(1e-4);
      expect(f).toBe(hemisphere(x, y));
    }
  });

  it("has only defined corners, counter-clockwise triangles, and no point outside the disc", () => {
    let area = 0;
    let undefinedCorners = 0;
    let outside = 0;
    let clockwise = 0;
    for (let t = 0; t < r.triangles.length; t += 3) {
      const [ax, ay, af] = vertex(grid, r, r.triangles[t]!);
      const [bx, by, bf] = vertex(grid, r, r.triangles[t + 1]!);
      const [cx, cy, cf] = vertex(grid, r, r.triangles[t + 2]!);
      for (const value of [af, bf, cf]) if (Number.isNaN(value)) undefinedCorners++;
      for (const [x, y] of [
        [ax, ay],
        [bx, by],
        [cx, cy],
      ] as const) {
        if (Math.hypot(x, y) > 1 + 1e-9) outside++;
      }
      const signed = ((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2;
      if (!(signed > 0)) clockwise++;
      area += signed;
    }
    expect({ undefinedCorners, outside, clockwise }).toEqual({
      undefinedCorners: 0,
      outside: 0,
      clockwise: 0,
    });
    expect(area / 16).toBeCloseTo(r.definedShare, 12);
  });

  it("shares each boundary vertex between the two cells beside its edge (no cracks)", () => {
    const uses = new Map<number, number>();
    const nodes = grid.nx * grid.ny;
    for (const v of r.triangles) if (v >= nodes) uses.set(v, (uses.get(v) ?? 0) + 1);
    // Every cut edge lies inside the box here, so two cells use its vertex, each at least once.
    expect(uses.size).toBe(r.boundaryCount);
    let shared = 0;
    for (const count of uses.values()) if (count >= 2) shared++;
    expect(shared).toBe(r.boundaryCount);
  });
});

describe("undefinedNote", () => {
  it("says nothing where f is defined on the whole box", () => {
    expect(undefinedNote(1)).toBeNull();
  });

  it("states the undefined share in whole percent", () => {
    expect(undefinedNote(0.79)).toBe("f is undefined on 21% of the box (shown as a hole).");
    // sqrt(1 − x² − y²) on [−2, 2]²: 1 − π/16 = 0.8037 undefined.
    expect(undefinedNote(Math.PI / 16)).toBe("f is undefined on 80% of the box (shown as a hole).");
  });

  it("never rounds a hole away, nor rounds a sliver of surface up to all of the box", () => {
    expect(undefinedNote(0.998)).toBe(
      "f is undefined on less than 1% of the box (shown as a hole).",
    );
    expect(undefinedNote(0.003)).toBe(
      "f is undefined on more than 99% of the box (shown as a hole).",
    );
    expect(undefinedNote(0)).toBe("f is undefined everywhere on the box.");
  });
});
