/**
 * Big jobs: the work budget refuses before anything runs, and worker threads give exactly the
 * answer of one worker and of core's single batch.
 */
import { describe, expect, it, vi } from "vitest";
import { basinMap } from "../../src/core/batch.ts";
import { learningRateSweep } from "../../src/core/sweep.ts";
import { parseSurface } from "../../src/core/surface.ts";
import { descent, descentInProcess, descentWith } from "./helpers.ts";

vi.setConfig({ testTimeout: 180_000 });

const himmelblau = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";

describe("--max-work", () => {
  it("basins 2000x2000 × 1,000,000 steps is refused at once with the estimate and the flag", async () => {
    // The job would run for hours, so a refusal that computed anything first would not return
    // inside the test's time limit.
    const { status, stdout, stderr } = await descentInProcess(
      "basins",
      "--f",
      "x^2 + y^2",
      "--grid",
      "2000x2000",
      "--steps",
      "1000000",
    );
    expect(status).toBe(2);
    expect(stdout).toBe("");
    // 2000 · 2000 · (1,000,000 + 1) = 4,000,004,000,000 iterates.
    expect(stderr).toContain("2000×2000 starts × 1000001 iterates");
    expect(stderr).toContain("up to 4.000004e12 evaluations, over the budget of 1e9 (--max-work");
    expect(stderr).toContain("Give --max-work 4.000004e12 to run it anyway");
  });

  it("sweep --count 10000 × 1,000,000 steps is refused; --max-work raises the budget", async () => {
    const refused = await descentInProcess(
      "sweep",
      "--f",
      "x^2",
      "--from",
      "1",
      "--count",
      "10000",
      "--steps",
      "1000000",
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("10000 rates × 1000001 iterates");
    // 3 rates × 11 iterates = 33 > 30: refused; with --max-work 33 it runs.
    const small = ["sweep", "--f", "x^2", "--from", "1", "--count", "3", "--steps", "10"];
    expect((await descentInProcess(...small, "--max-work", "30")).status).toBe(2);
    const allowed = await descentInProcess(...small, "--max-work", "33", "--json");
    expect(allowed.status).toBe(0);
    expect(JSON.parse(allowed.stdout).entries).toHaveLength(3);
  });

  it("--workers must be a whole number of at least 1", async () => {
    const { status, stderr } = await descentInProcess("basins", "--f", "x^2", "--workers", "0");
    expect(status).toBe(2);
    expect(stderr).toMatch(/--workers must be a whole number from 1 to 256, got 0/);
  });
});

describe("--workers", () => {
  it("basins on 2 worker threads prints exactly what 1 thread prints, and core's single batch", () => {
    // 30 × 20 = 600 starts cut into pieces of 256: three pieces. A job this small never waits
    // for a worker to start, so the second run puts every piece on worker threads.
    const args = ["basins", "--f", himmelblau, "--grid", "30x20", "--lr", "0.01", "--json"];
    const one = descent(...args, "--workers", "1");
    const two = descentWith({ DESCENT_WORKERS_ONLY: "1" }, ...args, "--workers", "2");
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const output = JSON.parse(two.stdout);
    const reference = basinMap(parseSurface(himmelblau), {
      optimizer: "gd",
      params: { lr: 0.01 },
      box: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
      columns: 30,
      rows: 20,
    });
    expect(output.basins.flat()).toEqual(Array.from(reference.basin));
    expect(output.minima.map((m: { point: number[] }) => m.point)).toEqual(
      reference.minima.map((m) => m.point),
    );
    expect(output.minima).toHaveLength(4);
  });

  it("random search (one random stream for every start) gives core's map on any number of workers", async () => {
    const args = ["basins", "--f", himmelblau, "--grid", "24x24", "--optimizer", "random-search"];
    const two = await descentInProcess(
      ...args,
      "--seed",
      "7",
      "--steps",
      "200",
      "--workers",
      "2",
      "--json",
    );
    const reference = basinMap(parseSurface(himmelblau), {
      optimizer: "random-search",
      seed: 7,
      maxSteps: 200,
      box: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
      columns: 24,
      rows: 24,
    });
    expect(JSON.parse(two.stdout).basins.flat()).toEqual(Array.from(reference.basin));
  });

  it("gradient noise (one random stream for every start) gives core's map on any number of workers", async () => {
    // A loose tolerance lets the noisy runs converge, at steps that depend on the draws.
    const args = ["basins", "--f", himmelblau, "--grid", "30x20", "--lr", "0.01", "--tol", "0.5"];
    args.push("--noise", "0.3");
    const two = await descentInProcess(...args, "--seed", "5", "--workers", "2", "--json");
    expect(two.status).toBe(0);
    const reference = basinMap(parseSurface(himmelblau), {
      optimizer: "gd",
      params: { lr: 0.01 },
      seed: 5,
      noise: 0.3,
      tol: 0.5,
      box: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
      columns: 30,
      rows: 20,
    });
    const quiet = basinMap(parseSurface(himmelblau), {
      optimizer: "gd",
      params: { lr: 0.01 },
      tol: 0.5,
      box: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
      columns: 30,
      rows: 20,
    });
    const output = JSON.parse(two.stdout);
    expect(output.steps.flat()).toEqual(Array.from(reference.steps));
    expect(output.basins.flat()).toEqual(Array.from(reference.basin));
    // The noise reached the runs: the step counts differ from the noiseless map's.
    expect(output.steps.flat()).not.toEqual(Array.from(quiet.steps));
  });

  it("sweep on 2 worker threads gives the rates, statuses and values of core's sweep", () => {
    const args = ["sweep", "--f", "x^2 + 10*y^2", "--from", "1,1", "--count", "13", "--json"];
    const one = descent(...args, "--workers", "1");
    const two = descentWith({ DESCENT_WORKERS_ONLY: "1" }, ...args, "--workers", "2");
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const reference = learningRateSweep(parseSurface("x^2 + 10*y^2"), {
      start: [1, 1],
      lrMin: 0.001,
      lrMax: 1,
      count: 13,
    });
    const output = JSON.parse(two.stdout);
    expect(output.entries.map((e: { finalValue: number }) => e.finalValue)).toEqual(
      reference.entries.map((e) => (Number.isFinite(e.finalValue) ? e.finalValue : null)),
    );
    expect(output.stability.edge).toBe(reference.stability!.edge);
  });
});
