/// <reference lib="webworker" />
/**
 * The learning-rate sweep off the main thread: each request is answered with its sweep, so the
 * page keeps drawing while dozens of runs of up to 100,000 steps are computed.
 */
import { answerSweep } from "./sweepJob.ts";
import type { SweepRequest } from "./sweepProtocol.ts";

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<SweepRequest>) => {
  void answerSweep(event.data).then((response) => scope.postMessage(response));
};
