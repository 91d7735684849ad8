import { describe, expect, it } from "vitest";
import { chooseHeightRule, createWorldTransform } from "../../src/core/transform.ts";
import {
  pathVertexCapacity,
  pathWorldVertices,
  worldPlotBox,
} from "../../src/core/pathVertices.ts";
import type { RunResult } from "../../src/core/types.ts";

// The box [−1, 1]² is 2 world units wide (one world unit per math unit), centred on the origin.
const box = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };
const transform = createWorldTransform(box, chooseHeightRule([-1, 1]));
const f = (x: number) => x;

/** Only what the path needs of a run: its iterates and their values under f. */
function run(points: [number, number][], fn: (x: number, y: number) => number): RunResult {
  return {
    steps: points.length - 1,
    xs: Float64Array.from(points.map((p) => p[0])),
    ys: Float64Array.from(points.map((p) => p[1])),
    values: Float64Array.from(points.map(([x, y]) => fn(x, y))),
  } as unknown as RunResult;
}

function vertices(
  result: RunResult,
  fn: ((x: number, y: number) => number) | null,
  lift = 0,
  on = transform,
) {
  const out = new Float64Array(pathVertexCapacity(result.steps, fn !== null));
  const iterateVertex = new Uint32Array(result.steps + 1);
  const { count, iterates } = pathWorldVertices(result, on, fn, lift, out, iterateVertex);
  const list = Array.from({ length: count }, (_, v) => [
    out[3 * v]!,
    out[3 * v + 1]!,
    out[3 * v + 2]!,
  ]);
  return { list, iterates, iterateVertex: Array.from(iterateVertex.slice(0, iterates)) };
}

describe("pathWorldVertices", () => {
  it("on a flat map is one vertex per iterate at the lift height, world z = −y", () => {
    const { list, iterates, iterateVertex } = vertices(
      run(
        [
          [0, 0],
          [0.5, 0.25],
          [3, 0],
        ],
        f,
      ),
      null,
      0.03,
    );
    expect(iterates).toBe(3);
    expect(iterateVertex).toEqual([0, 1, 2]);
    expect(list).toEqual([
      [0, 0.03, -0],
      [0.5, 0.03, -0.25],
      [3, 0.03, -0],
    ]);
    expect(worldPlotBox(transform)).toEqual({ xmin: -1, xmax: 1, zmin: -1, zmax: 1 });
  });

  it("on a surface puts a vertex on the box's edge, at f's height there, where a chord leaves", () => {
    // From (0.95, 0) to (3, 0): the part inside the box, up to the edge x = 1, is 0.05 long,
    // shorter than a piece, so the edge is the only vertex between the iterates.
    const { list, iterateVertex } = vertices(
      run(
        [
          [0.95, 0],
          [3, 0],
        ],
        f,
      ),
      f,
    );
    expect(iterateVertex).toEqual([0, 2]);
    const edge = list[1]!;
    expect(edge[0]).toBeCloseTo(1, 12);
    expect(edge[1]).toBeCloseTo(transform.worldY(1), 12);
    expect(edge[2]).toBeCloseTo(0, 12);
  });

  it("cuts a long chord inside the box into at most six pieces on f, and leaves short ones whole", () => {
    // 1.8 world units long: 6 pieces (the cap), so 5 vertices between the iterates, on f.
    const long = vertices(
      run(
        [
          [-0.9, 0.5],
          [0.9, 0.5],
        ],
        f,
      ),
      f,
    ).list;
    expect(long).toHaveLength(7);
    long.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(-0.9 + (1.8 * i) / 6, 12);
      expect(y).toBeCloseTo(transform.worldY(x!), 12);
    });
    // 0.05 world units: shorter than a piece.
    expect(
      vertices(
        run(
          [
            [0, 0],
            [0.05, 0],
          ],
          f,
        ),
        f,
      ).list,
    ).toHaveLength(2);
  });

  it("ends before the first iterate that is not finite", () => {
    const { iterates, list } = vertices(
      run(
        [
          [0, 0],
          [0.5, 0],
          [NaN, 0],
          [0.2, 0],
        ],
        f,
      ),
      null,
    );
    expect(iterates).toBe(2);
    expect(list).toHaveLength(2);
  });

  describe("with axes at different scales", () => {
    // x in [0, 3] and y in [0, 130]: sx = 2/3, sy = 2/130, centre (1.5, 65); the box is the
    // world square [-1, 1]².
    const tall = createWorldTransform(
      { xmin: 0, xmax: 3, ymin: 0, ymax: 130 },
      chooseHeightRule([0, 3]),
    );

    it("places iterates per axis, the box's corners on the square's", () => {
      const { list } = vertices(
        run(
          [
            [0, 130],
            [3, 0],
            [2.25, 97.5],
          ],
          f,
        ),
        null,
        0.01,
        tall,
      );
      const expected = [
        [-1, 0.01, -1],
        [1, 0.01, 1],
        [0.5, 0.01, -0.5],
      ];
      list.forEach((v, i) => v.forEach((c, j) => expect(c).toBeCloseTo(expected[i]![j]!, 12)));
      expect(worldPlotBox(tall)).toEqual({ xmin: -1, xmax: 1, zmin: -1, zmax: 1 });
    });

    it("measures a chord's length on screen: long across x, short up y", () => {
      // (0.3, 65) to (1.5, 65): 1.2 math units, 0.8 world units, so the six pieces of the cap.
      const across = vertices(
        run(
          [
            [0.3, 65],
            [1.5, 65],
          ],
          f,
        ),
        f,
        0,
        tall,
      ).list;
      expect(across).toHaveLength(7);
      across.forEach(([x, y, z], i) => {
        expect(x).toBeCloseTo(-0.8 + (0.8 * i) / 6, 12);
        expect(y).toBeCloseTo(tall.worldY(0.3 + (1.2 * i) / 6), 12);
        expect(z).toBeCloseTo(0, 12);
      });
      // (1.5, 10) to (1.5, 12): 2 math units but 2/65 ≈ 0.03 world units, shorter than a piece.
      const up = vertices(
        run(
          [
            [1.5, 10],
            [1.5, 12],
          ],
          f,
        ),
        f,
        0,
        tall,
      ).list;
      expect(up).toHaveLength(2);
      expect(up[1]![2]).toBeCloseTo(-(12 - 65) / 65, 12);
    });

    it("puts a vertex on the box's edge where a chord leaves it", () => {
      // (2.9, 65) to (4, 65) leaves at x = 3, world x = 1; the 0.1 inside is 0.067 world units.
      const { list, iterateVertex } = vertices(
        run(
          [
            [2.9, 65],
            [4, 65],
          ],
          f,
        ),
        f,
        0,
        tall,
      );
      expect(iterateVertex).toEqual([0, 2]);
      expect(list[1]![0]).toBeCloseTo(1, 12);
      expect(list[1]![1]).toBeCloseTo(tall.worldY(3), 12);
      expect(list[2]![0]).toBeCloseTo((4 - 1.5) * (2 / 3), 12);
    });
  });
});
