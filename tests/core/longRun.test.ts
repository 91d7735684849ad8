import { describe, expect, it } from "vitest";
import { packStates, StatesReader, unpackStates } from "../../src/core/packedStates.ts";
import { optimizerNames } from "../../src/core/optimizers/index.ts";
import { progressEvery, runOptimizer } from "../../src/core/run.ts";
import { completeRun, type RunSettings } from "../../src/core/scenario/document.ts";
import {
  computeRun,
  LONG_RUN_STEPS,
  previewRun,
  previewSteps,
} from "../../src/core/scenario/runs.ts";
import { resolveData } from "../../src/core/data/sources.ts";
import { parseSurface } from "../../src/core/surface.ts";
import type { OptimizerState } from "../../src/core/types.ts";

const rosenbrock = parseSurface("(1 - x)^2 + 100*(y - x^2)^2");
const box = { xmin: -2, xmax: 2, ymin: -1, ymax: 3 };

function run(draft: Partial<RunSettings>): RunSettings {
  return completeRun({ start: [-1.2, 1], optimizer: "gd", ...draft }, [], 7);
}

describe("packed optimizer states", () => {
  it("give back every value of every kind, in order", () => {
    const states: OptimizerState[] = [
      {},
      { alpha: 0.5, probeSteps: [0.25, -0, 1e-300], accepted: true },
      { alpha: Number.NaN, probeSteps: [], accepted: false, fallback: "not positive definite" },
      { velocity: [Infinity, -Infinity], note: "" },
      { alpha: -0 },
      {},
    ];
    const unpacked = unpackStates(packStates(states));
    expect(unpacked).toEqual(states);
    // toEqual tells −0 from 0 and NaN from other numbers; the keys keep their order too.
    expect(Object.is(unpacked[4]!.alpha, -0)).toBe(true);
    expect(Object.keys(unpacked[2]!)).toEqual(["alpha", "probeSteps", "accepted", "fallback"]);
  });

  it.each(optimizerNames)("round-trip a real %s run's states, read in uneven slices", (name) => {
    const result = computeRun(rosenbrock, box, run({ optimizer: name, maxSteps: 60 })).result;
    expect(result.states.length).toBe(result.steps + 1);
    const reader = new StatesReader(packStates(result.states));
    let reads = 0;
    while (!reader.done) {
      reader.read(7);
      reads++;
    }
    expect(reads).toBe(Math.ceil(result.states.length / 7));
    expect(reader.result()).toEqual(result.states);
  });
});

describe("long runs: the preview and the rest", () => {
  it("the preview is exactly the first LONG_RUN_STEPS steps of the whole run", () => {
    // Adam with a step decay schedule and gradient noise: the seed, the schedule and the
    // moments must all carry on as in one run.
    const settings = run({
      optimizer: "adam",
      params: { lr: 1e-4 },
      schedule: { kind: "step", params: { step_size: 3000, gamma: 0.5 } },
      noise: 0.1,
      maxSteps: 25_000,
    });
    const preview = previewRun(rosenbrock, box, settings);
    const whole = computeRun(rosenbrock, box, settings);
    expect(preview.result.steps).toBe(LONG_RUN_STEPS);
    expect(whole.result.steps).toBe(25_000);
    const n = LONG_RUN_STEPS + 1;
    expect(preview.result.xs).toEqual(whole.result.xs.slice(0, n));
    expect(preview.result.ys).toEqual(whole.result.ys.slice(0, n));
    expect(preview.result.rates).toEqual(whole.result.rates!.slice(0, n));
    expect(preview.result.states.slice(0, -1)).toEqual(whole.result.states.slice(0, n - 1));
    expect(preview.cutShort).toBe(true);
  });

  it("a run that ends within the preview is whole, whatever its budget", () => {
    // x² + y² with lr 0.1 converges in well under a hundred steps.
    const bowl = parseSurface("x^2 + y^2");
    const settings = run({ start: [1, 1], params: { lr: 0.1 }, maxSteps: 100_000 });
    const preview = previewRun(bowl, box, settings);
    expect(preview.result.status).toBe("converged");
    expect(preview.result.steps).toBeLessThan(100);
    expect(preview.cutShort).toBe(false);
    expect(preview).toEqual({ ...computeRun(bowl, box, settings), cutShort: false });
  });

  it("a budget of exactly LONG_RUN_STEPS is computed whole, not cut short", () => {
    const settings = run({ params: { lr: 1e-5 }, maxSteps: LONG_RUN_STEPS });
    const preview = previewRun(rosenbrock, box, settings);
    expect(preview.result.status).toBe("max-steps");
    expect(preview.cutShort).toBe(false);
    const longer = previewRun(rosenbrock, box, { ...settings, maxSteps: LONG_RUN_STEPS + 1 });
    expect(longer.result.steps).toBe(LONG_RUN_STEPS);
    expect(longer.cutShort).toBe(true);
  });

  it("a loss over data is previewed for the same work: fewer steps the more rows", () => {
    expect(previewSteps(rosenbrock)).toBe(LONG_RUN_STEPS);
    // The noisy line's 50 rows cost 5 iterates of a typed function each: 10,000 / 5 steps.
    const line = resolveData(
      { source: "line", model: "line", loss: "mse", standardize: false },
      {},
    ).surface;
    expect(previewSteps(line)).toBe(2_000);
    const settings = run({ start: [0, 0], params: { lr: 1e-6 }, maxSteps: 2_001 });
    const preview = previewRun(line, { xmin: -5, xmax: 5, ymin: -5, ymax: 5 }, settings);
    expect(preview.result.steps).toBe(2_000);
    expect(preview.cutShort).toBe(true);
  });

  it("reports its progress every progressEvery steps", () => {
    const heard: number[] = [];
    const result = runOptimizer(
      rosenbrock,
      { start: [-1.2, 1], optimizer: "gd", params: { lr: 1e-5 }, maxSteps: 12_345, box },
      (steps) => heard.push(steps),
    );
    expect(result.steps).toBe(12_345);
    expect(progressEvery).toBe(5_000);
    expect(heard).toEqual([5_000, 10_000]);
  });
});
