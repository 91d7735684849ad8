/**
 * The command line's thread pool: worker threads compute exactly what core's batch engine and
 * sweep compute on one thread, whether they start from the cached bundle or from the sources,
 * and a piece that fails ends the job with a message instead of a hang.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import { gridStarts, runBatch, type BatchResult } from "../../src/core/batch.ts";
import { learningRateSweep, type SweepEntry } from "../../src/core/sweep.ts";
import { parseSurface } from "../../src/core/surface.ts";
import { sourceEntry, workerEntry } from "../../src/cli/parallel/entry.ts";
import { runTasks } from "../../src/cli/parallel/pool.ts";
import type { BatchTask, Task } from "../../src/cli/parallel/tasks.ts";

vi.setConfig({ testTimeout: 60_000 });

const himmelblau = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";
const box = { xmin: -5, xmax: 5, ymin: -5, ymax: 5 };
const spec = { optimizer: "gd", params: { lr: 0.01 }, box };
const starts = gridStarts(box, 30, 20, 2);
const whole = runBatch(parseSurface(himmelblau), starts, spec);

/** The grid's 600 starts in pieces of `size`. */
function pieces(size: number): BatchTask[] {
  const tasks: BatchTask[] = [];
  for (let begin = 0; begin < starts.x.length; begin += size) {
    const end = Math.min(starts.x.length, begin + size);
    const x = starts.x.slice(begin, end);
    const y = starts.y.slice(begin, end);
    tasks.push({ kind: "batch", f: himmelblau, spec, x, y });
  }
  return tasks;
}

const weightsOf = (tasks: readonly Task[]) => tasks.map(() => 1);

/** The pieces' results joined in order, field by field. */
function joined(parts: BatchResult[], field: "finalX" | "finalY" | "steps" | "status") {
  return parts.flatMap((part) => Array.from(part[field]));
}

describe("runTasks", () => {
  it("worker threads alone compute core's single batch, piece by piece in order", async () => {
    const tasks = pieces(37);
    const parts = await runTasks<BatchResult>(tasks, {
      command: "basins",
      workers: 2,
      ownThread: false,
      weights: weightsOf(tasks),
    });
    expect(parts).toHaveLength(tasks.length);
    for (const field of ["finalX", "finalY", "steps", "status"] as const) {
      expect(joined(parts, field)).toEqual(Array.from(whole[field]));
    }
  });

  it("with a worker started at once, the pieces still come back in order and agree with core", async () => {
    const tasks = pieces(16);
    const fractions: number[] = [];
    const parts = await runTasks<BatchResult>(tasks, {
      command: "basins",
      workers: 2,
      workerStart: 0,
      weights: weightsOf(tasks),
      onProgress: (fraction) => fractions.push(fraction),
    });
    expect(joined(parts, "finalX")).toEqual(Array.from(whole.finalX));
    expect(joined(parts, "steps")).toEqual(Array.from(whole.steps));
    // Progress rises from 0 to 1, one report a piece kept.
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toHaveLength(tasks.length + 1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it("sweep pieces on worker threads give core's sweep entries", async () => {
    const surface = parseSurface("x^2 + 10*y^2");
    const sweepSpec = { start: [1, 1] as [number, number], lrMin: 0.001, lrMax: 1, count: 13 };
    const reference = learningRateSweep(surface, sweepSpec);
    const rates = reference.entries.map((entry) => entry.lr);
    const tasks: Task[] = [0, 5, 10].map((begin) => ({
      kind: "sweep",
      f: "x^2 + 10*y^2",
      spec: sweepSpec,
      rates: rates.slice(begin, begin + 5),
    }));
    const parts = await runTasks<SweepEntry[]>(tasks, {
      command: "sweep",
      workers: 2,
      ownThread: false,
      weights: weightsOf(tasks),
    });
    expect(parts.flat().map((entry) => entry.finalValue)).toEqual(
      reference.entries.map((entry) => entry.finalValue),
    );
    expect(parts.flat().map((entry) => entry.status)).toEqual(
      reference.entries.map((entry) => entry.status),
    );
  });

  it("a piece that throws ends the job with a message on either kind of thread", async () => {
    const bad: Task = {
      kind: "batch",
      f: himmelblau,
      spec: { ...spec, optimizer: "nope" },
      x: new Float64Array([1]),
      y: new Float64Array([1]),
    };
    for (const ownThread of [true, false]) {
      await expect(
        runTasks([bad], { command: "basins", workers: 1, ownThread, weights: [1] }),
      ).rejects.toThrow(/descent basins: a (piece|worker) failed: .*nope/);
    }
  });
});

describe("worker entry", () => {
  it("the cached bundle is built from the core's sources and is what workers start from", async () => {
    const entry = await workerEntry();
    expect(entry.href).not.toBe(sourceEntry.href);
    const bundle = fileURLToPath(entry);
    expect(path.basename(bundle)).toMatch(/^worker-[0-9a-f]{16}\.mjs$/);
    const manifest = JSON.parse(
      readFileSync(path.join(path.dirname(bundle), "worker.json"), "utf8"),
    );
    expect(manifest.bundle).toBe(path.basename(bundle));
    expect(Object.keys(manifest.inputs)).toEqual(
      expect.arrayContaining(["src/core/batch.ts", "src/cli/parallel/worker.ts"]),
    );
  });

  it("a worker started from the sources (no bundle) computes the same pieces", async () => {
    const tasks = pieces(200);
    const worker = new Worker(sourceEntry);
    try {
      const counter = new Int32Array(new SharedArrayBuffer(4));
      const parts: BatchResult[] = [];
      await new Promise<void>((resolve, reject) => {
        worker.on("error", reject);
        worker.on("message", ({ id, result }: { id: number; result: BatchResult }) => {
          parts[id] = result;
          if (parts.filter(Boolean).length === tasks.length) resolve();
        });
        worker.postMessage({ tasks, counter });
      });
      expect(joined(parts, "finalY")).toEqual(Array.from(whole.finalY));
      // The worker took every piece from the shared counter.
      expect(Atomics.load(counter, 0)).toBeGreaterThanOrEqual(tasks.length);
    } finally {
      await worker.terminate();
    }
  });
});
