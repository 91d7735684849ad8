import { describe, expect, it } from "vitest";
import { runDocument } from "../reference/runDocument.ts";
import { getPreset } from "../../../src/core/scenario/presets.ts";
import { noisyLine, noisyParabola } from "../../../src/core/data/datasets.ts";
import { textbookLine } from "../reference/regression.ts";

function runsOf(id: string) {
  const preset = getPreset(id);
  if (!preset) throw new Error(`missing preset ${id}`);
  return runDocument(preset.document);
}

describe("the data presets do what they say", () => {
  it("fit-line: full batch reaches the least-squares line, mini-batches of 5 jitter near it", () => {
    const fit = textbookLine(noisyLine());
    expect(fit.w).toBeCloseTo(1.99, 2);
    expect(fit.b).toBeCloseTo(1.09, 2);
    const [full, batched] = runsOf("fit-line");
    expect(full!.status).toBe("converged");
    expect(Math.hypot(full!.final.point[0]! - fit.w, full!.final.point[1]! - fit.b)).toBeLessThan(
      1e-5,
    );
    expect(batched!.status).toBe("max-steps");
    const [w, b] = batched!.final.point as [number, number];
    expect(Math.hypot(w - fit.w, b - fit.b)).toBeLessThan(0.2);
    expect(Math.hypot(w - fit.w, b - fit.b)).toBeGreaterThan(1e-4);
    let rises = 0;
    for (let k = 1; k < batched!.values.length; k++) {
      if (batched!.values[k]! > batched!.values[k - 1]!) rises++;
    }
    expect(rises).toBeGreaterThan(10);
  });

  it("high-bias: the line's minimum on parabolic data is high, 8.35 against 0.18", () => {
    const parabola = textbookLine(noisyParabola());
    const line = textbookLine(noisyLine());
    expect(parabola.mse).toBeCloseTo(8.35, 2);
    expect(line.mse).toBeCloseTo(0.18, 2);
    const [run] = runsOf("high-bias");
    expect(run!.status).toBe("converged");
    expect(run!.final.value).toBeCloseTo(parabola.mse, 8);
    expect(Math.abs(run!.final.point[0]!)).toBeLessThan(0.05);
    expect(run!.final.point[1]).toBeCloseTo(3.2, 1);
  });

  it("fence-mae: plain descent crawls, Adam reaches a ≈ −1, b ≈ 100", () => {
    const [plain, adam] = runsOf("fence-mae");
    expect(plain!.final.point[1]).toBeLessThan(40);
    expect(plain!.final.value).toBeGreaterThan(0.1 * plain!.values[0]!);
    expect(Math.abs(adam!.final.point[0]! + 1)).toBeLessThan(0.05);
    expect(Math.abs(adam!.final.point[1]! - 100)).toBeLessThan(0.1);
    expect(adam!.final.value).toBeLessThan(0.01 * adam!.values[0]!);
  });

  it("two-minima-net: the two starts settle in minima of different depth", () => {
    const [shallow, deep] = runsOf("two-minima-net");
    expect(shallow!.status).toBe("converged");
    expect(shallow!.final.point[0]).toBeCloseTo(0.696, 2);
    expect(shallow!.final.point[1]).toBeCloseTo(2.799, 2);
    expect(shallow!.final.value).toBeCloseTo(0.2028, 3);
    expect(shallow!.classification?.classification).toBe("minimum");
    expect(deep!.status).toBe("converged");
    expect(deep!.final.point[0]).toBeCloseTo(5.608, 2);
    expect(deep!.final.point[1]).toBeCloseTo(2.228, 2);
    expect(deep!.final.value).toBeCloseTo(0.1396, 3);
    expect(deep!.classification?.classification).toBe("minimum");
  });
});
