import { afterEach, describe, expect, it } from "vitest";
import { randomStarts } from "../../src/core/batch.ts";
import { cloudSummary, recordCloud } from "../../src/core/landscape/cloud.ts";
import { batchSpecOf } from "../../src/core/scenario/runs.ts";
import { startCloudDriver, useCloudJob } from "../../src/store/cloudJob.ts";
import { resetExplorer, selectedRun, settingsOf, useExplorerStore } from "../../src/store/index.ts";
import { directPool } from "../workers/directPool.ts";

const store = useExplorerStore;
const camelText = "4x^2 - 2.1x^4 + x^6/3 + x*y - 4y^2 + 4y^4";
const camelBox = { xmin: -2, xmax: 2, ymin: -1, ymax: 1 };

let stopDriver: (() => void) | null = null;
afterEach(() => {
  stopDriver?.();
  stopDriver = null;
  resetExplorer();
});

/** The six-hump camel with one gradient-descent run, lr 0.01, selected. */
function openCamel(): string {
  const state = store.getState();
  state.setText(camelText);
  state.setBox(camelBox);
  for (const run of store.getState().runs.slice(1)) store.getState().removeRun(run.id);
  const id = store.getState().runs[0]!.id;
  store.getState().updateRun(id, { optimizer: "gd", params: { lr: 0.01 }, start: [1, 0.5] });
  store.getState().selectRun(id);
  return id;
}

async function computed() {
  await expect.poll(() => useCloudJob.getState().cloud, { timeout: 10_000 }).not.toBeNull();
  return useCloudJob.getState().cloud!;
}

describe("the cloud driver", () => {
  it("computes the cloud the document asks for with the selected run's settings and seed", async () => {
    const id = openCamel();
    const pool = directPool();
    stopDriver = startCloudDriver({ pool: () => pool, settleMs: 0 });
    expect(useCloudJob.getState().progress).toBeNull();
    store.getState().setCloud({ count: 300 });
    expect(useCloudJob.getState().progress).toMatchObject({ count: 300, done: 0 });
    const cloud = await computed();
    expect(useCloudJob.getState().progress).toBeNull();
    const run = selectedRun(store.getState())!;
    expect(run.id).toBe(id);
    const spec = batchSpecOf(settingsOf(run), camelBox);
    const whole = recordCloud(
      store.getState().surface,
      randomStarts(camelBox, 300, run.seed),
      spec,
    );
    expect(cloud.paths.steps).toBe(whole.paths.steps);
    expect(cloud.summary).toEqual(cloudSummary(store.getState().surface, camelBox, whole.result));
  });

  it("restarts when the rule changes, not when the run's start moves; stops when removed", async () => {
    const id = openCamel();
    const pool = directPool();
    stopDriver = startCloudDriver({ pool: () => pool, settleMs: 0 });
    store.getState().setCloud({ count: 200 });
    const first = await computed();
    const calls = pool.calls;

    // Dragging the run's start, renaming or recolouring it changes nothing the cloud uses.
    store.getState().setRunStart(id, [-1, -0.5]);
    store.getState().updateRun(id, { label: "Camel", color: "#123456" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(useCloudJob.getState().cloud).toBe(first);
    expect(pool.calls).toBe(calls);

    // Another learning rate is another cloud: the old one goes at once.
    store.getState().updateRun(id, { params: { lr: 0.02 } });
    expect(useCloudJob.getState().cloud).toBeNull();
    const second = await computed();
    expect(second).not.toBe(first);
    expect(second.paths.steps).toBeLessThan(first.paths.steps);

    // So is another number of starts, and another box.
    store.getState().setCloud({ count: 100 });
    const third = await computed();
    expect(third.paths.count).toBe(100);
    store.getState().setBox({ ...camelBox, ymin: -1.5 });
    expect(useCloudJob.getState().cloud).toBeNull();
    expect(await computed()).not.toBe(third);

    store.getState().setCloud(null);
    expect(useCloudJob.getState()).toMatchObject({ cloud: null, progress: null, error: null });
  });

  it("says why a cloud cannot be computed", async () => {
    openCamel();
    stopDriver = startCloudDriver({
      pool: () => ({
        run: () => ({ result: Promise.reject(new Error("no workers here")), cancel: () => {} }),
      }),
      settleMs: 0,
    });
    store.getState().setCloud({ count: 50 });
    await expect.poll(() => useCloudJob.getState().error).toBe("no workers here");
    expect(useCloudJob.getState().progress).toBeNull();
  });
});
