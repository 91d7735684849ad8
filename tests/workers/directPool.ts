import type { Remote } from "comlink";
import { landscapeApi, type LandscapeApi } from "../../src/workers/landscapeApi.ts";
import { JobCancelled, type PieceCall, type WorkerPool } from "../../src/workers/pool.ts";

/**
 * A pool that answers each piece in turn with the worker's own functions, called directly (as
 * comlink would call them in a worker), last piece first, so the join must put them back in order.
 */
export function directPool(): Pick<WorkerPool, "run"> & { calls: number } {
  const pool = {
    calls: 0,
    run<T>(pieces: readonly PieceCall<T>[], onProgress?: (done: number, total: number) => void) {
      let cancelled = false;
      const api = landscapeApi as unknown as Remote<LandscapeApi>;
      const result = (async () => {
        const answers: T[] = new Array(pieces.length);
        const order = pieces.map((_, i) => i).reverse();
        for (const [done, index] of order.entries()) {
          await Promise.resolve();
          if (cancelled) throw new JobCancelled();
          pool.calls++;
          answers[index] = await pieces[index]!(api);
          onProgress?.(done + 1, pieces.length);
        }
        return answers;
      })();
      result.catch(() => undefined);
      return { result, cancel: () => (cancelled = true) };
    },
  };
  return pool;
}
