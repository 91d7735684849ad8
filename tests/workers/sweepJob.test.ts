import { describe, expect, it } from "vitest";
import { sweepRange } from "../../src/core/compare/race.ts";
import { loadCars } from "../../src/core/data/cars.ts";
import { noisyLine } from "../../src/core/data/datasets.ts";
import { resolveData } from "../../src/core/data/sources.ts";
import { runOptimizer } from "../../src/core/run.ts";
import { completeRun, type DataSettings } from "../../src/core/scenario/document.ts";
import { answerSweep, sweepJob } from "../../src/workers/sweepJob.ts";

const box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };
const run = completeRun(
  { start: [-2.5, 2], optimizer: "gd", params: { lr: 0.01 }, maxSteps: 100 },
  [],
  1,
);

describe("the sweep worker's job", () => {
  it("sweeps 40 rates on x² + 2y² with the edge 0.5: no rate past it converges", () => {
    const response = sweepJob({ id: 3, f: "x^2 + 2*y^2", box, run, range: sweepRange(run, 0.5) });
    expect(response.id).toBe(3);
    if (!response.ok) throw new Error(response.message);
    const { entries, stability } = response.result;
    expect(entries).toHaveLength(40);
    expect(entries[0]!.lr).toBeCloseTo(0.0005, 15);
    expect(entries[39]!.lr).toBeCloseTo(1.5, 12);
    expect(stability?.edge).toBeCloseTo(0.5, 9);
    // |1 − 4·lr| > 1 exactly when lr > 0.5: y grows by that factor each step, f by its square.
    // The run counts as diverged once f passes 1e12·f(start): within 100 steps when
    // |1 − 4·lr|^200 > 1e12, i.e. lr > 0.537; just past the edge it only fails to converge.
    for (const entry of entries) {
      if (entry.lr > 0.5) expect(entry.status).not.toBe("converged");
      if (entry.lr > 0.54) expect(entry.status).toBe("diverged");
      // Below 1/λmax = 0.25 nothing overshoots; with 100 steps the smallest rates crawl.
      if (entry.lr < 0.005) expect(entry.status).toBe("max-steps");
    }
  });

  it("answers a function that does not parse with a message, not an exception", () => {
    const response = sweepJob({ id: 1, f: "x^2 +", box, run, range: sweepRange(run, null) });
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.message).toMatch(/^f: /);
  });
});

/** 2/λmax of the constant Hessian (2/n)·[[Σx², Σx], [Σx, n]] of a line's MSE over `xs`. */
function lineMseEdge(xs: ArrayLike<number>): number {
  const n = xs.length;
  let sx = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i]!;
    sxx += xs[i]! * xs[i]!;
  }
  const [a, b, c] = [(2 / n) * sxx, (2 / n) * sx, 2];
  const lambdaMax = (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
  return 2 / lambdaMax;
}

describe("the sweep worker's job on a data scenario", () => {
  const lineData: DataSettings = { source: "line", model: "line", loss: "mse", standardize: false };
  const dataBox = { xmin: -4, xmax: 6, ymin: -4, ymax: 6 };
  const dataRun = completeRun(
    { start: [-3, 5], optimizer: "gd", params: { lr: 0.1 }, maxSteps: 300 },
    [],
    7,
  );

  it("sweeps the loss the data describe: each rate's run is the run on resolveData's surface", () => {
    const range = sweepRange(dataRun, null, 12);
    const response = sweepJob({ id: 5, data: lineData, box: dataBox, run: dataRun, range });
    expect(response.id).toBe(5);
    if (!response.ok) throw new Error(response.message);
    const { entries, stability } = response.result;
    expect(entries).toHaveLength(12);

    const surface = resolveData(lineData, {}).surface;
    for (const index of [0, 5, 8, 11]) {
      const entry = entries[index]!;
      const direct = runOptimizer(surface, {
        start: [-3, 5],
        optimizer: "gd",
        params: { lr: entry.lr },
        maxSteps: 300,
        box: dataBox,
        seed: 7,
      });
      expect(entry.status, `lr ${entry.lr}`).toBe(direct.status);
      expect(entry.steps, `lr ${entry.lr}`).toBe(direct.steps);
      expect(entry.finalValue, `lr ${entry.lr}`).toBe(direct.final.value);
      expect(entry.finalPoint, `lr ${entry.lr}`).toEqual(direct.final.point);
    }
    // The line's MSE has the same Hessian everywhere, so the edge is 2/λmax of it.
    expect(stability?.edge).toBeCloseTo(lineMseEdge(noisyLine().xs), 9);
  });

  it("sweeps a mini-batch run with its batches: each rate's run is the batched run", () => {
    const batched = { ...dataRun, batch: 5 };
    const range = sweepRange(batched, null, 6);
    const response = sweepJob({ id: 6, data: lineData, box: dataBox, run: batched, range });
    if (!response.ok) throw new Error(response.message);
    const surface = resolveData(lineData, {}).surface;
    for (const entry of response.result.entries) {
      const direct = runOptimizer(surface, {
        start: [-3, 5],
        optimizer: "gd",
        params: { lr: entry.lr },
        maxSteps: 300,
        box: dataBox,
        seed: 7,
        batch: 5,
      });
      expect(entry.finalPoint, `lr ${entry.lr}`).toEqual(direct.final.point);
      expect(entry.status, `lr ${entry.lr}`).toBe(direct.status);
    }
    // No batched run counts as converged: a batch gradient is no proof of a critical point.
    expect(response.result.entries.some((entry) => entry.status === "converged")).toBe(false);
  });

  it("sweeps a person's own points: y = 2x + 1 at x = 0..3 has the edge 2/(4.5 + √15.25)", () => {
    // H = (2/4)·[[14, 6], [6, 4]] = [[7, 3], [3, 2]]: λmax = 4.5 + √(2.5² + 3²).
    const edge = 2 / (4.5 + Math.sqrt(15.25));
    const data: DataSettings = {
      source: "csv",
      model: "line",
      loss: "mse",
      standardize: false,
      points: {
        label: "four points",
        xLabel: "x",
        yLabel: "y",
        xs: [0, 1, 2, 3],
        ys: [1, 3, 5, 7],
      },
    };
    const run = { ...dataRun, maxSteps: 2000 };
    const response = sweepJob({ id: 2, data, box: dataBox, run, range: sweepRange(run, edge) });
    if (!response.ok) throw new Error(response.message);
    const { entries, stability } = response.result;
    expect(stability?.edge).toBeCloseTo(edge, 9);
    // The minimum is the exact fit (w, b) = (2, 1), where the loss is 0.
    expect(stability?.minimum[0]).toBeCloseTo(2, 5);
    expect(stability?.minimum[1]).toBeCloseTo(1, 5);
    // Past the edge |1 − lr·λmax| > 1: no run there converges. From 1.2 × edge on, the error
    // along the steepest direction grows at least 1.4-fold a step, so f passes the divergence
    // threshold well within the 2000 steps.
    for (const entry of entries) {
      if (entry.lr > edge) expect(entry.status).not.toBe("converged");
      if (entry.lr > 1.2 * edge) expect(entry.status).toBe("diverged");
    }
  });

  it("checks the data as strictly as a document does", () => {
    const range = sweepRange(dataRun, null, 3);
    const ask = (data: unknown) =>
      sweepJob({ id: 9, data: data as DataSettings, box: dataBox, run: dataRun, range });
    const messages = [
      ask({ source: "csv", model: "line", loss: "mse", standardize: false }),
      ask({ ...lineData, model: "cubic" }),
      ask({ ...lineData, extra: 1 }),
      ask({
        ...lineData,
        points: { label: "p", xLabel: "x", yLabel: "y", xs: [1, 2], ys: [1, 2] },
      }),
      ask({
        source: "csv",
        model: "line",
        loss: "mse",
        points: { label: "p", xLabel: "x", yLabel: "y", xs: [1, 2], ys: [1, Infinity] },
      }),
    ].map((response) => (response.ok ? "accepted" : response.message));
    expect(messages[0]).toMatch(/^data\.points: a csv source needs its points/);
    expect(messages[1]).toMatch(/^data\.model: /);
    expect(messages[2]).toMatch(/^data: /);
    expect(messages[3]).toMatch(/^data\.points: the built-in line data carries no points/);
    expect(messages[4]).toMatch(/^data\.points\.ys\[1\]: /);
  });

  it("loads the cars itself: without them the job refuses, with them it runs on the cars' loss", async () => {
    const cars: DataSettings = { source: "cars", model: "line", loss: "mse", standardize: false };
    const run = completeRun(
      { start: [0, 30], optimizer: "gd", params: { lr: 1e-5 }, maxSteps: 50 },
      [],
      1,
    );
    const request = {
      id: 4,
      data: cars,
      box: { xmin: -1, xmax: 1, ymin: 0, ymax: 60 },
      run,
      range: sweepRange(run, null, 5),
    };
    const refused = sweepJob(request);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toMatch(/cars data is still loading/);

    const response = await answerSweep(request);
    if (!response.ok) throw new Error(response.message);
    expect(response.result.entries).toHaveLength(5);
    const direct = runOptimizer(resolveData(cars, { cars: await loadCars() }).surface, {
      start: [0, 30],
      optimizer: "gd",
      params: { lr: response.result.entries[2]!.lr },
      maxSteps: 50,
      box: request.box,
      seed: 1,
    });
    expect(response.result.entries[2]!.finalValue).toBe(direct.final.value);
  });
});
