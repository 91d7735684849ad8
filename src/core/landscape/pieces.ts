/**
 * A batch of starts cut into pieces that can be computed anywhere (another thread, another
 * worker) in any order and joined back in start order. Each start's end does not depend on the
 * other starts, except where every start draws from one random stream (the gradient-free rules'
 * proposals, gradient noise): such a batch is one piece, so the answer never depends on how it
 * was cut.
 */
import { getOptimizer } from "../optimizers/index.ts";
import type { BatchResult, BatchSpec, StartPoints } from "../batch.ts";

/** True when every start of a batch with `spec` draws from one shared random stream. */
export function sharesRandomStream(spec: Pick<BatchSpec, "optimizer" | "noise">): boolean {
  return getOptimizer(spec.optimizer)?.usesGradient === false || (spec.noise ?? 0) > 0;
}

/**
 * The starts of a batch, cut into consecutive pieces of about ⌈count / pieces⌉ starts and at
 * least `minimum` each (one piece when the batch shares a random stream).
 */
export function cutStarts(
  starts: StartPoints,
  spec: Pick<BatchSpec, "optimizer" | "noise">,
  pieces: number,
  minimum = 256,
): StartPoints[] {
  const count = starts.x.length;
  const size = sharesRandomStream(spec)
    ? count
    : Math.max(minimum, Math.ceil(count / Math.max(1, pieces)));
  const cut: StartPoints[] = [];
  for (let begin = 0; begin < count; begin += size) {
    const end = Math.min(count, begin + size);
    cut.push({ x: starts.x.slice(begin, end), y: starts.y.slice(begin, end) });
  }
  return cut;
}

/** The batch results of consecutive pieces joined into one, in piece order. */
export function joinBatchResults(parts: readonly BatchResult[]): BatchResult {
  const count = parts.reduce((sum, part) => sum + part.count, 0);
  const whole: BatchResult = {
    count,
    startX: new Float64Array(count),
    startY: new Float64Array(count),
    finalX: new Float64Array(count),
    finalY: new Float64Array(count),
    finalValue: new Float64Array(count),
    finalGradX: new Float64Array(count),
    finalGradY: new Float64Array(count),
    status: new Uint8Array(count),
    steps: new Uint32Array(count),
  };
  let offset = 0;
  for (const part of parts) {
    whole.startX.set(part.startX, offset);
    whole.startY.set(part.startY, offset);
    whole.finalX.set(part.finalX, offset);
    whole.finalY.set(part.finalY, offset);
    whole.finalValue.set(part.finalValue, offset);
    whole.finalGradX.set(part.finalGradX, offset);
    whole.finalGradY.set(part.finalGradY, offset);
    whole.status.set(part.status, offset);
    whole.steps.set(part.steps, offset);
    offset += part.count;
  }
  return whole;
}

/** The buffers of a batch result, for moving it to another thread without a copy. */
export function batchBuffers(result: BatchResult): ArrayBuffer[] {
  const buffers = [
    result.startX,
    result.startY,
    result.finalX,
    result.finalY,
    result.finalValue,
    result.finalGradX,
    result.finalGradY,
    result.status,
    result.steps,
  ].map((array) => array.buffer as ArrayBuffer);
  return [...new Set(buffers)];
}
