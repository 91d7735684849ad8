import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  convexHull,
  hullSupport,
  outwardNormal,
  placeBeyondHull,
  rectsOverlap,
  visibleLabels,
  type ScreenPoint,
  type ScreenRect,
} from "../../src/core/labelPlacement.ts";

/** Signed area (shoelace); positive for counter-clockwise in x-right, y-up axes. */
function signedArea(polygon: readonly ScreenPoint[]): number {
  let sum = 0;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i]!;
    const b = polygon[(i + 1) % polygon.length]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}

describe("convexHull", () => {
  it("keeps the corners of a square and drops the points inside it and on its edges", () => {
    const points = [
      { x: 0, y: 0 },
      { x: 4, y: 0 },
      { x: 4, y: 4 },
      { x: 0, y: 4 },
      { x: 2, y: 2 },
      { x: 2, y: 0 },
      { x: 1, y: 3 },
    ];
    const hull = convexHull(points);
    expect(hull).toHaveLength(4);
    expect(new Set(hull.map((p) => `${p.x},${p.y}`))).toEqual(
      new Set(["0,0", "4,0", "4,4", "0,4"]),
    );
    expect(Math.abs(signedArea(hull))).toBe(16);
  });

  it("contains every input point, and its area is that of a hexagon drawn by hand", () => {
    // A projected box seen from above-front: the hexagon (0,0) (4,−1) (8,0) (8,3) (4,4) (0,3),
    // with the two hidden corners (4,1) and (4,2) inside. Area: 8 × 3 plus two triangles of
    // base 8 and height 1: 24 + 4 + 4 = 32.
    const hull = convexHull([
      { x: 0, y: 0 },
      { x: 4, y: -1 },
      { x: 8, y: 0 },
      { x: 8, y: 3 },
      { x: 4, y: 4 },
      { x: 0, y: 3 },
      { x: 4, y: 1 },
      { x: 4, y: 2 },
    ]);
    expect(hull).toHaveLength(6);
    expect(Math.abs(signedArea(hull))).toBe(32);
  });

  it("is convex and holds every point, for any set of points", () => {
    const point = fc.record({
      x: fc.integer({ min: -1000, max: 1000 }),
      y: fc.integer({ min: -1000, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 40 }), (points) => {
        const hull = convexHull(points);
        if (hull.length < 3) return;
        const orientation = Math.sign(signedArea(hull));
        for (let i = 0; i < hull.length; i++) {
          const a = hull[i]!;
          const b = hull[(i + 1) % hull.length]!;
          for (const p of points) {
            const side = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
            // Every point is on the inner side of every edge, or on it.
            expect(side * orientation).toBeGreaterThanOrEqual(0);
          }
        }
      }),
    );
  });
});

describe("outwardNormal", () => {
  it("is perpendicular to the edge and points away from the centre", () => {
    // The bottom edge of a box on screen (y grows downwards): outward is down, (0, 1).
    expect(outwardNormal({ x: 0, y: 10 }, { x: 10, y: 10 }, { x: 5, y: 5 })).toEqual({
      x: -0,
      y: 1,
    });
    // Edge (0, 0) to (3, 4): the perpendiculars are ±(−4, 3) / 5. The midpoint (1.5, 2) minus
    // the centre (−4, 3) is (5.5, −1), on the side of (4, −3) / 5.
    const n = outwardNormal({ x: 0, y: 0 }, { x: 3, y: 4 }, { x: -4, y: 3 });
    expect(n?.x).toBeCloseTo(0.8, 12);
    expect(n?.y).toBeCloseTo(-0.6, 12);
  });

  it("falls back to the direction from the centre when the edge is seen end-on", () => {
    expect(outwardNormal({ x: 3, y: 4 }, { x: 3, y: 4 }, { x: 0, y: 0 })).toEqual({
      x: 0.6,
      y: 0.8,
    });
    expect(outwardNormal({ x: 1, y: 1 }, { x: 1, y: 1 }, { x: 1, y: 1 })).toBeNull();
  });
});

describe("placeBeyondHull", () => {
  const square = convexHull([
    { x: 100, y: 100 },
    { x: 200, y: 100 },
    { x: 200, y: 200 },
    { x: 100, y: 200 },
  ]);

  it("puts a label just left of the hull when pushed left from a point on its left edge", () => {
    const rect = placeBeyondHull(
      { x: 100, y: 150 },
      { x: -1, y: 0 },
      square,
      { width: 40, height: 12 },
      4,
    );
    // Right side 4 px left of x = 100, centred on y = 150.
    expect(rect).toEqual({ left: 56, top: 144, width: 40, height: 12 });
  });

  it("measures how far the hull reaches beyond an anchor along a direction", () => {
    expect(hullSupport({ x: 100, y: 150 }, { x: -1, y: 0 }, square)).toBe(0);
    expect(hullSupport({ x: 150, y: 150 }, { x: -1, y: 0 }, square)).toBe(50);
    // Along (0.6, 0.8) from (100, 100), the far corner (200, 200) is 60 + 80 = 140 px on.
    expect(hullSupport({ x: 100, y: 100 }, { x: 0.6, y: 0.8 }, square)).toBeCloseTo(140, 12);
    expect(hullSupport({ x: 300, y: 150 }, { x: 1, y: 0 }, square)).toBe(0);
  });

  it("clears the farthest corner of the hull, not only the anchor's edge", () => {
    // Anchored inside the hull at x = 150 and pushed left: the hull reaches x = 100, 50 px beyond.
    const rect = placeBeyondHull(
      { x: 150, y: 150 },
      { x: -1, y: 0 },
      square,
      { width: 40, height: 12 },
      4,
    );
    expect(rect.left + rect.width).toBe(96);
  });

  it("never covers any point of the hull, for any direction and anchor", () => {
    const hull = convexHull([
      { x: 0, y: 0 },
      { x: 300, y: -40 },
      { x: 420, y: 150 },
      { x: 250, y: 330 },
      { x: -30, y: 200 },
    ]);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.integer({ min: -100, max: 500 }),
        fc.integer({ min: -100, max: 500 }),
        fc.integer({ min: 4, max: 120 }),
        fc.integer({ min: 4, max: 40 }),
        (angle, ax, ay, width, height) => {
          const direction = { x: Math.cos(angle), y: Math.sin(angle) };
          const rect = placeBeyondHull({ x: ax, y: ay }, direction, hull, { width, height }, 2);
          // The rectangle's nearest point along the direction is beyond every hull vertex.
          const near = Math.min(
            ...[
              [rect.left, rect.top],
              [rect.left + width, rect.top],
              [rect.left, rect.top + height],
              [rect.left + width, rect.top + height],
            ].map(([x, y]) => x! * direction.x + y! * direction.y),
          );
          const far = Math.max(...hull.map((v) => v.x * direction.x + v.y * direction.y));
          expect(near).toBeGreaterThanOrEqual(far + 2 - 1e-9);
        },
      ),
    );
  });
});

describe("visibleLabels", () => {
  const canvas = { width: 200, height: 100 };
  const at = (left: number, top: number): ScreenRect => ({ left, top, width: 30, height: 10 });

  it("hides a label that would overlap one shown before it, and keeps the earlier one", () => {
    expect(visibleLabels([at(10, 10), at(30, 12), at(60, 10)], canvas, 0)).toEqual([
      true,
      false,
      true,
    ]);
  });

  it("counts the padding: 2 px apart with 2 px padding each is an overlap", () => {
    expect(rectsOverlap(at(10, 10), at(42, 10), 0)).toBe(false);
    expect(rectsOverlap(at(10, 10), at(42, 10), 2)).toBe(true);
    expect(visibleLabels([at(10, 10), at(42, 10)], canvas, 2)).toEqual([true, false]);
  });

  it("hides labels that are not placed or stick out of the canvas", () => {
    expect(
      visibleLabels([null, at(-1, 10), at(171, 10), at(170, 90), at(170, 91)], canvas, 0),
    ).toEqual([false, false, false, true, false]);
  });

  it("keeps labels off text already on the canvas", () => {
    const note = { left: 0, top: 0, width: 120, height: 24 };
    expect(visibleLabels([at(100, 20), at(130, 5), at(100, 30)], canvas, 2, [note])).toEqual([
      false,
      true,
      true,
    ]);
  });

  it("never shows two overlapping labels, whatever the rectangles", () => {
    const rect = fc.record({
      left: fc.integer({ min: -20, max: 200 }),
      top: fc.integer({ min: -20, max: 100 }),
      width: fc.integer({ min: 1, max: 60 }),
      height: fc.integer({ min: 1, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(rect, { maxLength: 30 }), (rects) => {
        const shown = visibleLabels(rects, canvas, 1);
        const kept = rects.filter((_, i) => shown[i]);
        for (let i = 0; i < kept.length; i++) {
          for (let j = i + 1; j < kept.length; j++) {
            const a = kept[i]!;
            const b = kept[j]!;
            const apart =
              a.left + a.width + 2 <= b.left ||
              b.left + b.width + 2 <= a.left ||
              a.top + a.height + 2 <= b.top ||
              b.top + b.height + 2 <= a.top;
            expect(apart).toBe(true);
          }
        }
      }),
    );
  });
});
