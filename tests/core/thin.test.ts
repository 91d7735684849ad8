import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DotThinner, PathTracer, segmentClip, type PlotBox } from "../../src/core/thin.ts";

type P = [number, number, number];

const unit: PlotBox = { xmin: 0, xmax: 1, zmin: 0, zmax: 1 };

/** Everything a tracer sends, plus its state after each point added. */
function trace(points: readonly P[], box: PlotBox, tolerance: number) {
  const segments: { a: P; b: P; distance: number }[] = [];
  const exits: { at: P; dx: number; dz: number }[] = [];
  const tracer = new PathTracer({
    segment: (ax, ay, az, bx, by, bz, distance) =>
      segments.push({ a: [ax, ay, az], b: [bx, by, bz], distance }),
    exit: (x, y, z, dx, dz) => exits.push({ at: [x, y, z], dx, dz }),
  });
  tracer.begin(box, tolerance);
  const after: { segments: number; pen: P | null }[] = [];
  for (const [x, y, z] of points) {
    tracer.add(x, y, z);
    after.push({
      segments: tracer.segments,
      pen: tracer.penDown ? [tracer.penX, tracer.penY, tracer.penZ] : null,
    });
  }
  tracer.finish();
  return { segments, exits, after };
}

function distanceToSegment(p: P, a: P, b: P): number {
  const d = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const lengthSquared = d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2;
  let t = 0;
  if (lengthSquared > 0) {
    t = ((p[0] - a[0]) * d[0]! + (p[1] - a[1]) * d[1]! + (p[2] - a[2]) * d[2]!) / lengthSquared;
    t = Math.max(0, Math.min(1, t));
  }
  return Math.hypot(p[0] - a[0] - t * d[0]!, p[1] - a[1] - t * d[1]!, p[2] - a[2] - t * d[2]!);
}

function distanceToDrawing(p: P, segments: readonly { a: P; b: P }[]): number {
  let best = Infinity;
  for (const s of segments) best = Math.min(best, distanceToSegment(p, s.a, s.b));
  return best;
}

const inside = (p: P, box: PlotBox, slack = 1e-12) =>
  p[0] >= box.xmin - slack &&
  p[0] <= box.xmax + slack &&
  p[2] >= box.zmin - slack &&
  p[2] <= box.zmax + slack;

/** Points along a straight segment a → b, both ends included. */
function along(a: P, b: P, n: number): P[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const t = i / n;
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])] as P;
  });
}

/** The part of segment a → b inside the box, sampled (empty when none is). */
function insideSamples(a: P, b: P, box: PlotBox, n: number): P[] {
  return along(a, b, n).filter((p) => inside(p, box, 0));
}

describe("segmentClip (Liang–Barsky)", () => {
  const out: [number, number] = [NaN, NaN];

  it("cuts a horizontal crossing at the two edges", () => {
    // x = −1 + 3t meets x = 0 at t = 1/3 and x = 1 at t = 2/3.
    expect(segmentClip(-1, 0.5, 2, 0.5, unit, out)).toBe(true);
    expect(out[0]).toBeCloseTo(1 / 3, 14);
    expect(out[1]).toBeCloseTo(2 / 3, 14);
  });

  it("cuts a diagonal through two corners", () => {
    expect(segmentClip(-1, -1, 2, 2, unit, out)).toBe(true);
    expect(out[0]).toBeCloseTo(1 / 3, 14);
    expect(out[1]).toBeCloseTo(2 / 3, 14);
  });

  it("keeps a segment wholly inside whole, and cuts one that starts inside at its exit", () => {
    expect(segmentClip(0.2, 0.3, 0.8, 0.9, unit, out)).toBe(true);
    expect([...out]).toEqual([0, 1]);
    // z = 0.5 + 2t meets z = 1 at t = 0.25.
    expect(segmentClip(0.5, 0.5, 0.5, 2.5, unit, out)).toBe(true);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(0.25, 14);
  });

  it("rejects segments that miss the box, run parallel outside it, or are not finite", () => {
    expect(segmentClip(2, 2, 3, 3, unit, out)).toBe(false);
    expect(segmentClip(-1, 2, 2, 2, unit, out)).toBe(false);
    // Passes by the corner (1, 1) on the outside: x + z = 2.5 everywhere.
    expect(segmentClip(0.5, 2, 2, 0.5, unit, out)).toBe(false);
    expect(segmentClip(NaN, 0.5, 0.5, 0.5, unit, out)).toBe(false);
    expect(segmentClip(0.5, 0.5, Infinity, 0.5, unit, out)).toBe(false);
  });

  it("touching the box at a corner gives a single point", () => {
    expect(segmentClip(1, 1, 2, 2, unit, out)).toBe(true);
    expect([...out]).toEqual([0, 0]);
  });
});

describe("PathTracer", () => {
  it("with no tolerance draws every segment inside the box as it is", () => {
    const points: P[] = [
      [0.1, 0, 0.1],
      [0.2, 1, 0.4],
      [0.6, 2, 0.5],
      [0.9, 3, 0.9],
    ];
    const { segments, exits } = trace(points, unit, 0);
    expect(segments.map((s) => [s.a, s.b])).toEqual([
      [points[0], points[1]],
      [points[1], points[2]],
      [points[2], points[3]],
    ]);
    expect(exits).toEqual([]);
    // Drawn length before each segment: 0, |p1 − p0|, |p1 − p0| + |p2 − p1|.
    const l01 = Math.hypot(0.1, 1, 0.3);
    const l12 = Math.hypot(0.4, 1, 0.1);
    expect(segments[1]?.distance).toBeCloseTo(l01, 12);
    expect(segments[2]?.distance).toBeCloseTo(l01 + l12, 12);
  });

  it("thins a slow crawl to about one segment per tolerance, keeping first and last exactly", () => {
    // 1025 points 1/1024 apart along z = 0.5 (binary fractions, so distances are exact): with
    // tolerance 1/8 every 128th is kept.
    const points = along([0, 0, 0.5], [1, 0, 0.5], 1024);
    const { segments } = trace(points, unit, 0.125);
    expect(segments).toHaveLength(8);
    expect(segments[0]?.a).toEqual(points[0]);
    expect(segments.at(-1)?.b).toEqual(points.at(-1));
    for (const s of segments) {
      // Each kept point is the first at least 1/8 from the one before it.
      expect(Math.hypot(s.b[0] - s.a[0], s.b[2] - s.a[2])).toBe(0.125);
    }
  });

  it("draws the last point even when it moved less than the tolerance", () => {
    const points: P[] = [
      [0.1, 0, 0.1],
      [0.5, 0, 0.1],
      [0.52, 0, 0.1],
    ];
    const { segments } = trace(points, unit, 0.1);
    expect(segments.map((s) => s.b)).toEqual([points[1], points[2]]);
  });

  it("stops at the edge where the path leaves and reports the exit there", () => {
    // From (0.5, 0.5) to (3, 1.5): x = 1 at t = 0.2, where z = 0.5 + 0.2 = 0.7.
    const { segments, exits } = trace(
      [
        [0.5, 0, 0.5],
        [3, 10, 1.5],
        [50, 100, 9],
      ],
      unit,
      0.01,
    );
    expect(segments).toHaveLength(1);
    expect(segments[0]?.a).toEqual([0.5, 0, 0.5]);
    const end = segments[0]!.b;
    expect(end[0]).toBeCloseTo(1, 14);
    expect(end[1]).toBeCloseTo(2, 14);
    expect(end[2]).toBeCloseTo(0.7, 14);
    expect(exits).toHaveLength(1);
    expect(exits[0]?.at).toEqual(end);
    expect([exits[0]?.dx, exits[0]?.dz]).toEqual([2.5, 1]);
  });

  it("draws a path that comes back from the crossing where it re-enters", () => {
    const { segments, exits } = trace(
      [
        [0.5, 0, 0.5],
        [1.5, 0, 0.5],
        [0.5, 0, 0.6],
      ],
      unit,
      0,
    );
    // Out at (1, 0.5); back in where x = 1 on the way to (0.5, 0.6): t = 0.5, z = 0.55.
    expect(exits).toHaveLength(1);
    expect(segments).toHaveLength(2);
    expect(segments[0]?.b).toEqual([1, 0, 0.5]);
    expect(segments[1]?.a[0]).toBeCloseTo(1, 14);
    expect(segments[1]?.a[2]).toBeCloseTo(0.55, 14);
    expect(segments[1]?.b).toEqual([0.5, 0, 0.6]);
  });

  it("draws nothing for a path wholly outside, and starts a path that begins outside at its entry", () => {
    expect(
      trace(
        [
          [2, 0, 2],
          [3, 0, 2],
        ],
        unit,
        0,
      ).segments,
    ).toEqual([]);
    const { segments } = trace(
      [
        [-1, 0, 0.5],
        [0.5, 0, 0.5],
      ],
      unit,
      0,
    );
    expect(segments.map((s) => [s.a, s.b])).toEqual([
      [
        [0, 0, 0.5],
        [0.5, 0, 0.5],
      ],
    ]);
  });

  it("breaks the path at a point that is not finite", () => {
    const { segments } = trace(
      [
        [0.1, 0, 0.1],
        [0.2, 0, 0.1],
        [NaN, 0, 0.1],
        [0.5, 0, 0.5],
        [0.6, 0, 0.5],
      ],
      unit,
      0,
    );
    expect(segments.map((s) => [s.a[0], s.b[0]])).toEqual([
      [0.1, 0.2],
      [0.5, 0.6],
    ]);
  });

  it("after each point, its drawn segments and the piece from the pen end exactly at that point", () => {
    // A crawl with a jump: the played part must end on the current point, thinned or not.
    const points: P[] = [
      ...along([0.1, 0, 0.1], [0.2, 0, 0.1], 50),
      ...along([0.6, 0, 0.7], [0.61, 0, 0.7], 20),
    ];
    const { segments, after } = trace(points, unit, 0.05);
    points.forEach((point, k) => {
      const state = after[k]!;
      expect(state.pen).not.toBeNull();
      const last = state.segments > 0 ? segments[state.segments - 1]!.b : null;
      if (last) expect(state.pen).toEqual(last);
      // The piece from the pen to the point is shorter than the tolerance.
      const pen = state.pen!;
      expect(Math.hypot(point[0] - pen[0], point[2] - pen[2])).toBeLessThan(0.05);
    });
  });

  it("property: drawing and path lie within the tolerance of each other, inside the box", () => {
    const box: PlotBox = { xmin: -1, xmax: 1, zmin: -1, zmax: 1 };
    const coordinate = fc.double({ min: -2, max: 2, noNaN: true });
    const point = fc.tuple(coordinate, fc.double({ min: -1, max: 1, noNaN: true }), coordinate);
    const jumps = fc.array(point, { minLength: 1, maxLength: 40 });
    // Walks of small steps that wander in and out of the box: most steps are shorter than the
    // tolerance, as in a run crawling along a valley.
    const delta = fc.double({ min: -0.08, max: 0.08, noNaN: true });
    const walks = fc
      .tuple(point, fc.array(fc.tuple(delta, delta, delta), { minLength: 1, maxLength: 80 }))
      .map(([start, steps]) => {
        const walk: P[] = [start as P];
        for (const [dx, dy, dz] of steps) {
          const [x, y, z] = walk.at(-1)!;
          walk.push([x + dx, y + dy, z + dz]);
        }
        return walk;
      });
    fc.assert(
      fc.property(
        fc.oneof(jumps, walks),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (raw, tolerance) => {
          const points = raw as P[];
          const { segments, after } = trace(points, box, tolerance);
          const slack = 1e-9;
          // Nothing drawn outside the box.
          for (const s of segments) {
            expect(inside(s.a, box)).toBe(true);
            expect(inside(s.b, box)).toBe(true);
          }
          // Every part of the path inside the box is within the tolerance of the drawing (of the
          // first point inside when nothing is drawn: a path that stays put is a point).
          const samples = points.flatMap((a, i) =>
            i + 1 < points.length ? insideSamples(a, points[i + 1]!, box, 16) : [],
          );
          const drawing =
            segments.length > 0 ? segments : samples.slice(0, 1).map((a) => ({ a, b: a }));
          for (const p of samples) {
            expect(distanceToDrawing(p, drawing)).toBeLessThanOrEqual(tolerance + slack);
          }
          // Every drawn point is within the tolerance of the path.
          const path = points.slice(1).map((b, i) => ({ a: points[i]!, b }));
          for (const s of segments) {
            for (const p of along(s.a, s.b, 8)) {
              const d = path.length > 0 ? distanceToDrawing(p, path) : 0;
              expect(d).toBeLessThanOrEqual(tolerance + slack);
            }
          }
          // The last point, when inside, is drawn exactly (unless nothing moved at all).
          const last = points.at(-1)!;
          if (inside(last, box, 0) && segments.length > 0 && after.at(-1)?.pen) {
            expect(segments.at(-1)?.b).toEqual(last);
          }
          // The first point, when inside and drawn from, is kept exactly.
          if (inside(points[0]!, box, 0) && segments.length > 0) {
            expect(segments[0]?.a).toEqual(points[0]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("DotThinner", () => {
  it("keeps the first dot, then only dots at least the tolerance from the last kept one", () => {
    const dots = new DotThinner();
    dots.begin(unit, 0.125);
    const kept = along([0, 0, 0.5], [1, 0, 0.5], 16).map(([x, y, z]) => dots.keep(x, y, z));
    // Dots 1/16 apart: every other one.
    expect(kept).toEqual(Array.from({ length: 17 }, (_, i) => i % 2 === 0));
  });

  it("keeps a forced dot however near, and never a dot outside the box", () => {
    const dots = new DotThinner();
    dots.begin(unit, 0.1);
    expect(dots.keep(0.5, 0, 0.5)).toBe(true);
    expect(dots.keep(0.51, 0, 0.5)).toBe(false);
    expect(dots.keep(0.52, 0, 0.5, true)).toBe(true);
    expect(dots.keep(1.5, 0, 0.5, true)).toBe(false);
    expect(dots.keep(NaN, 0, 0.5)).toBe(false);
  });
});
