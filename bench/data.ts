/**
 * Loss surfaces over data: the time to sample a model's MSE over 1,000 points on a 128×128 grid
 * of its parameters, as the surface and contour views sample a surface (core's `sampleGrid`:
 * values alone for the mesh and the contours, values and gradients for the quiver field), for
 * each model; and 1,000 steps of mini-batch descent (32 rows a step) against full-batch descent
 * on the same loss. Each figure is the median of several repetitions after a warm-up; the models
 * are timed in turns within each repetition, so load from other processes hits them alike, and
 * the grid sampler has seen every model, as it has on the page once a person switches models.
 */
import { loadavg } from "node:os";
import { noisyLine } from "../src/core/data/datasets.ts";
import { dataLossSurface, type DataSurface } from "../src/core/data/loss.ts";
import { modelKeys } from "../src/core/data/models.ts";
import { sampleGrid } from "../src/core/grid.ts";
import { runOptimizer } from "../src/core/run.ts";
import type { Box } from "../src/core/types.ts";
import type { BenchResult, BenchSuite } from "./types.ts";

const POINTS = 1000;
const GRID = 128;
const REPETITIONS = 9;
/** The step runs take about a millisecond each: more of them, so that a garbage collection of
 * the grids' arrays landing in a few does not move the median. */
const STEP_REPETITIONS = 41;
const STEPS = 1000;
const BATCH = 32;
/** Covers the noisy line's least-squares (w, b) ≈ (2, 1) and the tanh unit's minima. */
const box: Box = { xmin: -5, xmax: 5, ymin: -5, ymax: 5 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const round = (value: number, digits = 3) => Number(value.toPrecision(digits));

let sink = 0;

/** Milliseconds `work` takes, its result folded into `sink` so it cannot be left out. */
function time(work: () => number): number {
  const start = performance.now();
  sink += work();
  return performance.now() - start;
}

/** Median ms of each candidate, timed in turns (the first of each repetition rotating). */
function timeInTurns(
  candidates: (() => number)[],
  repetitions = REPETITIONS,
): { median: number[]; best: number[] } {
  for (const work of candidates) time(work);
  const samples: number[][] = candidates.map(() => []);
  for (let r = 0; r < repetitions; r++) {
    for (let j = 0; j < candidates.length; j++) {
      const k = (r + j) % candidates.length;
      samples[k]!.push(time(candidates[k]!));
    }
  }
  return { median: samples.map(median), best: samples.map((s) => Math.min(...s)) };
}

function gridWork(surface: DataSurface, withGradient: boolean): () => number {
  return () => {
    const grid = sampleGrid(surface, box, GRID, GRID, withGradient);
    return grid.values[grid.values.length - 1]! + (grid.gradX?.[0] ?? 0);
  };
}

export const suite: BenchSuite = {
  name: "data",
  run(): BenchResult[] {
    const data = noisyLine({ n: POINTS });
    const surfaces = modelKeys.map((key) => dataLossSurface(data, key, "mse"));
    const results: BenchResult[] = [];
    const terms = GRID * GRID * POINTS;

    // First the line alone (values, then values and gradients), before any other model's loss
    // has gone through the grid sampler; the rows below come after all three have. Each model's
    // sums run code of their own, so the two should read alike.
    for (const withGradient of [false, true]) {
      const alone = timeInTurns([gridWork(surfaces[0]!, withGradient)]);
      results.push({
        name: `line MSE, ${GRID}x${GRID} grid over ${POINTS} points, ${withGradient ? "values+gradients" : "values"}, no other model sampled yet`,
        value: round(alone.median[0]!),
        unit: "ms",
        best: round(alone.best[0]!),
        nsPerPointTerm: round((alone.median[0]! * 1e6) / terms),
      });
    }

    for (const withGradient of [false, true]) {
      const timing = timeInTurns(surfaces.map((s) => gridWork(s, withGradient)));
      surfaces.forEach((surface, k) => {
        const ms = timing.median[k]!;
        results.push({
          name: `${surface.model.key} MSE, ${GRID}x${GRID} grid over ${POINTS} points, ${withGradient ? "values+gradients" : "values"}`,
          value: round(ms),
          unit: "ms",
          best: round(timing.best[k]!),
          nsPerPointTerm: round((ms * 1e6) / terms),
        });
      });
    }

    const line = surfaces[0]!;
    // A rate slow enough that the full-batch run takes every step: at 0.05 it reaches the
    // minimum and stalls after 295, and would be timed against 1,000 mini-batch steps.
    const spec = {
      start: [0, 0],
      optimizer: "gd",
      params: { lr: 0.01 },
      maxSteps: STEPS,
      tol: 0,
      seed: 1,
    };
    const taken = [
      runOptimizer(line, spec).steps,
      runOptimizer(line, { ...spec, batch: BATCH }).steps,
    ];
    const steps = timeInTurns(
      [
        () => runOptimizer(line, spec).final.value,
        () => runOptimizer(line, { ...spec, batch: BATCH }).final.value,
      ],
      STEP_REPETITIONS,
    );
    const [full, mini] = steps.median as [number, number];
    results.push(
      {
        name: `line MSE over ${POINTS} points, ${STEPS} gd steps, full batch`,
        value: round(full),
        unit: "ms",
        best: round(steps.best[0]!),
        steps: taken[0],
      },
      {
        name: `line MSE over ${POINTS} points, ${STEPS} gd steps, mini-batch ${BATCH}`,
        value: round(mini),
        unit: "ms",
        best: round(steps.best[1]!),
        steps: taken[1],
        ratioToFullBatch: round(mini / full),
        // Each iterate still records the loss over all the rows, so the gain is less than n/32.
        note: "loss over all rows recorded each step",
      },
    );
    results.push({ name: "load average (1 min)", value: round(loadavg()[0] ?? NaN), unit: "" });
    if (sink === 0.5) results.push({ name: "unreachable", value: sink, unit: "" });
    return results;
  },
};
