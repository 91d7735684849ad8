/**
 * A command-line worker thread: receives every piece of a job (./tasks.ts) and a shared counter
 * from the pool (./pool.ts), takes the next piece from the counter until none is left, computes
 * each with the core's batch engine and posts each result back. The pool ends the thread.
 */
import { parentPort } from "node:worker_threads";
import { runTask, type Task } from "./tasks.ts";

if (!parentPort) throw new Error("worker.ts runs only as a worker thread");
const port = parentPort;
port.on("message", ({ tasks, counter }: { tasks: Task[]; counter: Int32Array }) => {
  for (let id = Atomics.add(counter, 0, 1); id < tasks.length; id = Atomics.add(counter, 0, 1)) {
    const { result, transfer } = runTask(tasks[id]!);
    port.postMessage({ id, result }, transfer);
  }
});
