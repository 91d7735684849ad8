import { afterEach, describe, expect, it } from "vitest";
import { expose } from "comlink";
import { gridStarts, runBatch, type BatchResult } from "../../src/core/batch.ts";
import { parseSurface } from "../../src/core/surface.ts";
import { startBasinMap } from "../../src/workers/basinJob.ts";
import { basinMap } from "../../src/core/batch.ts";
import { landscapeApi } from "../../src/workers/landscapeApi.ts";
import { JobCancelled, WorkerPool, type PieceCall } from "../../src/workers/pool.ts";

/**
 * A worker made of a message channel: `api` answers on one port through comlink, exactly as
 * in a Web Worker, and the pool talks to the other.
 */
function channelWorker(api: object, stopped: { count: number } = { count: 0 }): () => Worker {
  return () => {
    const { port1, port2 } = new MessageChannel();
    expose(api, port2);
    const terminate = () => {
      stopped.count++;
      port1.close();
      port2.close();
    };
    return Object.assign(port1, { terminate }) as unknown as Worker;
  };
}

let pool: WorkerPool | null = null;
afterEach(() => {
  pool?.terminate();
  pool = null;
});

describe("the worker pool", () => {
  it("computes a basin map through the workers that equals core's own", async () => {
    pool = new WorkerPool(2, channelWorker(landscapeApi));
    const f = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";
    const surface = parseSurface(f);
    const spec = {
      optimizer: "gd" as const,
      params: { lr: 0.01 },
      maxSteps: 500,
      box: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
      columns: 40,
      rows: 40,
    };
    const progress: [number, number][] = [];
    const job = startBasinMap(pool, { f }, surface, spec, (done, total) =>
      progress.push([done, total]),
    );
    const map = await job.result;
    const reference = basinMap(surface, spec);
    expect(Array.from(map.basin)).toEqual(Array.from(reference.basin));
    expect(map.minima).toEqual(reference.minima);
    // Himmelblau's four minima, all of value 0, with every start in one of them.
    expect(map.minima).toHaveLength(4);
    expect(map.minima.reduce((sum, m) => sum + m.count, 0)).toBe(1600);
    // 1600 starts in pieces of at least 64: 25 pieces, each reported once, in order of finishing.
    expect(progress.map(([done]) => done)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(progress.every(([, total]) => total === 25)).toBe(true);
  });

  it("answers in piece order whatever order the pieces finish in", async () => {
    const delays = [30, 0, 15, 5];
    pool = new WorkerPool(
      4,
      channelWorker({
        wait: (index: number) =>
          new Promise((resolve) => setTimeout(() => resolve(index * 10), delays[index])),
      }),
    );
    const pieces = delays.map(
      (_, index) =>
        ((api: { wait(i: number): Promise<number> }) =>
          api.wait(index)) as unknown as PieceCall<number>,
    );
    await expect(pool.run(pieces).result).resolves.toEqual([0, 10, 20, 30]);
  });

  it("drops a cancelled job's waiting pieces, stops its running one, and the next job runs", async () => {
    const started: number[] = [];
    const stopped = { count: 0 };
    pool = new WorkerPool(
      1,
      channelWorker(
        {
          slow: (index: number) => {
            started.push(index);
            return new Promise((resolve) => setTimeout(() => resolve(index), 20));
          },
        },
        stopped,
      ),
    );
    const call = (index: number) =>
      ((api: { slow(i: number): Promise<number> }) =>
        api.slow(index)) as unknown as PieceCall<number>;
    const job = pool.run([0, 1, 2, 3, 4].map(call));
    await new Promise((resolve) => setTimeout(resolve, 5));
    job.cancel();
    await expect(job.result).rejects.toBeInstanceOf(JobCancelled);
    const next = pool.run([10, 11].map(call));
    await expect(next.result).resolves.toEqual([10, 11]);
    // Only the piece running when it was cancelled was started of the first job, and its worker
    // was stopped (the next job ran on a fresh one).
    expect(started).toEqual([0, 10, 11]);
    expect(stopped.count).toBe(1);
  });

  it("rejects a job whose piece fails, with the worker's message", async () => {
    pool = new WorkerPool(2, channelWorker(landscapeApi));
    const starts = gridStarts({ xmin: -1, xmax: 1, ymin: -1, ymax: 1 }, 2, 2);
    const piece: PieceCall<BatchResult> = (api) =>
      api.batchPiece({
        surface: { f: "x^2 +" },
        spec: {
          optimizer: "gd",
          params: { lr: 0.1 },
          box: { xmin: -1, xmax: 1, ymin: -1, ymax: 1 },
        },
        x: starts.x,
        y: starts.y,
      });
    await expect(pool.run([piece]).result).rejects.toThrow(/^f: /);
  });

  it("runs a data scenario's loss in the worker as the page resolves it", async () => {
    pool = new WorkerPool(1, channelWorker(landscapeApi));
    const box = { xmin: -1, xmax: 4, ymin: -1, ymax: 3 };
    const starts = gridStarts(box, 3, 3);
    const spec = { optimizer: "gd" as const, params: { lr: 0.1 }, maxSteps: 50, box };
    const [answer] = await pool.run<BatchResult>([
      (api) =>
        api.batchPiece({
          surface: { data: { source: "line", model: "line", loss: "mse", standardize: false } },
          spec,
          x: starts.x,
          y: starts.y,
        }),
    ]).result;
    const { resolveData } = await import("../../src/core/data/sources.ts");
    const surface = resolveData(
      { source: "line", model: "line", loss: "mse", standardize: false },
      {},
    ).surface;
    const reference = runBatch(surface, starts, spec);
    expect(Array.from(answer!.finalX)).toEqual(Array.from(reference.finalX));
    expect(Array.from(answer!.finalValue)).toEqual(Array.from(reference.finalValue));
  });
});
