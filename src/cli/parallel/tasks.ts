/**
 * The pieces a long command is cut into, and how one is computed: a slice of a batch of starts
 * (`runBatch` over those starts) or a few rates of a sweep (`sweepEntry` for each). A piece's
 * result does not depend on the other pieces, so the pieces may run on any thread in any order.
 */
import { runBatch, type BatchResult, type BatchSpec } from "../../core/batch.ts";
import { batchBuffers } from "../../core/landscape/pieces.ts";
import { parseSurface } from "../../core/surface.ts";
import { sweepEntry, type SweepEntry, type SweepSpec } from "../../core/sweep.ts";
import type { Surface } from "../../core/types.ts";

/** Starts `x[i], y[i]` of a batch, stepped with `spec`. */
export interface BatchTask {
  kind: "batch";
  f: string;
  spec: BatchSpec;
  x: Float64Array;
  y: Float64Array;
}

/** Some learning rates of a sweep. */
export interface SweepTask {
  kind: "sweep";
  f: string;
  spec: SweepSpec;
  rates: number[];
}

export type Task = BatchTask | SweepTask;
export type TaskResult = BatchResult | SweepEntry[];

const surfaces = new Map<string, Surface>();

function surfaceOf(text: string): Surface {
  let surface = surfaces.get(text);
  if (!surface) {
    surface = parseSurface(text);
    surfaces.set(text, surface);
  }
  return surface;
}

/**
 * Lends the tasks of this thread a surface already compiled from `surface.text`, so the command's
 * own thread does not parse and differentiate its function a second time for its pieces.
 */
export function shareSurface(surface: Surface): void {
  surfaces.set(surface.text, surface);
}

/** Computes one task; `transfer` lists the buffers that can move to the other thread uncopied. */
export function runTask(task: Task): { result: TaskResult; transfer: ArrayBuffer[] } {
  const surface = surfaceOf(task.f);
  if (task.kind === "sweep") {
    return { result: task.rates.map((lr) => sweepEntry(surface, task.spec, lr)), transfer: [] };
  }
  const result = runBatch(surface, { x: task.x, y: task.y }, task.spec);
  return { result, transfer: batchBuffers(result) };
}
