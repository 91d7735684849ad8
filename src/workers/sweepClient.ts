/**
 * Starting a sweep in a Web Worker. A sweep still running when a new one is asked for is
 * stopped (its worker terminated), so dragging a start never queues stale sweeps.
 */
import type { SweepRequest, SweepResponse } from "./sweepProtocol.ts";

export interface SweepTask {
  result: Promise<SweepResponse>;
  cancel(): void;
}

/** Runs `request` in a fresh worker; `cancel` terminates it (the promise then never settles). */
export function startSweep(request: SweepRequest): SweepTask {
  const worker = new Worker(new URL("./sweep.worker.ts", import.meta.url), { type: "module" });
  const result = new Promise<SweepResponse>((resolve) => {
    worker.onmessage = (event: MessageEvent<SweepResponse>) => {
      resolve(event.data);
      worker.terminate();
    };
    worker.onerror = (event) => {
      resolve({ id: request.id, ok: false, message: event.message || "the sweep worker failed" });
      worker.terminate();
    };
  });
  worker.postMessage(request);
  return { result, cancel: () => worker.terminate() };
}
