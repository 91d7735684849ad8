/**
 * One timing for the cli suite (./cli.ts), in a process of its own: computes the basin map its
 * argument describes, as `descent basins` does, and prints the milliseconds it took. A fresh
 * process per timing keeps one configuration's compiled code from slowing the next.
 * Argument: JSON `{ f, optimizer, lr, steps, box, grid, workers }`.
 */
import { basinMapOnWorkers } from "../src/cli/parallel/jobs.ts";
import { parseSurface } from "../src/core/surface.ts";
import type { Box } from "../src/core/types.ts";

interface MapJob {
  f: string;
  optimizer: string;
  lr: number;
  steps: number;
  box: Box;
  grid: number;
  workers: number;
}

const job = JSON.parse(process.argv[2] ?? "") as MapJob;
const start = performance.now();
const surface = parseSurface(job.f);
await basinMapOnWorkers(
  surface,
  {
    optimizer: job.optimizer,
    params: { lr: job.lr },
    gradient: "analytic",
    h: undefined,
    maxSteps: job.steps,
    tol: undefined,
    seed: undefined,
    box: job.box,
    columns: job.grid,
    rows: job.grid,
  },
  { command: "basins", workers: job.workers, io: { out: () => {}, err: () => {} } },
);
process.stdout.write(`${performance.now() - start}\n`);
