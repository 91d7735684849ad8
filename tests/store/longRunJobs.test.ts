import { afterEach, describe, expect, it } from "vitest";
import { computeRun, LONG_RUN_STEPS } from "../../src/core/scenario/runs.ts";
import { startLongRunDriver, useLongRuns } from "../../src/store/longRunJobs.ts";
import { resetExplorer, settingsOf, useExplorerStore } from "../../src/store/index.ts";
import { directPool } from "../workers/directPool.ts";

const store = useExplorerStore;
const box = { xmin: -2, xmax: 2, ymin: -1, ymax: 3 };

let stopDriver: (() => void) | null = null;
afterEach(() => {
  stopDriver?.();
  stopDriver = null;
  resetExplorer();
});

/** Rosenbrock with one gradient-descent run at lr 1e-5: it crawls, so it uses its whole budget. */
function openCrawl(maxSteps: number): string {
  store.getState().setText("(1 - x)^2 + 100*(y - x^2)^2");
  store.getState().setBox(box);
  for (const run of store.getState().runs.slice(1)) store.getState().removeRun(run.id);
  const id = store.getState().runs[0]!.id;
  store
    .getState()
    .updateRun(id, { optimizer: "gd", params: { lr: 1e-5 }, start: [-1.2, 1], maxSteps });
  return id;
}

const entry = (id: string) => store.getState().runs.find((run) => run.id === id)!;

describe("long runs", () => {
  it("show a preview of LONG_RUN_STEPS steps at once, marked for the rest", () => {
    const id = openCrawl(30_000);
    expect(entry(id).result.steps).toBe(LONG_RUN_STEPS);
    expect(entry(id).fullRun).toBe("computing");
    // A budget the page computes itself is whole at once.
    store.getState().updateRun(id, { maxSteps: 500 });
    expect(entry(id).result.steps).toBe(500);
    expect(entry(id).fullRun).toBeNull();
  });

  it("are computed whole on the pool and put in place of the preview", async () => {
    const id = openCrawl(30_000);
    const pool = directPool();
    stopDriver = startLongRunDriver({ pool: () => pool, settleMs: 0 });
    expect(useLongRuns.getState().progress[id]).toEqual({ done: 0, total: 30_000 });
    await expect.poll(() => entry(id).fullRun, { timeout: 10_000 }).toBeNull();
    const whole = computeRun(store.getState().surface, box, settingsOf(entry(id)));
    expect(entry(id).result.steps).toBe(30_000);
    expect(entry(id).result.xs).toEqual(whole.result.xs);
    expect(entry(id).result.values).toEqual(whole.result.values);
    expect(entry(id).result.states.length).toBe(30_001);
    expect(entry(id).error).toBeNull();
    expect(useLongRuns.getState().progress[id]).toBeUndefined();
    expect(pool.calls).toBe(1);
  });

  it("drop an answer for a run that changed meanwhile, and compute the new one", async () => {
    const id = openCrawl(30_000);
    const pool = directPool();
    stopDriver = startLongRunDriver({ pool: () => pool, settleMs: 0 });
    // The start moves as the worker reports its last steps: that answer must not land on the
    // moved run.
    let moved = false;
    const unsubscribe = useLongRuns.subscribe((state) => {
      if (moved || state.progress[id]?.done !== 30_000) return;
      moved = true;
      store.getState().setRunStart(id, [-1, 2]);
    });
    // Every whole run put on the page, by where it starts.
    const landed: number[] = [];
    const unwatch = store.subscribe((state) => {
      const run = state.runs.find((r) => r.id === id);
      if (run && run.fullRun === null && run.result.steps === 30_000)
        landed.push(run.result.xs[0]!);
    });
    await expect.poll(() => moved).toBe(true);
    unsubscribe();
    await expect.poll(() => entry(id).fullRun, { timeout: 10_000 }).toBeNull();
    unwatch();
    expect(landed).toEqual([-1]);
    expect(entry(id).result.xs[0]).toBe(-1);
    expect(entry(id).result.ys[0]).toBe(2);
    expect(entry(id).result.steps).toBe(30_000);
    expect(pool.calls).toBe(2);
  });

  it("stop on Cancel, keeping the preview, and start again on request", async () => {
    const id = openCrawl(30_000);
    const pool = directPool();
    stopDriver = startLongRunDriver({ pool: () => pool, settleMs: 60_000 });
    store.getState().setFullRun(id, "stopped");
    expect(entry(id).fullRun).toBe("stopped");
    expect(entry(id).result.steps).toBe(LONG_RUN_STEPS);
    expect(useLongRuns.getState().progress[id]).toBeUndefined();
    stopDriver();
    stopDriver = startLongRunDriver({ pool: () => pool, settleMs: 0 });
    expect(pool.calls).toBe(0);
    store.getState().setFullRun(id, "computing");
    await expect.poll(() => entry(id).fullRun, { timeout: 10_000 }).toBeNull();
    expect(entry(id).result.steps).toBe(30_000);
  });

  it("keep the preview with the reason when the rest cannot be computed", async () => {
    const id = openCrawl(30_000);
    const failing = {
      run: () => {
        throw new Error("no workers here");
      },
    };
    stopDriver = startLongRunDriver({ pool: () => failing, settleMs: 0 });
    await expect.poll(() => entry(id).fullRun, { timeout: 10_000 }).toBeNull();
    expect(entry(id).result.steps).toBe(LONG_RUN_STEPS);
    expect(entry(id).error).toBe(
      `the steps past ${LONG_RUN_STEPS} could not be computed (no workers here)`,
    );
  });
});
