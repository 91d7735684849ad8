/**
 * The long commands (basins, sweep) cut into pieces and run on worker threads (./pool.ts), with
 * a work budget checked before anything starts. The pieces are the same whatever the number of
 * workers, and each start's or rate's result does not depend on the others, so one worker and
 * many give the same answer.
 */
import {
  gridStarts,
  labelBasins,
  type BasinMap,
  type BasinSpec,
  type BatchResult,
} from "../../core/batch.ts";
import { cutStarts, joinBatchResults } from "../../core/landscape/pieces.ts";
import { defaultMaxSteps } from "../../core/run.ts";
import {
  sweepRates,
  sweepResult,
  type SweepEntry,
  type SweepResult,
  type SweepSpec,
} from "../../core/sweep.ts";
import type { Surface } from "../../core/types.ts";
import type { CliIo } from "../command.ts";
import { CliError, parseNumberOption } from "../common.ts";
import { formatShort } from "../format.ts";
import { defaultWorkers, maxWorkers, runTasks } from "./pool.ts";
import { shareSurface, type Task } from "./tasks.ts";

/**
 * The default work budget: iterates evaluated (starts or rates × (steps + 1)). At tens of
 * nanoseconds to a microsecond per iterate, about a minute of one core for a simple function.
 */
export const defaultMaxWork = 1e9;

/** Pieces a job is cut into: enough for progress and for every core to stay busy. */
const pieces = 64;

/** Reads --workers (default: every core) and --max-work (default `defaultMaxWork`). */
export function jobOptions(
  command: string,
  values: { workers?: string | undefined; "max-work"?: string | undefined },
): { workers: number; maxWork: number } {
  const workers = parseNumberOption(command, "workers", values.workers) ?? defaultWorkers();
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= maxWorkers)) {
    throw new CliError(
      `descent ${command}: --workers must be a whole number from 1 to ${maxWorkers}, got ${workers}`,
    );
  }
  const maxWork = parseNumberOption(command, "max-work", values["max-work"]) ?? defaultMaxWork;
  if (!(maxWork > 0)) {
    throw new CliError(`descent ${command}: --max-work must be greater than 0, got ${maxWork}`);
  }
  return { workers, maxWork };
}

/**
 * Refuses a job whose work, `items` × (steps + 1) iterates at most, is over the budget, with
 * the estimate and the flag that raises it. Nothing has been computed when it throws.
 */
export function checkWork(
  command: string,
  what: string,
  items: number,
  maxSteps: number | undefined,
  maxWork: number,
): void {
  const steps = maxSteps ?? defaultMaxSteps;
  const work = items * (steps + 1);
  if (work <= maxWork) return;
  throw new CliError(
    `descent ${command}: ${what} × ${steps + 1} iterates (--steps ${steps}) is up to ` +
      `${formatShort(work)} evaluations, over the budget of ${formatShort(maxWork)} ` +
      `(--max-work; about a minute of one core at the default). Give --max-work ${formatShort(work)} ` +
      "to run it anyway, or fewer starts, rates or steps.",
  );
}

/**
 * `DESCENT_WORKERS_ONLY=1` puts every piece on worker threads, the command's own thread only
 * handing them out: the spawned tests use it to check what workers compute end to end.
 */
const ownThread = () => process.env.DESCENT_WORKERS_ONLY !== "1";

/** Progress on the command's io, when it shows progress (a terminal). */
function progressOf(io: CliIo): ((fraction: number) => void) | undefined {
  return io.progress?.bind(io);
}

/**
 * The basin map of `basinMap` in core, with the grid's starts cut into pieces run on `workers`
 * threads and labelled together in grid order. The gradient-free rules draw every start's
 * proposals, and gradient noise every start's noise, from one random stream, so those run as one
 * piece, exactly as in core.
 */
export async function basinMapOnWorkers(
  surface: Surface,
  spec: BasinSpec,
  options: { command: string; workers: number; io: CliIo },
): Promise<BasinMap> {
  const rows = surface.dimension === 1 ? 1 : spec.rows;
  const starts = gridStarts(spec.box, spec.columns, rows, surface.dimension);
  const batchSpec = {
    optimizer: spec.optimizer,
    params: spec.params,
    gradient: spec.gradient,
    h: spec.h,
    maxSteps: spec.maxSteps,
    tol: spec.tol,
    seed: spec.seed,
    box: spec.box,
    schedule: spec.schedule,
    noise: spec.noise,
  };
  const cut = cutStarts(starts, batchSpec, pieces);
  const tasks: Task[] = cut.map((piece) => ({
    kind: "batch",
    f: surface.text,
    spec: batchSpec,
    x: piece.x,
    y: piece.y,
  }));
  shareSurface(surface);
  const parts = await runTasks<BatchResult>(tasks, {
    command: options.command,
    workers: options.workers,
    ownThread: ownThread(),
    weights: cut.map((piece) => piece.x.length),
    onProgress: progressOf(options.io),
  });
  const whole = joinBatchResults(parts);
  return labelBasins(surface, spec, whole);
}

/** `learningRateSweep` of core with the rates cut into pieces run on `workers` threads. */
export async function sweepOnWorkers(
  surface: Surface,
  spec: SweepSpec,
  options: { command: string; workers: number; io: CliIo },
): Promise<SweepResult> {
  const rates = sweepRates(spec);
  const size = Math.max(1, Math.ceil(rates.length / pieces));
  const tasks: Task[] = [];
  const weights: number[] = [];
  for (let begin = 0; begin < rates.length; begin += size) {
    const slice = rates.slice(begin, begin + size);
    tasks.push({ kind: "sweep", f: surface.text, spec, rates: slice });
    weights.push(slice.length);
  }
  shareSurface(surface);
  const parts = await runTasks<SweepEntry[]>(tasks, {
    command: options.command,
    workers: options.workers,
    ownThread: ownThread(),
    weights,
    onProgress: progressOf(options.io),
  });
  return sweepResult(surface, spec, parts.flat());
}
