/**
 * One learning-rate sweep from a request: the function parsed, the run's rule swept over the
 * range with the core's `learningRateSweep` (the command line's `sweep` too). Never throws: a
 * refusal comes back as a message.
 */
import { learningRateSweep } from "../core/sweep.ts";
import { startOnSurface } from "../core/scenario/runs.ts";
import { trySurface } from "../core/surface.ts";
import type { SweepRequest, SweepResponse } from "./sweepProtocol.ts";

export function sweepJob(request: SweepRequest): SweepResponse {
  const { id, f, box, run, range } = request;
  try {
    const parsed = trySurface(f);
    if (!parsed.ok) return { id, ok: false, message: `f: ${parsed.error.message}` };
    const surface = parsed.surface;
    const { lr: _lr, ...params } = run.params;
    const result = learningRateSweep(surface, {
      start: startOnSurface(run.start, surface.dimension, box),
      optimizer: run.optimizer,
      params,
      gradient: run.gradient,
      h: run.h,
      maxSteps: run.maxSteps,
      box,
      seed: run.seed,
      ...range,
    });
    return { id, ok: true, result };
  } catch (error) {
    return { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
