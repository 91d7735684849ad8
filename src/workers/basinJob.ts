/**
 * A basin map computed on the page's worker pool: the grid's starts cut into pieces (core's
 * `cutStarts`), each piece stepped in a worker, the pieces joined in grid order and labelled on
 * the page (`labelBasins`: a few milliseconds, as it only merges end points), so the map is the
 * one core's `basinMap` gives.
 */
import {
  gridStarts,
  labelBasins,
  type BasinMap,
  type BasinSpec,
  type BatchResult,
} from "../core/batch.ts";
import { cutStarts, joinBatchResults } from "../core/landscape/pieces.ts";
import type { Surface } from "../core/types.ts";
import type { PieceCall, WorkerPool } from "./pool.ts";
import type { SurfaceRequest } from "./surfaceRequest.ts";

/** Pieces per map: enough to keep every worker busy and the progress bar moving. */
const PIECES = 32;

export interface BasinJob {
  result: Promise<BasinMap>;
  cancel(): void;
}

/**
 * Starts the basin map of `spec` on `pool`. `request` is how the workers build the surface;
 * `surface` is the same surface on the page, for labelling the end points. Progress is reported
 * as (pieces done, pieces in all).
 */
export function startBasinMap(
  pool: WorkerPool,
  request: SurfaceRequest,
  surface: Surface,
  spec: BasinSpec,
  onProgress?: (done: number, total: number) => void,
): BasinJob {
  const rows = surface.dimension === 1 ? 1 : spec.rows;
  const starts = gridStarts(spec.box, spec.columns, rows, surface.dimension);
  const { columns: _columns, rows: _rows, mergeTolerance: _merge, ...batchSpec } = spec;
  const pieces: PieceCall<BatchResult>[] = cutStarts(starts, batchSpec, PIECES, 64).map(
    (piece) => (api) =>
      api.batchPiece({ surface: request, spec: batchSpec, x: piece.x, y: piece.y }),
  );
  const job = pool.run(pieces, onProgress);
  return {
    result: job.result.then((parts) => labelBasins(surface, spec, joinBatchResults(parts))),
    cancel: job.cancel,
  };
}
