import { describe, expect, it } from "vitest";
import {
  basinDiverged,
  basinMap,
  basinUndefinedStart,
  batchStatus,
  labelBasins,
  gridStarts,
  randomStarts,
  runBatch,
} from "../../src/core/batch.ts";
import { runOptimizer } from "../../src/core/run.ts";
import { parseSurface } from "../../src/core/surface.ts";
import { handSurface } from "./reference/handSurface.ts";
import { himmelblau as handHimmelblau, referenceIterates } from "./reference/optimizers.ts";

const himmelblau = parseSurface("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
const box = { xmin: -5, xmax: 5, ymin: -5, ymax: 5 };
// Himmelblau's four minima (Himmelblau 1972).
const publishedMinima = [
  [3, 2],
  [-2.805118, 3.131312],
  [-3.77931, -3.283186],
  [3.584428, -1.848126],
];

describe("start points", () => {
  it("a grid puts starts at the cell centres, row by row from ymin", () => {
    const starts = gridStarts({ xmin: 0, xmax: 4, ymin: -1, ymax: 1 }, 4, 2);
    expect(Array.from(starts.x)).toEqual([0.5, 1.5, 2.5, 3.5, 0.5, 1.5, 2.5, 3.5]);
    expect(Array.from(starts.y)).toEqual([-0.5, -0.5, -0.5, -0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it("random starts are in the box, reproducible from the seed, and spread over it", () => {
    const a = randomStarts(box, 2000, 42);
    const b = randomStarts(box, 2000, 42);
    const c = randomStarts(box, 2000, 43);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    let left = 0;
    for (let i = 0; i < 2000; i++) {
      expect(a.x[i]!).toBeGreaterThanOrEqual(-5);
      expect(a.x[i]!).toBeLessThan(5);
      expect(a.y[i]!).toBeGreaterThanOrEqual(-5);
      expect(a.y[i]!).toBeLessThan(5);
      if (a.x[i]! < 0) left++;
    }
    // Uniform: about half on each side (binomial sd ≈ 22).
    expect(Math.abs(left - 1000)).toBeLessThan(150);
  });

  it("rejects empty or absurd batches", () => {
    expect(() => gridStarts(box, 0, 3)).toThrow(/grid width/);
    expect(() => randomStarts(box, 1.5)).toThrow(/number of starts/);
  });
});

describe("runBatch", () => {
  it("steps every start exactly like the reference implementation, independently of the others", () => {
    const surface = handSurface(handHimmelblau);
    const starts = randomStarts(box, 50, 5);
    const params = { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
    const result = runBatch(surface, starts, {
      optimizer: "adam",
      params,
      box,
      maxSteps: 10,
      tol: 0,
    });
    for (let i = 0; i < 50; i++) {
      const reference = referenceIterates(
        "adam",
        handHimmelblau,
        [starts.x[i]!, starts.y[i]!],
        params,
        10,
      )[10]!;
      expect(result.steps[i]).toBe(10);
      expect(batchStatus(result.status[i]!)).toBe("max-steps");
      expect(Math.abs(result.finalX[i]! - reference[0]!)).toBeLessThan(
        1e-9 * Math.abs(reference[0]!) + 1e-12,
      );
      expect(Math.abs(result.finalY[i]! - reference[1]!)).toBeLessThan(
        1e-9 * Math.abs(reference[1]!) + 1e-12,
      );
    }
  });

  it("lets each start stop on its own: some converge early while others run on", () => {
    const starts = { x: Float64Array.of(3, 1, 0, 100), y: Float64Array.of(2, 1, 0, 100) };
    const result = runBatch(himmelblau, starts, { optimizer: "gd", params: { lr: 0.01 }, box });
    expect(batchStatus(result.status[0]!)).toBe("converged");
    expect(result.steps[0]).toBe(0);
    expect(batchStatus(result.status[1]!)).toBe("converged");
    expect(result.steps[1]).toBeGreaterThan(10);
    expect(Math.hypot(result.finalX[1]! - 3, result.finalY[1]! - 2)).toBeLessThan(1e-5);
    // From (100, 100) a step of 0.01·|g| ≈ 4e4 overshoots: divergence.
    expect(batchStatus(result.status[3]!)).toBe("diverged");
  });
});

describe("runBatch against single runs", () => {
  // Each start of a batch keeps its own stopping state: its status, step count and end point are
  // those of the same start run alone, whatever the others do. Between them the cases end in
  // every status: backtracking on √x stalls (from 1e-20 it never passes Armijo's test; from 1
  // and 4 it walks down to where it cannot), gd with lr 0.6 on x² + 2y² diverges, Adam runs out
  // of steps, Newton and the line search converge. Random rules are left out: a batch draws
  // their proposals from one generator in start order, so they differ from single runs.
  const cases = [
    { text: "sqrt(x)", starts: [1e-20, 1, 4], optimizer: "backtracking", params: {} },
    { text: "x^2 + 2*y^2", starts: [0.3, 1, 4], optimizer: "gd", params: { lr: 0.6 } },
    {
      text: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
      starts: [0.3, 1, 4],
      optimizer: "adam",
      params: { lr: 0.1 },
    },
    { text: "(1 - x)^2 + 100*(y - x^2)^2", starts: [0.3, 1, 4], optimizer: "newton", params: {} },
    { text: "x^4 - x^2 + y^2", starts: [0.3, 1, 4], optimizer: "linesearch", params: {} },
    { text: "x^2 + y^2", starts: [0.3, 1, 4], optimizer: "momentum", params: { lr: 0.1 } },
  ] as const;
  it.each(cases)("$optimizer on $text", ({ text, starts, optimizer, params }) => {
    const surface = parseSurface(text);
    const xs = Float64Array.from(starts);
    const ys = Float64Array.from(starts, (v) => (surface.dimension === 2 ? -v / 2 : 0));
    const spec = { optimizer, params, box, maxSteps: 300, tol: 1e-8, seed: 3 };
    const batch = runBatch(surface, { x: xs, y: ys }, spec);
    for (let i = 0; i < starts.length; i++) {
      const single = runOptimizer(surface, { ...spec, start: [xs[i]!, ys[i]!] });
      expect(batchStatus(batch.status[i]!)).toBe(single.status);
      expect(batch.steps[i]).toBe(single.steps);
      expect(batch.finalX[i]).toBe(single.final.point[0]);
      if (surface.dimension === 2) expect(batch.finalY[i]).toBe(single.final.point[1]);
    }
  });

  it("a batch holds stalled, converged and diverged starts side by side", () => {
    const statuses = (text: string, starts: number[], optimizer: string, params: object) =>
      Array.from(
        runBatch(
          parseSurface(text),
          { x: Float64Array.from(starts), y: new Float64Array(starts.length) },
          {
            optimizer,
            params: params as Record<string, number>,
            box,
          },
        ).status,
        batchStatus,
      );
    expect(statuses("sqrt(x)", [1e-20, 1e-20], "backtracking", {})).toEqual(["stalled", "stalled"]);
    // x² with lr 1.5: x ← −2x diverges from any start but 0, which has converged at step 0.
    expect(statuses("x^2", [0, 1, 1e-3], "gd", { lr: 1.5 })).toEqual([
      "converged",
      "diverged",
      "diverged",
    ]);
  });
});

describe("basin map on Himmelblau", () => {
  const columns = 30;
  const rows = 24;
  const map = basinMap(himmelblau, {
    optimizer: "gd",
    params: { lr: 0.01 },
    box,
    columns,
    rows,
    maxSteps: 5000,
  });

  it("finds the four published minima", () => {
    expect(map.minima).toHaveLength(4);
    for (const published of publishedMinima) {
      const match = map.minima.filter(
        (m) => Math.hypot(m.point[0]! - published[0]!, m.point[1]! - published[1]!) < 1e-5,
      );
      expect(match, JSON.stringify(published)).toHaveLength(1);
    }
    for (const m of map.minima) {
      expect(m.value).toBeLessThan(1e-10);
      expect(m.eigenvalues.every((e) => e > 0)).toBe(true);
    }
  });

  it("assigns every start, with counts summing to the grid size", () => {
    expect(map.basin).toHaveLength(columns * rows);
    const total =
      map.minima.reduce((sum, m) => sum + m.count, 0) +
      map.diverged +
      map.notConverged +
      map.notMinimum;
    expect(total).toBe(columns * rows);
    expect(map.diverged + map.notConverged + map.notMinimum).toBe(0);
    const counts = [0, 0, 0, 0];
    for (const b of map.basin) {
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(4);
      counts[b]!++;
    }
    expect(counts).toEqual(map.minima.map((m) => m.count));
    for (const m of map.minima) expect(m.count).toBeGreaterThan(50);
  });

  it("labels the cell next to each minimum with that minimum", () => {
    for (const m of map.minima) {
      const column = Math.floor(((m.point[0]! - box.xmin) / (box.xmax - box.xmin)) * columns);
      const row = Math.floor(((m.point[1]! - box.ymin) / (box.ymax - box.ymin)) * rows);
      expect(map.minima[map.basin[row * columns + column]!]).toBe(m);
    }
  });

  it("marks diverged starts as such", () => {
    const wild = basinMap(himmelblau, {
      optimizer: "gd",
      params: { lr: 0.5 },
      box,
      columns: 4,
      rows: 4,
    });
    expect(wild.diverged).toBe(16);
    expect(Array.from(wild.basin).every((b) => b === basinDiverged)).toBe(true);
    expect(wild.minima).toEqual([]);
    expect(wild.undefinedStart).toBe(0);
  });

  it("counts starts where f has no value apart from divergence", () => {
    // sqrt(x) + y² on [−2, 2]²: the two left columns (x = −1.5, −0.5) start outside the domain.
    const map = basinMap(parseSurface("sqrt(x) + y^2"), {
      optimizer: "gd",
      params: { lr: 0.01 },
      box: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 },
      columns: 4,
      rows: 4,
    });
    expect(map.undefinedStart).toBe(8);
    for (let row = 0; row < 4; row++) {
      expect(Array.from(map.basin.subarray(row * 4, row * 4 + 2))).toEqual([
        basinUndefinedStart,
        basinUndefinedStart,
      ]);
      expect(Array.from(map.basin.subarray(row * 4 + 2, row * 4 + 4))).not.toContain(
        basinUndefinedStart,
      );
    }
  });

  it("labels a batch computed in pieces as the batch computed whole", () => {
    const spec = { optimizer: "gd", params: { lr: 0.01 }, box, columns: 12, rows: 9 };
    const starts = gridStarts(box, 12, 9);
    const whole = runBatch(himmelblau, starts, spec);
    const half = 50;
    const first = runBatch(
      himmelblau,
      { x: starts.x.slice(0, half), y: starts.y.slice(0, half) },
      spec,
    );
    const second = runBatch(himmelblau, { x: starts.x.slice(half), y: starts.y.slice(half) }, spec);
    expect(Array.from(first.finalX)).toEqual(Array.from(whole.finalX.subarray(0, half)));
    expect(Array.from(second.steps)).toEqual(Array.from(whole.steps.subarray(half)));
    expect(labelBasins(himmelblau, spec, whole)).toEqual(basinMap(himmelblau, spec));
  });
});
