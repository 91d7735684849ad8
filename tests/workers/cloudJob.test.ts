import { describe, expect, it } from "vitest";
import { randomStarts } from "../../src/core/batch.ts";
import { cloudPositionsAt, cloudSummary, recordCloud } from "../../src/core/landscape/cloud.ts";
import { parseSurface } from "../../src/core/surface.ts";
import { startCloud } from "../../src/workers/cloudJob.ts";
import { JobCancelled } from "../../src/workers/pool.ts";
import { directPool } from "./directPool.ts";

const text = "4x^2 - 2.1x^4 + x^6/3 + x*y - 4y^2 + 4y^4";
const camel = parseSurface(text);
const box = { xmin: -2, xmax: 2, ymin: -1, ymax: 1 };
const spec = { optimizer: "gd", params: { lr: 0.01 }, box, seed: 77 };

/** The first index where two arrays differ, or −1 (deep equality is slow on a million floats). */
function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

describe("a cloud on the worker pool", () => {
  it("is the cloud recorded in one go, cut into pieces and joined back in start order", async () => {
    const pool = directPool();
    const progress: [number, number][] = [];
    const job = startCloud(pool, { f: text }, camel, spec, 2000, (done, total) =>
      progress.push([done, total]),
    );
    const cloud = await job.result;
    const whole = recordCloud(camel, randomStarts(box, 2000, 77), spec);
    expect(pool.calls).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([pool.calls, pool.calls]);
    expect(cloud.paths.count).toBe(2000);
    expect(cloud.paths.steps).toBe(whole.paths.steps);
    expect(cloud.paths.frames).toBe(whole.paths.frames);
    const frame = new Float32Array(2 * 2000);
    for (let j = 0; j < whole.paths.frames; j++) {
      cloudPositionsAt(cloud.paths, j, frame);
      const expected = whole.paths.positions.subarray(4000 * j, 4000 * (j + 1));
      expect(firstDifference(frame, expected)).toBe(-1);
    }
    expect(cloud.summary).toEqual(cloudSummary(camel, box, whole.result));
    expect(cloud.summary.minima).toHaveLength(6);
  });

  it("stops when cancelled: the answer is JobCancelled and no further piece runs", async () => {
    const pool = directPool();
    const job = startCloud(pool, { f: text }, camel, spec, 10_000);
    job.cancel();
    await expect(job.result).rejects.toBeInstanceOf(JobCancelled);
    expect(pool.calls).toBe(0);
  });

  it("refuses a bad run at once, naming what is wrong", () => {
    expect(() =>
      startCloud(directPool(), { f: text }, camel, { ...spec, maxSteps: -1 }, 100),
    ).toThrow(/maxSteps/);
  });

  it("a worker reports a function it cannot parse", async () => {
    const job = startCloud(directPool(), { f: "x +* y" }, camel, spec, 100);
    await expect(job.result).rejects.toThrow(/^f: /);
  });
});
