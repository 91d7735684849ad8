/**
 * One learning-rate sweep from a request: the surface built (the function parsed, or the data
 * scenario's loss resolved), the run's rule swept over the range with the core's
 * `learningRateSweep` (the command line's `sweep` too). Never throws: a refusal comes back as a
 * message.
 */
import { loadCars } from "../core/data/cars.ts";
import { resolveData, type LoadedSources } from "../core/data/sources.ts";
import { dataSchema, issuePath } from "../core/scenario/document.ts";
import { startOnSurface } from "../core/scenario/runs.ts";
import { trySurface } from "../core/surface.ts";
import { learningRateSweep } from "../core/sweep.ts";
import { isDataSurface } from "../core/data/miniBatch.ts";
import type { Surface } from "../core/types.ts";
import type { SweepRequest, SweepResponse } from "./sweepProtocol.ts";

/**
 * The surface a request sweeps over, or why there is none. A data scenario is checked strictly
 * against the document's schema, as a file or link carrying it would be, then resolved with
 * `loaded` (the cars, for the `cars` source).
 */
function requestSurface(
  request: SweepRequest,
  loaded: LoadedSources,
): { ok: true; surface: Surface } | { ok: false; message: string } {
  if (request.data === undefined) {
    const parsed = trySurface(request.f);
    return parsed.ok
      ? { ok: true, surface: parsed.surface }
      : { ok: false, message: `f: ${parsed.error.message}` };
  }
  const checked = dataSchema.safeParse(request.data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return {
      ok: false,
      message: issue
        ? `${issuePath(["data", ...issue.path])}: ${issue.message}`
        : "data: not a data scenario",
    };
  }
  return { ok: true, surface: resolveData(checked.data, loaded).surface };
}

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
 * `sweepJob` after loading the files the request's data scenario needs: the cars for the
 * `cars` source (the worker has none of the page's loaded files). Never rejects.
 */
export async function answerSweep(request: SweepRequest): Promise<SweepResponse> {
  let loaded: LoadedSources = {};
  if (request.data?.source === "cars") {
    try {
      loaded = { cars: await loadCars() };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        id: request.id,
        ok: false,
        message: `the cars data could not be loaded (${reason})`,
      };
    }
  }
  return sweepJob(request, loaded);
}
