/**
 * Runs the pieces of a long command (./tasks.ts) on node worker threads, as many as asked,
 * and hands back the results in the pieces' order, so the answer is the same with one worker or
 * many. It reports progress as pieces finish, and Ctrl-C stops every worker and ends the command
 * with status 130.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { CliError } from "../common.ts";
import type { Task, TaskResult } from "./tasks.ts";

/** The worker's entry: plain JavaScript that loads the TypeScript task runner (./worker.mjs). */
const workerEntry = new URL("./worker.mjs", import.meta.url);

/** The most worker threads a command starts. */
export const maxWorkers = 256;

/** Default --workers: every core of the machine. */
export function defaultWorkers(): number {
  return availableParallelism();
}

export interface PoolOptions {
  /** The command's name, for the message when interrupted. */
  command: string;
  workers: number;
  /** Each task's share of the work, for the progress fraction. */
  weights: readonly number[];
  /** Called after each finished task with the fraction of the work done, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

/**
 * Computes every task on `min(workers, tasks.length)` threads, each taking the next task as it
 * finishes one; results come back in task order. Throws CliError (status 130) on Ctrl-C and
 * CliError (status 1) when a worker fails.
 */
export function runTasks<R extends TaskResult>(
  tasks: readonly Task[],
  options: PoolOptions,
): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  if (tasks.length === 0) return Promise.resolve(results);
  const total = options.weights.reduce((sum, w) => sum + w, 0) || 1;
  const threads = Math.max(1, Math.min(options.workers, tasks.length));
  const workers: Worker[] = [];
  return new Promise<R[]>((resolve, reject) => {
    let next = 0;
    let finished = 0;
    let done = 0;
    let settled = false;
    const stop = () => {
      process.off("SIGINT", interrupt);
      for (const worker of workers) void worker.terminate();
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      stop();
      reject(error);
    };
    const interrupt = () =>
      fail(new CliError(`descent ${options.command}: interrupted; nothing was printed`, 130));
    process.once("SIGINT", interrupt);
    options.onProgress?.(0);
    const give = (worker: Worker) => {
      if (next >= tasks.length) return;
      const id = next++;
      worker.postMessage({ id, task: tasks[id] });
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(workerEntry);
      workers.push(worker);
      worker.on("message", (message: { id: number; result: R }) => {
        if (settled) return;
        results[message.id] = message.result;
        finished++;
        done += options.weights[message.id] ?? 0;
        options.onProgress?.(done / total);
        if (finished === tasks.length) {
          settled = true;
          stop();
          resolve(results);
        } else {
          give(worker);
        }
      });
      worker.on("error", (error) =>
        fail(new CliError(`descent ${options.command}: a worker failed: ${error.message}`, 1)),
      );
      worker.on("exit", (code) => {
        if (!settled && code !== 0) {
          fail(new CliError(`descent ${options.command}: a worker stopped (code ${code})`, 1));
        }
      });
      give(worker);
    }
  });
}
