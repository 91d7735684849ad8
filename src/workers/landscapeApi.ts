/**
 * What a worker of the pool (./pool.ts) computes, as plain async functions over core: the page
 * calls them through comlink, the tests call them directly. Every input is plain data (the
 * surface by its text or data scenario, settings, start buffers) and every answer's buffers move
 * back to the page without a copy.
 */
import { transfer } from "comlink";
import { runBatch, type BatchResult, type BatchSpec } from "../core/batch.ts";
import { batchBuffers } from "../core/landscape/pieces.ts";
import { cloudPiece } from "./cloudPiece.ts";
import { longRunPiece } from "./longRunPiece.ts";
import { surfaceFor, type SurfaceRequest } from "./surfaceRequest.ts";
import { answerSweep } from "./sweepJob.ts";
import type { SweepRequest, SweepResponse } from "./sweepProtocol.ts";

/** Some starts of a batch (a basin map's grid cells, a cloud's starts), stepped with `spec`. */
export interface BatchPiece {
  surface: SurfaceRequest;
  spec: BatchSpec;
  x: Float64Array;
  y: Float64Array;
}

/** Where every start of `piece` ended (core's `runBatch`). */
export async function batchPiece(piece: BatchPiece): Promise<BatchResult> {
  const surface = await surfaceFor(piece.surface);
  const result = runBatch(surface, { x: piece.x, y: piece.y }, piece.spec);
  return transfer(result, batchBuffers(result));
}

/** A learning-rate sweep (./sweepJob.ts); never rejects. */
export function sweep(request: SweepRequest): Promise<SweepResponse> {
  return answerSweep(request);
}

export const landscapeApi = { batchPiece, cloudPiece, longRunPiece, sweep };

export type LandscapeApi = typeof landscapeApi;
