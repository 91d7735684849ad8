/**
 * A cloud of random starts computed on the page's worker pool: the seeded starts cut into pieces
 * (core's `cutStarts`), each piece stepped and recorded in a worker (./cloudPiece.ts), the pieces
 * joined in start order and summarised on the page (`cloudSummary`: it only merges end points),
 * so the cloud is the one core's `recordCloud` gives for all the starts at once.
 */
import { randomStarts, type BatchSpec } from "../core/batch.ts";
import {
  cloudStride,
  cloudSummary,
  cloudRecording,
  type CloudRecording,
  type CloudSummary,
} from "../core/landscape/cloud.ts";
import { cutStarts, joinBatchResults } from "../core/landscape/pieces.ts";
import { defaultSeed } from "../core/random.ts";
import { resolveLimits } from "../core/run.ts";
import type { Surface } from "../core/types.ts";
import type { CloudPieceResult } from "./cloudPiece.ts";
import type { PieceCall, WorkerPool } from "./pool.ts";
import type { SurfaceRequest } from "./surfaceRequest.ts";

/** Pieces per cloud: enough to keep every worker busy and the progress bar moving. */
const PIECES = 32;
/** The fewest starts in a piece, so a small cloud is not cut into crumbs. */
const MIN_PIECE = 64;

/** A computed cloud: every start's recorded positions and where the starts ended. */
export interface ComputedCloud {
  paths: CloudRecording;
  summary: CloudSummary;
}

export interface CloudJob {
  /** The cloud; rejects with the pool's `JobCancelled` when cancelled, or with core's error. */
  result: Promise<ComputedCloud>;
  cancel(): void;
}

/**
 * Starts a cloud of `count` random starts in `spec.box`, drawn with `spec.seed` and stepped with
 * `spec`, on `pool`. `request` is how the workers build the surface; `surface` is the same
 * surface on the page, for summarising the end points. Progress is reported as (pieces done,
 * pieces in all). Throws at once when `spec` or `count` is refused.
 */
export function startCloud(
  pool: Pick<WorkerPool, "run">,
  request: SurfaceRequest,
  surface: Surface,
  spec: BatchSpec,
  count: number,
  onProgress?: (done: number, total: number) => void,
): CloudJob {
  const starts = randomStarts(spec.box, count, spec.seed ?? defaultSeed, surface.dimension);
  const stride = cloudStride(count, resolveLimits(spec).maxSteps);
  const pieces: PieceCall<CloudPieceResult>[] = cutStarts(starts, spec, PIECES, MIN_PIECE).map(
    (piece) => (api) => api.cloudPiece({ surface: request, spec, x: piece.x, y: piece.y, stride }),
  );
  const job = pool.run(pieces, onProgress);
  return {
    result: job.result.then((parts) => ({
      paths: cloudRecording(parts.map((part) => part.paths)),
      summary: cloudSummary(surface, spec.box, joinBatchResults(parts.map((part) => part.result))),
    })),
    cancel: job.cancel,
  };
}
