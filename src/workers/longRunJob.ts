/**
 * A single run with a step budget past what the page computes itself (core's `previewRun`),
 * computed on the page's worker pool (./longRunPiece.ts). The page rebuilds the run's states a
 * slice at a time, pausing between slices, so no task on its thread runs long.
 */
import { proxy } from "comlink";
import { StatesReader } from "../core/packedStates.ts";
import type { RunOutcome } from "../core/scenario/runs.ts";
import type { LongRunRequest, PackedRunOutcome } from "./longRunPiece.ts";
import { JobCancelled, type PieceCall, type WorkerPool } from "./pool.ts";

/** States rebuilt per slice on the page; one slice of Adam's states takes a few milliseconds. */
const SLICE = 5_000;

/** Lets the page's other tasks (input, frames) run between slices. */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Rebuilds `packed`'s run on the page, a slice of states at a time. */
export async function unpackOutcome(packed: PackedRunOutcome): Promise<RunOutcome> {
  const reader = new StatesReader(packed.states);
  while (!reader.done) {
    reader.read(SLICE);
    if (!reader.done) await pause();
  }
  return { result: { ...packed.result, states: reader.result() }, error: packed.error };
}

export interface LongRunJob {
  /** The whole run; rejects with the pool's `JobCancelled` when cancelled. */
  result: Promise<RunOutcome>;
  cancel(): void;
}

/**
 * Starts the run `request` asks for on `pool`; `onProgress` hears (steps taken, the run's budget)
 * as the worker computes.
 */
export function startLongRun(
  pool: Pick<WorkerPool, "run">,
  request: LongRunRequest,
  onProgress?: (steps: number, budget: number) => void,
): LongRunJob {
  const budget = request.run.maxSteps;
  const report = onProgress && proxy((steps: number) => onProgress(steps, budget));
  const piece: PieceCall<PackedRunOutcome> = (api) => api.longRunPiece(request, report);
  const job = pool.run([piece]);
  let cancelled = false;
  return {
    result: job.result.then(async ([packed]) => {
      const outcome = await unpackOutcome(packed!);
      // A job cancelled while its states were rebuilt gives nothing.
      if (cancelled) throw new JobCancelled();
      return outcome;
    }),
    cancel: () => {
      cancelled = true;
      job.cancel();
    },
  };
}
