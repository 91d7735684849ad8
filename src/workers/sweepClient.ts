/**
 * Starting a learning-rate sweep on the page's worker pool (./pool.ts). A sweep still running
 * when a new one is asked for is cancelled (its worker stopped), so dragging a start never
 * queues stale sweeps.
 */
import { JobCancelled, landscapePool } from "./pool.ts";
import type { SweepRequest, SweepResponse } from "./sweepProtocol.ts";

export interface SweepTask {
  result: Promise<SweepResponse>;
  cancel(): void;
}

/** Runs `request` on the pool; after `cancel` the promise never settles. */
export function startSweep(request: SweepRequest): SweepTask {
  const job = landscapePool().run<SweepResponse>([(api) => api.sweep(request)]);
  const result = new Promise<SweepResponse>((resolve) => {
    job.result.then(
      ([response]) => resolve(response!),
      (error: unknown) => {
        if (error instanceof JobCancelled) return;
        const message = error instanceof Error ? error.message : String(error);
        resolve({ id: request.id, ok: false, message: message || "the sweep worker failed" });
      },
    );
  });
  return { result, cancel: job.cancel };
}
