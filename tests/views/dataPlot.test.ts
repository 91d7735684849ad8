import { describe, expect, it } from "vitest";
import {
  clipPolylineY,
  curveSampleCount,
  dataPlotSummary,
  dataXRange,
  dataYRange,
  finiteExtent,
  fitReadout,
  modelCurve,
  paddedRange,
  residualSpan,
} from "../../src/views/dataPlot.ts";
import { lineModel } from "../../src/core/data/models.ts";

/** Every number of nested arrays to within 1e-12, so hand-worked fractions compare exactly. */
function expectPieces(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((piece, i) => {
    expect(piece.length).toBe(expected[i]!.length);
    piece.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 12));
  });
}

describe("ranges", () => {
  it("finiteExtent skips values that are not finite", () => {
    expect(finiteExtent([3, NaN, -1, Infinity, 2])).toEqual({ lo: -1, hi: 3 });
    expect(finiteExtent([])).toBeNull();
    expect(finiteExtent([NaN, -Infinity])).toBeNull();
  });

  it("paddedRange adds a share of the span, or a span of its own to a single value", () => {
    // Span 10, 10 % each side.
    expect(paddedRange({ lo: 0, hi: 10 }, 0.1)).toEqual({ lo: -1, hi: 11 });
    // A single value 4 gets span |4| centred on it.
    expect(paddedRange({ lo: 4, hi: 4 }, 0.1)).toEqual({ lo: 2, hi: 6 });
    expect(paddedRange({ lo: 0, hi: 0 }, 0.1)).toEqual({ lo: -0.5, hi: 0.5 });
  });

  it("the x axis covers the data with a margin", () => {
    // Data 1..5 (span 4), a quarter each side: 0..6.
    expect(dataXRange([1, 2, 5], 0.25)).toEqual({ lo: 0, hi: 6 });
    expect(dataXRange([], 0)).toEqual({ lo: -1, hi: 1 });
  });

  it("the y axis fits the data and reaches towards the curve only so far", () => {
    const ys = [0, 4, 10];
    expect(dataYRange(ys, null, 0.25, 0)).toEqual({ lo: 0, hi: 10 });
    // A curve inside the data changes nothing.
    expect(dataYRange(ys, { lo: 2, hi: 8 }, 0.25, 0)).toEqual({ lo: 0, hi: 10 });
    // A curve a little beyond: followed all the way (−1 and 11 are within 2.5 of the data).
    expect(dataYRange(ys, { lo: -1, hi: 11 }, 0.25, 0)).toEqual({ lo: -1, hi: 11 });
    // A wild curve down to −100: held at 0 − 0.25·10 = −2.5; the top stays the data's.
    expect(dataYRange(ys, { lo: -100, hi: 4 }, 0.25, 0)).toEqual({ lo: -2.5, hi: 10 });
    // Then a 10 % margin of the span 12.5 each side.
    expect(dataYRange(ys, { lo: -100, hi: 4 }, 0.25, 0.1)).toEqual({ lo: -3.75, hi: 11.25 });
    // Both ways at once, on a curve of 1e18 (a diverged run).
    expect(dataYRange(ys, { lo: -1e18, hi: 1e18 }, 0.25, 0)).toEqual({ lo: -2.5, hi: 12.5 });
  });
});

describe("the model's curve", () => {
  it("samples F(x; p1, p2) evenly across the range, with its extent", () => {
    // The line 2x + 1 at x = −1, −0.5, 0, 0.5, 1.
    const curve = modelCurve(lineModel, 2, 1, { lo: -1, hi: 1 }, 5);
    expect(Array.from(curve.xs)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(Array.from(curve.values)).toEqual([-1, 0, 1, 2, 3]);
    expect(curve.extent).toEqual({ lo: -1, hi: 3 });
    expect(modelCurve({ value: () => NaN }, 0, 0, { lo: 0, hi: 1 }, 3).extent).toBeNull();
  });

  it("takes about one sample every two pixels, at least 64", () => {
    expect(curveSampleCount(400)).toBe(201);
    expect(curveSampleCount(10)).toBe(64);
    expect(curveSampleCount(1e9)).toBe(65536);
  });
});

describe("clipPolylineY", () => {
  it("keeps a polyline inside the band whole", () => {
    expectPieces(clipPolylineY([0, 1, 2], [0, 1, 2], { lo: -5, hi: 5 }), [[0, 0, 1, 1, 2, 2]]);
  });

  it("cuts a segment where it leaves the band", () => {
    // y = 4x leaves y ≤ 2 at x = 0.5.
    expectPieces(clipPolylineY([0, 1], [0, 4], { lo: 0, hi: 2 }), [[0, 0, 0.5, 2]]);
    // y = 8x − 2 crosses 0 at x = 0.25 and 4 at x = 0.75.
    expectPieces(clipPolylineY([0, 1], [-2, 6], { lo: 0, hi: 4 }), [[0.25, 0, 0.75, 4]]);
  });

  it("lifts the pen above the band and puts it down where the curve comes back", () => {
    // Up from 1 to 5 (crosses 3 at x = 0.5), along 5, down to 1 (crosses 3 at x = 2.5).
    expectPieces(clipPolylineY([0, 1, 2, 3], [1, 5, 5, 1], { lo: 0, hi: 3 }), [
      [0, 1, 0.5, 3],
      [2.5, 3, 3, 1],
    ]);
  });

  it("lifts the pen at a value that is not finite", () => {
    expectPieces(clipPolylineY([0, 1, 2, 3], [0, 1, NaN, 1], { lo: -5, hi: 5 }), [[0, 0, 1, 1]]);
    expectPieces(clipPolylineY([0, 1, 2, 3, 4], [0, 1, Infinity, 1, 2], { lo: -5, hi: 5 }), [
      [0, 0, 1, 1],
      [3, 1, 4, 2],
    ]);
  });

  it("meets a huge value at the band's edge, not off in the distance", () => {
    // From (0, 0) to (1, 1e300): y = 1 at x = 1e-300.
    const [piece] = clipPolylineY([0, 1], [0, 1e300], { lo: 0, hi: 1 });
    expect(piece).toEqual([0, 0, 1e-300, 1]);
    expect(clipPolylineY([0, 1], [7, 9], { lo: 0, hi: 1 })).toEqual([]);
  });
});

describe("residuals", () => {
  it("run from the point to the curve, held to the band", () => {
    const band = { lo: 0, hi: 3 };
    expect(residualSpan(1, 2, band)).toEqual([1, 2]);
    expect(residualSpan(1, 5, band)).toEqual([1, 3]);
    expect(residualSpan(1, -2, band)).toEqual([1, 0]);
    expect(residualSpan(1, Infinity, band)).toEqual([1, 3]);
    expect(residualSpan(1, NaN, band)).toBeNull();
    expect(residualSpan(4, 1, band)).toBeNull();
  });
});

describe("texts", () => {
  it("the readout names the parameters and the loss", () => {
    expect(fitReadout(12, ["w", "b"], [1.84, 0.93], "MSE", 0.271)).toBe(
      "step 12: w = 1.84, b = 0.93, MSE = 0.271",
    );
    // Five significant digits, as every readout.
    expect(fitReadout(0, ["a", "b"], [-2, 30.123456], "MAE", 1234567)).toBe(
      "step 0: a = -2, b = 30.123, MAE = 1.2346e6",
    );
  });

  it("the summary counts the points and names the step", () => {
    expect(dataPlotSummary(50, "noisy line", "line", 12)).toBe(
      "50 points of noisy line; the line at step 12",
    );
    expect(dataPlotSummary(1, "fence areas", "quadratic", null)).toBe(
      "1 point of fence areas; no fitted curve",
    );
  });
});
