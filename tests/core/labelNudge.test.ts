/**
 * Placing a label beside a point, off other labels and off the lines it names: rectangles and
 * segments worked out on squared paper.
 */
import { describe, expect, it } from "vitest";
import { placeLabelNear, segmentCrossesRect } from "../../src/core/labelNudge.ts";
import { rectsOverlap } from "../../src/core/labelPlacement.ts";

const square = { left: 0, top: 0, width: 10, height: 10 };

describe("segmentCrossesRect", () => {
  it.each([
    ["through the middle", { x: -5, y: 5 }, { x: 15, y: 5 }, true],
    ["wholly inside", { x: 2, y: 2 }, { x: 3, y: 3 }, true],
    ["ending at the edge", { x: -5, y: 5 }, { x: 0, y: 5 }, true],
    ["stopping short of it", { x: -5, y: 5 }, { x: -1, y: 5 }, false],
    ["passing above", { x: -5, y: -1 }, { x: 15, y: -1 }, false],
    // The line x + y = 22 passes the corner (10, 10) at a distance 2/√2 ≈ 1.4.
    ["passing the corner diagonally", { x: 22, y: 0 }, { x: 0, y: 22 }, false],
  ])("a segment %s", (_name, a, b, crosses) => {
    expect(segmentCrossesRect(a, b, square)).toBe(crosses);
  });

  it("padding grows the rectangle", () => {
    expect(segmentCrossesRect({ x: -5, y: -1 }, { x: 15, y: -1 }, square, 1)).toBe(true);
  });
});

describe("placeLabelNear", () => {
  const bounds = { left: 0, top: 0, width: 200, height: 200 };
  const size = { width: 40, height: 10 };

  it("goes where it is asked when the place is free: right of the anchor, 5 px clear", () => {
    const rect = placeLabelNear({ x: 100, y: 100 }, { x: 1, y: 0 }, size, [], [], bounds);
    expect(rect).toEqual({ left: 105, top: 95, width: 40, height: 10 });
  });

  it("turns away from a label already there", () => {
    const taken = { left: 105, top: 95, width: 40, height: 10 };
    const rect = placeLabelNear({ x: 100, y: 100 }, { x: 1, y: 0 }, size, [taken], [], bounds)!;
    expect(rectsOverlap(rect, taken, 2)).toBe(false);
    // At the first gap every turn from ±30° to ±150° still reaches into the taken label grown by
    // 2 px (its bottom edge at y = 107; e.g. ±90° puts the box at y 105..115); 180° puts it at
    // x 55..95, clear of the taken label's x ≥ 103: left of the anchor, 5 px clear.
    expect(rect).toEqual({ left: 55, top: 95, width: 40, height: 10 });
  });

  it("keeps off a line through the asked place, and inside the bounds", () => {
    const line = { a: { x: 100, y: 100 }, b: { x: 190, y: 100 } };
    const rect = placeLabelNear({ x: 100, y: 100 }, { x: 1, y: 0 }, size, [], [line], bounds)!;
    expect(segmentCrossesRect(line.a, line.b, rect, 1)).toBe(false);
    expect(rect.left).toBeGreaterThanOrEqual(0);
    expect(rect.top + rect.height).toBeLessThanOrEqual(200);
  });

  it("a required label with no free place goes where asked, inside the bounds", () => {
    const everything = { left: 0, top: 0, width: 200, height: 200 };
    const anchor = { x: 195, y: 100 };
    const rect = placeLabelNear(anchor, { x: 1, y: 0 }, size, [everything], [], bounds, true);
    // Asked: left 200, top 95; moved left to end at the bounds' right edge, 200.
    expect(rect).toEqual({ left: 160, top: 95, width: 40, height: 10 });
  });

  it("a required label with no free place covers as little of the others as it can", () => {
    // Bounds 60 × 20 with the anchor in the middle: no 40 × 10 box fits beside it at any gap.
    // The placed label fills the top half; turned 30° down (centre (43, 17.5)) and moved inside,
    // the box lies in the bottom half and covers nothing.
    const tight = { left: 0, top: 0, width: 60, height: 20 };
    const top = { left: 0, top: 0, width: 60, height: 10 };
    const rect = placeLabelNear({ x: 30, y: 10 }, { x: 1, y: 0 }, size, [top], [], tight, true);
    expect(rect).toEqual({ left: 20, top: 10, width: 40, height: 10 });
  });

  it("with no free place at all, gives none", () => {
    const everything = { left: 0, top: 0, width: 200, height: 200 };
    expect(placeLabelNear({ x: 195, y: 100 }, { x: 1, y: 0 }, size, [everything], [], bounds)).toBe(
      null,
    );
  });
});
