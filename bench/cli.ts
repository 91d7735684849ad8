/**
 * The command line's basin map on 2 threads against 1, computed by the same code `descent
 * basins` runs (`--workers 2`: the command's own thread and one worker thread). Each timing runs
 * in a fresh process (./cliMap.ts) and covers parsing the function, starting the worker and
 * labelling the basins, as the command does; each figure is the median of 3, the two
 * configurations in turns.
 *
 * Two maps: a heavy one, 400×400 starts that mostly take every one of 5000 steps (about five
 * seconds of one core), where a second thread should nearly halve the time; and the README's
 * light one, Himmelblau at the default budget (a fifth of a second), shorter than a worker's
 * start, where the figure shows what a second thread costs when it cannot help.
 */
import { execFile } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { BenchResult, BenchSuite } from "./types.ts";

const run = promisify(execFile);
const child = fileURLToPath(new URL("./cliMap.ts", import.meta.url));

const maps = [
  {
    name: "basins 400x400 Rosenbrock, gd lr 0.0005, 5000 steps",
    job: {
      f: "(1 - x)^2 + 100 * (y - x^2)^2",
      optimizer: "gd",
      lr: 0.0005,
      steps: 5000,
      box: { xmin: -2, xmax: 2, ymin: -1, ymax: 3 },
      grid: 400,
    },
  },
  {
    name: "basins 400x400 Himmelblau, gd lr 0.01, 1000 steps",
    job: {
      f: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
      optimizer: "gd",
      lr: 0.01,
      steps: 1000,
      box: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
      grid: 400,
    },
  },
];

async function timeMap(job: object, workers: number): Promise<number> {
  const { stdout } = await run(process.execPath, [
    "--import",
    "tsx",
    child,
    JSON.stringify({ ...job, workers }),
  ]);
  return Number(stdout.trim());
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export const suite: BenchSuite = {
  name: "cli",
  async run(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    for (const { name, job } of maps) {
      const one: number[] = [];
      const two: number[] = [];
      for (let i = 0; i < 3; i++) {
        one.push(await timeMap(job, 1));
        two.push(await timeMap(job, 2));
      }
      const load = loadavg()[0]!;
      results.push(
        { name: `${name}, 1 thread`, value: median(one), unit: "ms", load },
        { name: `${name}, 2 threads`, value: median(two), unit: "ms", load },
        { name: `${name}, speed-up`, value: median(one) / median(two), unit: "x", load },
      );
    }
    return results;
  },
};
