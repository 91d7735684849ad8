import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addedRunStart } from "../../src/core/runPlacement.ts";
import type { Box } from "../../src/core/types.ts";

const square3: Box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };

describe("addedRunStart: where Add run puts a new run", () => {
  it("the centre of the box when no run starts there", () => {
    expect(addedRunStart(square3, 2, [])).toEqual([0, 0]);
    // The default preset's runs all start at (−2.5, 1.5).
    expect(addedRunStart(square3, 2, [[-2.5, 1.5]])).toEqual([0, 0]);
    // An off-centre box: x from 0 to 10 and y from −1 to 3 has its centre at (5, 1).
    expect(addedRunStart({ xmin: 0, xmax: 10, ymin: -1, ymax: 3 }, 2, [])).toEqual([5, 1]);
  });

  it("nudged one 25th of the box up the diagonal when a run starts at the centre, then down", () => {
    // 6 / 25 = 0.24.
    expect(addedRunStart(square3, 2, [[0, 0]])).toEqual([0.24, 0.24]);
    expect(
      addedRunStart(square3, 2, [
        [0, 0],
        [0.24, 0.24],
      ]),
    ).toEqual([-0.24, -0.24]);
    const third = addedRunStart(square3, 2, [
      [0, 0],
      [0.24, 0.24],
      [-0.24, -0.24],
    ]);
    expect(third[0]).toBeCloseTo(0.48, 12);
    expect(third[1]).toBeCloseTo(0.48, 12);
    // Box 10 wide and 4 high: nudges of 0.4 and 0.16.
    expect(addedRunStart({ xmin: 0, xmax: 10, ymin: -1, ymax: 3 }, 2, [[5, 1]])).toEqual([
      5.4, 1.16,
    ]);
  });

  it("a start within half a nudge of the centre takes it; one further away does not", () => {
    expect(addedRunStart(square3, 2, [[0.1, -0.1]])).toEqual([0.24, 0.24]);
    expect(addedRunStart(square3, 2, [[0.13, 0]])).toEqual([0, 0]);
  });

  it("in one variable, the middle of x", () => {
    expect(addedRunStart({ xmin: -1, xmax: 3, ymin: -3, ymax: 3 }, 1, [])).toEqual([1]);
    // Nudge 4 / 25 = 0.16.
    expect(addedRunStart({ xmin: -1, xmax: 3, ymin: -3, ymax: 3 }, 1, [[1]])).toEqual([1.16]);
  });

  it("run after run, every new start is free and inside the box", () => {
    const side = fc.double({ min: 0.01, max: 100, noNaN: true });
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        side,
        fc.double({ min: -50, max: 50, noNaN: true }),
        side,
        fc.integer({ min: 1, max: 16 }),
        (xmin, width, ymin, height, count) => {
          const box = { xmin, xmax: xmin + width, ymin, ymax: ymin + height };
          const starts: number[][] = [];
          for (let n = 0; n < count; n++) {
            const start = addedRunStart(box, 2, starts);
            expect(start[0]).toBeGreaterThanOrEqual(box.xmin);
            expect(start[0]).toBeLessThanOrEqual(box.xmax);
            expect(start[1]).toBeGreaterThanOrEqual(box.ymin);
            expect(start[1]).toBeLessThanOrEqual(box.ymax);
            for (const other of starts) {
              // Apart by at least half a nudge in some coordinate, so both markers show.
              const apart =
                Math.abs(other[0]! - start[0]!) >= width / 50 ||
                Math.abs(other[1]! - start[1]!) >= height / 50;
              expect(apart).toBe(true);
            }
            starts.push(start);
          }
        },
      ),
    );
  });
});
