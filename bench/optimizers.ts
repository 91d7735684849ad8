/**
 * Many runs at once: 10,000 seeded random starts × 200 Adam steps on Himmelblau with the
 * analytic gradient, through the batch runner (surface compiled by parseSurface), against the
 * same loop written by hand for that one function (Float64Array structure of arrays, gradient
 * inlined). Two hand-written baselines: the bare Adam update, and the same update plus the work
 * the runner does every step for its stopping rules, written by hand as cheaply as the runner
 * does it: skip stopped points, f, the divergence bound and finiteness in one comparison, the
 * gradient norm against tol, and the count of short steps for the stall rule.
 */
import { randomStarts, runBatch } from "../src/core/batch.ts";
import { parseSurface } from "../src/core/surface.ts";
import type { BenchResult, BenchSuite } from "./types.ts";
import { completeRun } from "../src/core/scenario/document.ts";
import { sweepJob } from "../src/workers/sweepJob.ts";

const starts = 10_000;
const steps = 200;
const seed = 2024;
const box = { xmin: -5, xmax: 5, ymin: -5, ymax: 5 };
const params = { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
const repeats = 9;

/** The bare Adam loop by hand: no stopping rules at all. */
function bareAdam(x: Float64Array, y: Float64Array): void {
  const n = x.length;
  const mx = new Float64Array(n);
  const my = new Float64Array(n);
  const vx = new Float64Array(n);
  const vy = new Float64Array(n);
  const { lr, beta1, beta2, eps } = params;
  for (let t = 1; t <= steps; t++) {
    const c1 = 1 - Math.pow(beta1, t);
    const c2 = Math.sqrt(1 - Math.pow(beta2, t));
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const yi = y[i]!;
      const a = xi * xi + yi - 11;
      const b = xi + yi * yi - 7;
      const gx = 4 * xi * a + 2 * b;
      const gy = 2 * a + 4 * yi * b;
      const m1 = beta1 * mx[i]! + (1 - beta1) * gx;
      const m2 = beta1 * my[i]! + (1 - beta1) * gy;
      const v1 = beta2 * vx[i]! + (1 - beta2) * gx * gx;
      const v2 = beta2 * vy[i]! + (1 - beta2) * gy * gy;
      mx[i] = m1;
      my[i] = m2;
      vx[i] = v1;
      vy[i] = v2;
      x[i] = xi - ((lr / c1) * m1) / (Math.sqrt(v1) / c2 + eps);
      y[i] = yi - ((lr / c1) * m2) / (Math.sqrt(v2) / c2 + eps);
    }
  }
}

/** The same loop by hand with the runner's stopping rules; returns how many points stopped. */
function adamWithStops(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const mx = new Float64Array(n);
  const my = new Float64Array(n);
  const vx = new Float64Array(n);
  const vy = new Float64Array(n);
  // Whether a point has stopped, its divergence bound and its count of short steps in a row.
  const stopped = new Uint8Array(n);
  const bound = new Float64Array(n);
  const shortSteps = new Uint8Array(n);
  const { lr, beta1, beta2, eps } = params;
  const tolSquared = 0;
  let stops = 0;
  for (let t = 1; t <= steps; t++) {
    const c1 = 1 - Math.pow(beta1, t);
    const c2 = Math.sqrt(1 - Math.pow(beta2, t));
    for (let i = 0; i < n; i++) {
      if (stopped[i] === 1) continue;
      const xi = x[i]!;
      const yi = y[i]!;
      const a = xi * xi + yi - 11;
      const b = xi + yi * yi - 7;
      const gx = 4 * xi * a + 2 * b;
      const gy = 2 * a + 4 * yi * b;
      const f = a * a + b * b;
      if (t === 1) bound[i] = 1e12 * Math.abs(f) + 1e12;
      // x − x is 0 for finite x and NaN otherwise; every bound is at least 1e12, so the
      // per-point bound is read only past that.
      const finiteValue = Math.abs(f) + (xi - xi) + (yi - yi);
      if (
        !(finiteValue <= 1e12 || finiteValue <= bound[i]!) ||
        gx * gx + gy * gy <= tolSquared ||
        shortSteps[i] === 10
      ) {
        stopped[i] = 1;
        stops++;
        continue;
      }
      const m1 = beta1 * mx[i]! + (1 - beta1) * gx;
      const m2 = beta1 * my[i]! + (1 - beta1) * gy;
      const v1 = beta2 * vx[i]! + (1 - beta2) * gx * gx;
      const v2 = beta2 * vy[i]! + (1 - beta2) * gy * gy;
      mx[i] = m1;
      my[i] = m2;
      vx[i] = v1;
      vy[i] = v2;
      const nx = xi - ((lr / c1) * m1) / (Math.sqrt(v1) / c2 + eps);
      const ny = yi - ((lr / c1) * m2) / (Math.sqrt(v2) / c2 + eps);
      const dx = nx - xi;
      const dy = ny - yi;
      if (dx * dx + dy * dy < 1e-28) shortSteps[i]!++;
      else if (shortSteps[i] !== 0) shortSteps[i] = 0;
      x[i] = nx;
      y[i] = ny;
    }
  }
  return stops;
}

/** Wall-clock and CPU milliseconds of one call (CPU time is steadier on a shared machine). */
function measure(run: () => void): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  run();
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export const suite: BenchSuite = {
  name: "optimizers",
  run(): BenchResult[] {
    const surface = parseSurface("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
    const initial = randomStarts(box, starts, seed);
    const batchTimes: number[] = [];
    const bareTimes: number[] = [];
    const fullTimes: number[] = [];
    const batchCpu: number[] = [];
    const bareCpu: number[] = [];
    const fullCpu: number[] = [];
    let batchX: Float64Array = new Float64Array(0);
    let batchY: Float64Array = new Float64Array(0);
    let handX = new Float64Array(0);
    let handY = new Float64Array(0);
    let fullX = new Float64Array(0);
    let fullY = new Float64Array(0);
    // Interleaved so that load from other processes hits all three alike; the first round warms
    // up the JIT and is discarded.
    for (let round = 0; round <= repeats; round++) {
      const batch = measure(() => {
        const result = runBatch(surface, initial, {
          optimizer: "adam",
          params,
          box,
          maxSteps: steps,
          tol: 0,
        });
        batchX = result.finalX;
        batchY = result.finalY;
      });
      handX = initial.x.slice();
      handY = initial.y.slice();
      const bare = measure(() => bareAdam(handX, handY));
      fullX = initial.x.slice();
      fullY = initial.y.slice();
      const full = measure(() => adamWithStops(fullX, fullY));
      if (round > 0) {
        batchTimes.push(batch.wall);
        bareTimes.push(bare.wall);
        fullTimes.push(full.wall);
        batchCpu.push(batch.cpu);
        bareCpu.push(bare.cpu);
        fullCpu.push(full.cpu);
      }
    }
    let maxDifference = 0;
    for (let i = 0; i < starts; i++) {
      maxDifference = Math.max(
        maxDifference,
        Math.abs(batchX[i]! - handX[i]!),
        Math.abs(batchY[i]! - handY[i]!),
        Math.abs(batchX[i]! - fullX[i]!),
        Math.abs(batchY[i]! - fullY[i]!),
      );
    }
    const batch = median(batchTimes);
    const bare = median(bareTimes);
    const full = median(fullTimes);
    return [
      {
        name: "adam himmelblau 10k starts x 200 steps (runBatch)",
        value: batch,
        unit: "ms",
        ratioToHandWritten: batch / bare,
        ratioToHandWrittenWithStops: batch / full,
        cpuRatioToHandWritten: median(batchCpu) / median(bareCpu),
        cpuRatioToHandWrittenWithStops: median(batchCpu) / median(fullCpu),
        goal: "ratio <= 1.5 and < 250 ms",
        maxDifferenceFromHandWritten: maxDifference,
      },
      { name: "same loop by hand (bare Adam)", value: bare, unit: "ms" },
      { name: "same loop by hand (with the stopping rules)", value: full, unit: "ms" },
      learningRateSweepCase(),
    ];
  },
};

/**
 * The compare page's learning-rate sweep: the job its Web Worker runs (src/workers/sweepJob.ts),
 * timed here in node: 60 log-spaced rates × 1,000 plain descent steps on x² + 10y² from
 * (−2.5, 1.5). Rates from 1e-5 to 1e-3 all use the whole budget (at 1e-3 the flat direction
 * keeps 0.998 a step, 0.135 after 1,000), so every rate costs the same 1,000 steps.
 */
function learningRateSweepCase(): BenchResult {
  const box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };
  const run = completeRun(
    { start: [-2.5, 1.5], optimizer: "gd", params: { lr: 0.001 }, maxSteps: 1000 },
    [],
    1,
  );
  const times: number[] = [];
  let totalSteps = 0;
  for (let repeat = 0; repeat < 5; repeat++) {
    const began = performance.now();
    const response = sweepJob({
      id: repeat,
      f: "x^2 + 10*y^2",
      box,
      run,
      range: { lrMin: 1e-5, lrMax: 1e-3, count: 60 },
    });
    times.push(performance.now() - began);
    if (!response.ok) throw new Error(response.message);
    totalSteps = response.result.entries.reduce((sum, entry) => sum + entry.steps, 0);
  }
  return {
    name: "learning-rate sweep, 60 rates x 1,000 steps (the sweep worker's job)",
    value: median(times),
    unit: "ms",
    totalSteps,
  };
}
