/**
 * One learning-rate sweep from a request: the surface built (the function parsed, or the data
 * scenario's loss resolved), the run's rule swept over the range with the core's
 * `learningRateSweep` (the command line's `sweep` too). Never throws: a refusal comes back as a
 * message.
 */
import type { LoadedSources } from "../core/data/sources.ts";
import { startOnSurface } from "../core/scenario/runs.ts";
import { learningRateSweep } from "../core/sweep.ts";
import { isDataSurface } from "../core/data/miniBatch.ts";
import type { SweepRequest, SweepResponse } from "./sweepProtocol.ts";
import { loadSources, requestSurface } from "./surfaceRequest.ts";

/** The sweep `request` asks for, over files already loaded (`loaded`). */
export function sweepJob(request: SweepRequest, loaded: LoadedSources = {}): SweepResponse {
  const { id, box, run, range } = request;
  try {
    const built = requestSurface(request, loaded);
    if (!built.ok) return { id, ok: false, message: built.message };
    const surface = built.surface;
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
      // A mini-batch run is swept with its batches: noisy steps move where rates stop working.
      ...(run.batch !== undefined && isDataSurface(surface)
        ? { batch: Math.min(run.batch, surface.count) }
        : {}),
      ...range,
    });
    return { id, ok: true, result };
  } catch (error) {
    return { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * `sweepJob` after loading the files the request's data scenario needs (./surfaceRequest.ts).
 * Never rejects.
 */
export async function answerSweep(request: SweepRequest): Promise<SweepResponse> {
  try {
    return sweepJob(request, await loadSources(request));
  } catch (error) {
    return { id: request.id, ok: false, message: (error as Error).message };
  }
}
