/**
 * A command-line worker thread: runs the tasks the pool (./pool.ts) sends, with the core's batch
 * engine, and posts each result back. One surface per function text is compiled and kept.
 */
import { parentPort } from "node:worker_threads";
import { runTask, type Task } from "./tasks.ts";

if (!parentPort) throw new Error("worker.ts runs only as a worker thread");
const port = parentPort;
port.on("message", (message: { id: number; task: Task }) => {
  const { result, transfer } = runTask(message.task);
  port.postMessage({ id: message.id, result }, transfer);
});
