/**
 * A worker's share of a cloud of random starts: some of its starts stepped with the run's
 * settings, every position recorded (core's `recordCloud`), the buffers handed back to the page
 * without a copy.
 */
import { transfer } from "comlink";
import type { BatchResult, BatchSpec } from "../core/batch.ts";
import { recordCloud, type CloudPaths } from "../core/landscape/cloud.ts";
import { batchBuffers } from "../core/landscape/pieces.ts";
import { surfaceFor, type SurfaceRequest } from "./surfaceRequest.ts";

/** Some consecutive starts of a cloud, and the whole cloud's recording stride. */
export interface CloudPiece {
  surface: SurfaceRequest;
  spec: BatchSpec;
  x: Float64Array;
  y: Float64Array;
  /** The stride of the whole cloud (core's `cloudStride`), so the pieces' frames line up. */
  stride: number;
}

/** What a piece of a cloud gives back: its starts' recorded positions and where they ended. */
export interface CloudPieceResult {
  paths: CloudPaths;
  result: BatchResult;
}

/** Steps and records the starts of `piece` (core's `recordCloud`). */
export async function cloudPiece(piece: CloudPiece): Promise<CloudPieceResult> {
  const surface = await surfaceFor(piece.surface);
  const answer = recordCloud(surface, { x: piece.x, y: piece.y }, piece.spec, piece.stride);
  const buffers = [answer.paths.positions.buffer as ArrayBuffer, ...batchBuffers(answer.result)];
  return transfer(answer, buffers);
}
