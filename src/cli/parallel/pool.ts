/**
 * Runs the pieces of a long command (./tasks.ts) on the command's own thread and on node worker
 * threads, as many threads in all as asked, and hands back the results in the pieces' order, so
 * the answer is the same with one thread or many. The command's thread starts on the pieces at
 * once while the workers load (./entry.ts), so a job smaller than a worker's start never waits
 * for one. It reports progress as pieces finish, and Ctrl-C stops every worker and ends the
 * command with status 130.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { CliError } from "../common.ts";
import { workerEntry } from "./entry.ts";
import { runTask, type Task, type TaskResult } from "./tasks.ts";

/** The most threads a command computes on. */
export const maxWorkers = 256;

/** Default --workers: every core of the machine. */
export function defaultWorkers(): number {
  return availableParallelism();
}

export interface PoolOptions {
  /** The command's name, for the message when interrupted. */
  command: string;
  /** Threads computing, the command's own included. */
  workers: number;
  /**
   * Whether the command's own thread computes pieces (default true). Without it, `workers`
   * worker threads compute every piece: the tests use it to check what the workers compute.
   */
  ownThread?: boolean;
  /**
   * Milliseconds a worker takes to start (default `workerStartMs`): workers start only for a job
   * longer than that on the command's thread alone. 0 starts them for any job (the tests).
   */
  workerStart?: number;
  /** Each task's share of the work, for the progress fraction. */
  weights: readonly number[];
  /** Called after each finished task with the fraction of the work done, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

/**
 * About what a worker thread takes from its start to computing at full speed: loading the bundle
 * (./entry.ts), compiling the function and warming up, measured at 0.3 to 0.5 s on two cores.
 */
export const workerStartMs = 400;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Computes every task on `min(workers, tasks.length)` threads; results come back in task order.
 * Every thread takes the next piece from one shared counter as it finishes one, so no thread ever
 * waits for another to hand it work (the command's thread is busy computing between its turns).
 * Throws CliError (status 130) on Ctrl-C and CliError (status 1) when a piece fails.
 */
export function runTasks<R extends TaskResult>(
  tasks: readonly Task[],
  options: PoolOptions,
): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  if (tasks.length === 0) return Promise.resolve(results);
  const total = options.weights.reduce((sum, w) => sum + w, 0) || 1;
  const ownThread = options.ownThread ?? true;
  const threads = Math.max(1, Math.min(options.workers, tasks.length));
  const workerThreads = ownThread ? threads - 1 : threads;
  /** The next piece to take: every thread adds one to it atomically and computes what it got. */
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const workers: Worker[] = [];
  return new Promise<R[]>((resolve, reject) => {
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
    /** Keeps a finished piece's result (the first, when two threads computed it). */
    const record = (id: number, result: R) => {
      if (settled || results[id] !== undefined) return;
      results[id] = result;
      finished++;
      done += options.weights[id] ?? 0;
      options.onProgress?.(done / total);
      if (finished < tasks.length) return;
      settled = true;
      stop();
      resolve(results);
    };
    const start = (entry: URL) => {
      const worker = new Worker(entry);
      workers.push(worker);
      worker.on("message", (message: { id: number; result: R }) =>
        record(message.id, message.result),
      );
      worker.on("error", (error) =>
        fail(new CliError(`descent ${options.command}: a worker failed: ${error.message}`, 1)),
      );
      worker.on("exit", (code) => {
        if (!settled && code !== 0) {
          fail(new CliError(`descent ${options.command}: a worker stopped (exit code ${code})`, 1));
        }
      });
      worker.postMessage({ tasks, counter });
    };
    /**
     * The command's thread takes the next piece; with none left, the first piece a worker still
     * computes (a worker that started late may still be warming up), so the job never waits on
     * its last piece longer than this thread takes for it. Both compute the same result.
     */
    const nextForOwnThread = (): number | undefined => {
      const id = Atomics.add(counter, 0, 1);
      if (id < tasks.length) return id;
      const held = results.findIndex((result) => result === undefined);
      return held >= 0 ? held : undefined;
    };
    const startWorkers = async () => {
      const entry = await workerEntry();
      for (let i = 0; i < workerThreads && !settled; i++) start(entry);
    };
    /** Computes one piece on this thread; false when it failed (the job has failed). */
    const compute = (id: number): boolean => {
      try {
        record(id, runTask(tasks[id]!).result as R);
        return true;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        fail(new CliError(`descent ${options.command}: a piece failed: ${message}`, 1));
        return false;
      }
    };
    if (!ownThread) {
      void startWorkers();
      return;
    }
    void (async () => {
      // The first piece is slow while the code warms up; from the second on, a piece's time times
      // the pieces left tells how long this thread alone would still take. Workers start once
      // that is longer than one takes to start, so a small job never waits for one.
      let workersStarted = workerThreads === 0;
      for (
        let id = nextForOwnThread(), piece = 1;
        !settled && id !== undefined;
        id = nextForOwnThread(), piece++
      ) {
        const began = performance.now();
        if (!compute(id)) return;
        const alone = (performance.now() - began) * (tasks.length - Atomics.load(counter, 0));
        if (!workersStarted && piece >= 2 && alone > (options.workerStart ?? workerStartMs)) {
          workersStarted = true;
          await startWorkers();
        }
        // A turn between pieces lets workers' results in and Ctrl-C stop the job.
        await nextTurn();
      }
    })();
  });
}
