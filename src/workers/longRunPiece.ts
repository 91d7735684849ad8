/**
 * A worker's side of a single run with a step budget past what the page computes itself (core's
 * `previewRun`): the whole run computed with core's `computeRun`, its arrays sent back to the
 * page without a copy and its per-step states packed (core's packedStates.ts), since copying
 * 100,000 small objects between threads costs more than computing them. The page's side is ./longRunJob.ts.
 */
import { transfer } from "comlink";
import { packedStateBuffers, packStates, type PackedStates } from "../core/packedStates.ts";
import type { Box, RunSettings } from "../core/scenario/document.ts";
import { computeRun } from "../core/scenario/runs.ts";
import type { RunResult } from "../core/types.ts";
import { surfaceFor, type SurfaceRequest } from "./surfaceRequest.ts";

/** What a long run needs: how to build the surface, the box, and the run's settings. */
export interface LongRunRequest {
  surface: SurfaceRequest;
  box: Box;
  run: RunSettings;
}

/** A computed run with its states packed, as it crosses from the worker to the page. */
export interface PackedRunOutcome {
  result: Omit<RunResult, "states">;
  states: PackedStates;
  error: string | null;
}

/** Computes the run `request` asks for (in a worker); `onProgress` hears the steps taken. */
export async function longRunPiece(
  request: LongRunRequest,
  onProgress?: (steps: number) => void,
): Promise<PackedRunOutcome> {
  const surface = await surfaceFor(request.surface);
  const { result, error } = computeRun(surface, request.box, request.run, onProgress);
  const { states, ...arrays } = result;
  const packed = packStates(states);
  const buffers = [
    arrays.xs,
    arrays.ys,
    arrays.values,
    arrays.gradX,
    arrays.gradY,
    ...(arrays.rates ? [arrays.rates] : []),
  ].map((array) => array.buffer as ArrayBuffer);
  return transfer({ result: arrays, states: packed, error }, [
    ...buffers,
    ...packedStateBuffers(packed),
  ]);
}
