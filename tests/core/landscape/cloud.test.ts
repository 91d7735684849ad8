import { describe, expect, it } from "vitest";
import { randomStarts, runBatch, type BatchSpec } from "../../../src/core/batch.ts";
import {
  cloudFrameAt,
  cloudStride,
  cloudSummary,
  cloudPositionsAt,
  cloudRecording,
  maxCloudPositions,
  recordCloud,
  type CloudPaths,
} from "../../../src/core/landscape/cloud.ts";
import { cutStarts } from "../../../src/core/landscape/pieces.ts";
import { runOptimizer } from "../../../src/core/run.ts";
import { parseSurface } from "../../../src/core/surface.ts";

// The six-hump camel function (Dixon & Szegő 1978; Molga & Smutnicki 2005, "Test functions for
// optimization needs", §2.11): six minima in x ∈ [−2, 2], y ∈ [−1, 1].
const camel = parseSurface("4x^2 - 2.1x^4 + x^6/3 + x*y - 4y^2 + 4y^4");
const camelBox = { xmin: -2, xmax: 2, ymin: -1, ymax: 1 };
// Published minima: the two global ones f* = −1.0316 at (±0.0898, ∓0.7126), and the local ones at
// (±1.7036, ∓0.7961), f = −0.2155, and (±1.6071, ±0.5687), f = 2.1043.
const camelMinima = [
  { point: [0.0898, -0.7126], value: -1.0316 },
  { point: [-0.0898, 0.7126], value: -1.0316 },
  { point: [1.7036, -0.7961], value: -0.2155 },
  { point: [-1.7036, 0.7961], value: -0.2155 },
  { point: [1.6071, 0.5687], value: 2.1043 },
  { point: [-1.6071, -0.5687], value: 2.1043 },
];

const himmelblau = parseSurface("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
const himmelblauBox = { xmin: -5, xmax: 5, ymin: -5, ymax: 5 };

/** Start i's recorded position in frame j. */
function recorded(paths: CloudPaths, j: number, i: number): [number, number] {
  const at = 2 * (j * paths.count + i);
  return [paths.positions[at]!, paths.positions[at + 1]!];
}

/** Checks every start's recorded frames against its own run by `runOptimizer`. */
function expectFramesFollowRuns(
  paths: CloudPaths,
  starts: { x: Float64Array; y: Float64Array },
  spec: BatchSpec,
): void {
  let longest = 0;
  for (let i = 0; i < paths.count; i++) {
    const run = runOptimizer(himmelblau, { ...spec, start: [starts.x[i]!, starts.y[i]!] });
    longest = Math.max(longest, run.steps);
    for (let j = 0; j < paths.frames; j++) {
      const k = Math.min(j * paths.stride, paths.steps, run.steps);
      expect(recorded(paths, j, i)).toEqual([Math.fround(run.xs[k]!), Math.fround(run.ys[k]!)]);
    }
  }
  expect(paths.steps).toBe(longest);
}

describe("recordCloud", () => {
  it("records every start's iterates exactly as runOptimizer computes them, step by step", () => {
    const starts = randomStarts(himmelblauBox, 40, 11);
    const specs: BatchSpec[] = [
      { optimizer: "gd", params: { lr: 0.01 }, box: himmelblauBox, maxSteps: 300 },
      {
        optimizer: "momentum",
        params: { lr: 0.005, momentum: 0.8 },
        box: himmelblauBox,
        maxSteps: 200,
        schedule: { kind: "exponential", params: { gamma: 0.99 } },
      },
    ];
    for (const spec of specs) {
      const { paths, result } = recordCloud(himmelblau, starts, spec);
      expect(paths.stride).toBe(1);
      expect(paths.count).toBe(40);
      expect(paths.frames).toBe(paths.steps + 1);
      expect(paths.positions.length).toBe(2 * 40 * paths.frames);
      expectFramesFollowRuns(paths, starts, spec);
      // The ends are the batch engine's own.
      const batch = runBatch(himmelblau, starts, spec);
      expect(Array.from(result.finalX)).toEqual(Array.from(batch.finalX));
      expect(Array.from(result.steps)).toEqual(Array.from(batch.steps));
    }
  });

  it("a start that stops keeps its last position while the others go on", () => {
    // One start on a minimum (converged at once) beside one far away.
    const starts = { x: Float64Array.of(3, -4.5), y: Float64Array.of(2, 4.5) };
    const { paths, result } = recordCloud(himmelblau, starts, {
      optimizer: "gd",
      params: { lr: 0.01 },
      box: himmelblauBox,
    });
    expect(result.steps[0]).toBe(0);
    expect(paths.steps).toBe(result.steps[1]);
    expect(paths.steps).toBeGreaterThan(10);
    for (let j = 0; j < paths.frames; j++) expect(recorded(paths, j, 0)).toEqual([3, 2]);
  });

  it("beyond the budget records every k-th step, and always the last one", () => {
    const starts = randomStarts(himmelblauBox, 30, 3);
    const spec = { optimizer: "gd", params: { lr: 0.005 }, box: himmelblauBox, maxSteps: 400 };
    // A budget of 30 × 100 positions for 30 starts × 400 steps: every 4th step.
    const stride = cloudStride(30, 400, 3000);
    expect(stride).toBe(4);
    const { paths } = recordCloud(himmelblau, starts, spec, stride);
    expect(paths.stride).toBe(4);
    expect(paths.frames).toBe(Math.ceil(paths.steps / 4) + 1);
    expect(paths.frames * paths.count).toBeLessThanOrEqual(3000 + 2 * paths.count);
    expectFramesFollowRuns(paths, starts, spec);
    // The playhead's step picks the frame at or before it, and the last frame from S on.
    expect(cloudFrameAt(paths, 0)).toBe(0);
    expect(cloudFrameAt(paths, 7)).toBe(1);
    expect(cloudFrameAt(paths, 8)).toBe(2);
    expect(cloudFrameAt(paths, paths.steps)).toBe(paths.frames - 1);
    expect(cloudFrameAt(paths, paths.steps + 1000)).toBe(paths.frames - 1);
  });

  it("keeps at most about 2e7 floats: 10,000 starts × 1,000 steps in full, longer runs thinned", () => {
    expect(2 * maxCloudPositions).toBe(2e7);
    // k = ⌈count · maxSteps / 10⁷⌉.
    expect(cloudStride(10_000, 1_000)).toBe(1);
    expect(cloudStride(10_000, 1_001)).toBe(2);
    expect(cloudStride(10_000, 10_000)).toBe(10);
    expect(cloudStride(500, 1_000_000)).toBe(50);
    for (const [count, maxSteps] of [
      [10_000, 10_000],
      [10_000, 3_333],
      [7, 1_000_000],
    ] as const) {
      const stride = cloudStride(count, maxSteps);
      const frames = Math.ceil(maxSteps / stride) + 1;
      expect(2 * count * frames).toBeLessThanOrEqual(2e7 + 4 * count);
    }
  });

  it("pieces recorded apart and joined are the cloud recorded whole", () => {
    const starts = randomStarts(himmelblauBox, 700, 5);
    const spec = { optimizer: "gd", params: { lr: 0.004 }, box: himmelblauBox, maxSteps: 600 };
    const stride = 3;
    const whole = recordCloud(himmelblau, starts, spec, stride).paths;
    const parts = cutStarts(starts, spec, 4, 100).map(
      (piece) => recordCloud(himmelblau, piece, spec, stride).paths,
    );
    expect(parts.length).toBe(4);
    // The pieces stop at different steps; the joined cloud runs to the longest.
    expect(new Set(parts.map((part) => part.steps)).size).toBeGreaterThan(1);
    const joined = cloudRecording(parts);
    expect(joined.count).toBe(whole.count);
    expect(joined.steps).toBe(whole.steps);
    expect(joined.frames).toBe(whole.frames);
    const frame = new Float32Array(2 * whole.count);
    for (let j = 0; j < whole.frames; j++) {
      cloudPositionsAt(joined, j, frame);
      const expected = whole.positions.subarray(2 * j * whole.count, 2 * (j + 1) * whole.count);
      expect(Array.from(frame)).toEqual(Array.from(expected));
    }
  });
});

describe("cloudSummary", () => {
  it("2,000 seeded starts of gradient descent reach all six minima of the six-hump camel", () => {
    const count = 2000;
    const starts = randomStarts(camelBox, count, 2024);
    const spec = { optimizer: "gd", params: { lr: 0.01 }, box: camelBox, seed: 2024 };
    const { result } = recordCloud(camel, starts, spec);
    const summary = cloudSummary(camel, camelBox, result);
    expect(summary.count).toBe(count);
    expect(summary.minima).toHaveLength(6);
    for (const published of camelMinima) {
      const found = summary.minima.find(
        (m) =>
          Math.abs(m.point[0]! - published.point[0]!) < 1e-3 &&
          Math.abs(m.point[1]! - published.point[1]!) < 1e-3,
      );
      expect(found, `minimum at ${published.point.join(", ")}`).toBeDefined();
      expect(found!.value).toBeCloseTo(published.value, 3);
      expect(found!.count).toBeGreaterThan(0);
      expect(Math.min(...found!.eigenvalues)).toBeGreaterThan(0);
    }
    // Lowest first.
    const values = summary.minima.map((m) => m.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    // Every start is counted once.
    const reached = summary.minima.reduce((sum, m) => sum + m.count, 0);
    expect(
      reached +
        summary.diverged +
        summary.notConverged +
        summary.notMinimum +
        summary.undefinedStart,
    ).toBe(count);
    // The best start ends at a global minimum, and an ordinary run from it goes there too.
    expect(summary.best).not.toBeNull();
    const best = summary.best!;
    expect(best.value).toBeCloseTo(-1.0316, 4);
    expect(best.start).toEqual([starts.x[best.index]!, starts.y[best.index]!]);
    const run = runOptimizer(camel, { ...spec, start: best.start });
    expect(run.final.value).toBe(best.value);
    expect(run.final.point).toEqual(best.end);
  });

  it("counts diverged and unfinished starts apart from the minima, and no best when all diverge", () => {
    const box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };
    const starts = randomStarts(box, 200, 9);
    // x² + y² with lr 1.2 overshoots further every step: every start diverges.
    const bowl = parseSurface("x^2 + y^2");
    const wild = cloudSummary(
      bowl,
      box,
      runBatch(bowl, starts, { optimizer: "gd", params: { lr: 1.2 }, box, maxSteps: 5000 }),
    );
    expect(wild.diverged).toBe(200);
    expect(wild.minima).toEqual([]);
    expect(wild.best).toBeNull();
    // Three steps are too few to converge: nothing is counted at a minimum.
    const short = cloudSummary(
      bowl,
      box,
      runBatch(bowl, starts, { optimizer: "gd", params: { lr: 0.1 }, box, maxSteps: 3 }),
    );
    expect(short.notConverged).toBe(200);
    expect(short.minima).toEqual([]);
    // The best of them is the one nearest the origin after three steps: 0.8³ of its start.
    let nearest = 0;
    for (let i = 1; i < 200; i++) {
      if (
        Math.hypot(starts.x[i]!, starts.y[i]!) < Math.hypot(starts.x[nearest]!, starts.y[nearest]!)
      )
        nearest = i;
    }
    expect(short.best?.index).toBe(nearest);
    expect(short.best?.value).toBeCloseTo(
      0.8 ** 6 * (starts.x[nearest]! ** 2 + starts.y[nearest]! ** 2),
      12,
    );
  });
});
