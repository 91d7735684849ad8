/**
 * The command line's basin map on worker threads: a 400×400 grid of starts on Himmelblau's
 * function (plain descent, lr 0.01, the default 1000-step budget), computed by the same code
 * `descent basins` runs, on 2 workers against 1, in turns, each figure the median of 3. Each
 * run starts its own workers, as the command does, so the time includes their start.
 */
import { loadavg } from "node:os";
import { parseSurface } from "../src/core/surface.ts";
import { basinMapOnWorkers } from "../src/cli/parallel/jobs.ts";
import type { BenchResult, BenchSuite } from "./types.ts";

const himmelblau = parseSurface("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
const spec = {
  optimizer: "gd",
  params: { lr: 0.01 },
  gradient: "analytic" as const,
  h: undefined,
  maxSteps: undefined,
  tol: undefined,
  seed: undefined,
  box: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
  columns: 400,
  rows: 400,
};
const quiet = { out: () => {}, err: () => {} };

async function timeMap(workers: number): Promise<number> {
  const start = performance.now();
  await basinMapOnWorkers(himmelblau, spec, { command: "basins", workers, io: quiet });
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export const suite: BenchSuite = {
  name: "cli",
  async run(): Promise<BenchResult[]> {
    const one: number[] = [];
    const two: number[] = [];
    for (let i = 0; i < 3; i++) {
      one.push(await timeMap(1));
      two.push(await timeMap(2));
    }
    const load = loadavg()[0]!;
    return [
      { name: "basins 400x400, 1 worker", value: median(one), unit: "ms", load },
      { name: "basins 400x400, 2 workers", value: median(two), unit: "ms", load },
      {
        name: "basins 400x400 speed-up, 2 workers vs 1",
        value: median(one) / median(two),
        unit: "x",
        load,
      },
    ];
  },
};
