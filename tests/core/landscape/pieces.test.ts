import { describe, expect, it } from "vitest";
import { randomStarts, runBatch } from "../../../src/core/batch.ts";
import { cutStarts, joinBatchResults } from "../../../src/core/landscape/pieces.ts";
import { parseSurface } from "../../../src/core/surface.ts";

const box = { xmin: -2, xmax: 2, ymin: -1, ymax: 1 };
const starts = randomStarts(box, 1000, 7);

describe("a batch cut into pieces", () => {
  it("cuts into ⌈count / pieces⌉ starts a piece, at least the minimum, in order", () => {
    const cut = cutStarts(starts, { optimizer: "adam" }, 8, 10);
    expect(cut.map((piece) => piece.x.length)).toEqual([125, 125, 125, 125, 125, 125, 125, 125]);
    expect(cut[1]!.x[0]).toBe(starts.x[125]);
    expect(cut[7]!.y[124]).toBe(starts.y[999]);
    // 1000 / 8 = 125 < 300: pieces of 300, the last one the rest.
    expect(cutStarts(starts, { optimizer: "adam" }, 8, 300).map((p) => p.x.length)).toEqual([
      300, 300, 300, 100,
    ]);
  });

  it("keeps one piece when every start draws from one random stream", () => {
    expect(cutStarts(starts, { optimizer: "random-search" }, 8, 10)).toHaveLength(1);
    expect(cutStarts(starts, { optimizer: "gd", noise: 0.1 }, 8, 10)).toHaveLength(1);
  });

  it("joined, gives what one batch over every start gives", () => {
    const surface = parseSurface("4x^2 - 2.1x^4 + x^6/3 + x*y - 4y^2 + 4y^4");
    const spec = { optimizer: "momentum" as const, params: { lr: 0.01 }, maxSteps: 300, box };
    const whole = runBatch(surface, starts, spec);
    const joined = joinBatchResults(
      cutStarts(starts, spec, 7, 10).map((piece) => runBatch(surface, piece, spec)),
    );
    expect(joined.count).toBe(1000);
    for (const key of ["finalX", "finalY", "finalValue", "status", "steps"] as const) {
      expect(Array.from(joined[key])).toEqual(Array.from(whole[key]));
    }
  });
});
