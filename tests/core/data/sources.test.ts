import { describe, expect, it } from "vitest";
import { loadCars } from "../../../src/core/data/cars.ts";
import { noisyLine } from "../../../src/core/data/datasets.ts";
import { dataLossSurface } from "../../../src/core/data/loss.ts";
import {
  dataLayout,
  dataSourceReady,
  resolveData,
  sameDataChoice,
  type DataChoice,
} from "../../../src/core/data/sources.ts";
import { checkDocument, makeDocument } from "../../../src/core/scenario/document.ts";
import { readLink, writeLink } from "../../../src/core/scenario/link.ts";
import { presets, DEFAULT_PRESET_ID } from "../../../src/core/scenario/presets.ts";

const line: DataChoice = { source: "line", model: "line", loss: "mse", standardize: false };

describe("data choices", () => {
  it("resolve to the loss over the named data, standardized when asked", async () => {
    const plain = resolveData(line, {});
    expect(plain.surface.count).toBe(50);
    expect(plain.standardizedNote).toBeNull();
    // The same surface as building it by hand from the seeded noisy line.
    const byHand = dataLossSurface(noisyLine(), "line", "mse");
    expect(plain.surface.f(1.5, -0.5)).toBe(byHand.f(1.5, -0.5));
    const scaled = resolveData({ ...line, standardize: true }, {});
    expect(scaled.standardizedNote).toMatch(/^Inputs rescaled to mean 0/);
    let mean = 0;
    for (const x of scaled.surface.dataset.xs) mean += x / 50;
    expect(mean).toBeCloseTo(0, 12);
    // The cars need their file first.
    const cars: DataChoice = { ...line, source: "cars" };
    expect(dataSourceReady(cars, {})).toBe(false);
    expect(() => resolveData(cars, {})).toThrow(/still loading/);
    const loaded = { cars: await loadCars() };
    expect(dataSourceReady(cars, loaded)).toBe(true);
    expect(resolveData(cars, loaded).surface.count).toBe(392);
  });

  it("carry a person's points, and compare by content", () => {
    const points = { label: "mine", xLabel: "x", yLabel: "y", xs: [0, 1, 2], ys: [1, 3, 5] };
    const mine: DataChoice = { ...line, source: "csv", points };
    expect(resolveData(mine, {}).surface.f(2, 1)).toBe(0);
    expect(sameDataChoice(mine, { ...mine, points: { ...points, ys: [1, 3, 5] } })).toBe(true);
    expect(sameDataChoice(mine, { ...mine, points: { ...points, ys: [1, 3, 6] } })).toBe(false);
    expect(sameDataChoice(line, { ...line, loss: "mae" })).toBe(false);
    expect(sameDataChoice(null, null)).toBe(true);
  });

  it("lay out a box around the least-squares fit and a rate of 1/λmax rounded down", () => {
    // Points (0, 1), (1, 3), (2, 5): the fit is w = 2, b = 1; the MSE Hessian is
    // (2/3)·[[Σx², Σx], [Σx, n]] = (2/3)·[[5, 3], [3, 3]], λmax = (2/3)·(4 + √10) ≈ 4.775,
    // so 1/λmax ≈ 0.2094 and the rate is 0.2.
    const points = { label: "mine", xLabel: "x", yLabel: "y", xs: [0, 1, 2], ys: [1, 3, 5] };
    const { surface } = resolveData({ ...line, source: "csv", points }, {});
    const layout = dataLayout(surface);
    expect(layout.box.xmin).toBeCloseTo(2 - 3, 12);
    expect(layout.box.xmax).toBeCloseTo(2 + 3, 12);
    // Half-widths 3 and 1.5 are within a factor 10: both become 3, a square box.
    expect(layout.box.ymin).toBeCloseTo(1 - 3, 12);
    expect(layout.box.ymax).toBeCloseTo(1 + 3, 12);
    expect(layout.lr).toBe(0.2);
    expect(layout.start[0]).toBeCloseTo(2 - 0.7 * 3, 12);
    expect(layout.start[1]).toBeCloseTo(1 + 0.7 * 3, 12);
  });

  it("keep each parameter's own range when their sizes differ by more than a factor 10", async () => {
    // The raw cars: the fit is w ≈ −0.158, b ≈ 39.94, half-widths 1 and 59.9.
    const { surface } = resolveData({ ...line, source: "cars" }, { cars: await loadCars() });
    const { box } = dataLayout(surface);
    expect(box.xmax - box.xmin).toBeCloseTo(2, 12);
    expect(box.ymax - box.ymin).toBeCloseTo(3 * 39.9359, 3);
  });
});

describe("data scenarios in documents and links", () => {
  const options = { presets, defaultPresetId: DEFAULT_PRESET_ID };

  it("read ?data=&model=&loss=&standardize= into the document, with one run to lay out", () => {
    const reading = readLink("?data=fence&model=quadratic&loss=mae&standardize=1", options);
    expect(reading.messages).toEqual([]);
    expect(reading.document.data).toEqual({
      source: "fence",
      model: "quadratic",
      loss: "mae",
      standardize: true,
    });
    expect(reading.document.runs).toHaveLength(1);
    expect(reading.dataLayout).toEqual({ keepBox: false, keepStart: false, keepLr: false });
    expect(checkDocument(reading.document).ok).toBe(true);
    // A source alone takes its usual model and loss: the parabola is fitted with a line.
    expect(readLink("?data=parabola", options).document.data).toMatchObject({
      model: "line",
      loss: "mse",
    });
  });

  it("write the data back as readable parameters and read the same document", () => {
    const document = makeDocument("x^2", { xmin: -1, xmax: 3, ymin: -2, ymax: 2 }, [
      { start: [0, 0], optimizer: "gd", batch: 5 },
    ]);
    document.data = { source: "cars", model: "line", loss: "mae", standardize: true };
    const link = writeLink(document, null);
    expect(link).toContain("data=cars&model=line&loss=mae&standardize=1");
    const back = readLink(link, options);
    expect(back.messages).toEqual([]);
    expect(back.document.data).toEqual(document.data);
    expect(back.document.runs[0]!.batch).toBe(5);
    expect(back.dataLayout).toBeUndefined();
  });

  it("refuse csv and unknown names in links, and a csv document without its points", () => {
    const reading = readLink("?data=csv&model=cubic&loss=huber", options);
    expect(reading.messages).toEqual([
      'Link parameter "data": "csv": your own data travels in saved scenario files, not in links; keeping the picture\'s function.',
      'Link parameter "model": "cubic" is not a model (known: line, quadratic, tanh-unit); keeping the data\'s model.',
      'Link parameter "loss": "huber" is not a loss (known: mse, mae); keeping the data\'s loss.',
    ]);
    expect(reading.document.data).toBeUndefined();
    const document = makeDocument("x^2", { xmin: -1, xmax: 1, ymin: -1, ymax: 1 }, []);
    const bad = { ...document, data: { source: "csv", model: "line", loss: "mse" } };
    expect(checkDocument(bad)).toEqual({
      ok: false,
      message: "data.points: a csv source needs its points",
    });
    const mixed = {
      ...bad,
      data: { ...bad.data, points: { label: "a", xLabel: "x", yLabel: "y", xs: [1, 2], ys: [1] } },
    };
    expect(checkDocument(mixed)).toMatchObject({ ok: false });
  });
});
