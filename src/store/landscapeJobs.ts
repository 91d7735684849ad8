/**
 * The basin map behind the "Basin map" toggle, computed on the worker pool and refined coarse to
 * fine. What is computed is not part of the document, so it lives in its own small store beside
 * the explorer's; the driver watches the explorer store and cancels and restarts the job whenever
 * what the map depends on changes: the surface, the box, and the selected run's step rule and
 * limits (not its start, which the map does not depend on, so dragging a start costs nothing).
 */
import { create } from "zustand";
import type { BasinMap } from "../core/batch.ts";
import { basinResolutions } from "../core/landscape/basinMapView.ts";
import { iterateCost } from "../core/run.ts";
import type { Surface } from "../core/types.ts";
import { startBasinMap, type BasinJob } from "../workers/basinJob.ts";
import { JobCancelled, landscapePool, type WorkerPool } from "../workers/pool.ts";
import { useExplorerStore, type ExplorerState } from "./index.ts";
import { selectedRunBatch, type SelectedRunBatch } from "./landscapeInputs.ts";
import { selectedRun } from "./runsSlice.ts";
import { defaultMaxSteps } from "../core/run.ts";

export interface BasinProgress {
  /** Cells a side of the map being computed. */
  resolution: number;
  /** Which refinement this is (1-based) and how many there are. */
  level: number;
  levels: number;
  done: number;
  total: number;
}

export interface BasinJobState {
  /** The finest map finished for the current inputs, or null. */
  map: BasinMap | null;
  /** The map being computed, or null when none is. */
  progress: BasinProgress | null;
  /** The finest resolution asked for the current inputs (the map may still be coarser). */
  finest: number | null;
  /** True when the person stopped the job before the finest map. */
  stopped: boolean;
  /** Why the map could not be computed, or null. */
  error: string | null;
}

const idle: BasinJobState = {
  map: null,
  progress: null,
  finest: null,
  stopped: false,
  error: null,
};

/** The basin map's job, for the views and the legend. */
export const useBasinJob = create<BasinJobState>()(() => idle);

let current: BasinJob | null = null;
let currentKey: string | null = null;
let lastSeen: { surface: Surface; box: unknown; run: unknown; on: boolean } | null = null;

/** Stops the map being computed; the coarser map already shown stays. */
export function cancelBasinMap(): void {
  current?.cancel();
  current = null;
  useBasinJob.setState({ progress: null, stopped: true });
}

/** What the map depends on, or null when no map is asked for. */
function basinQuestion(state: ExplorerState): SelectedRunBatch | null {
  if (!state.view.basinMap || state.surface.dimension !== 2 || state.compare !== null) {
    return null;
  }
  return selectedRunBatch(state);
}

async function compute(pool: WorkerPool, question: SelectedRunBatch, key: string): Promise<void> {
  const sizes = basinResolutions(
    question.spec.maxSteps ?? defaultMaxSteps,
    200,
    iterateCost(question.surface),
  );
  useBasinJob.setState({ ...idle, finest: sizes[sizes.length - 1]! });
  for (const [index, resolution] of sizes.entries()) {
    if (currentKey !== key) return;
    const progress = { resolution, level: index + 1, levels: sizes.length, done: 0, total: 1 };
    useBasinJob.setState({ progress });
    const job = startBasinMap(
      pool,
      question.request,
      question.surface,
      { ...question.spec, columns: resolution, rows: resolution },
      (done, total) => {
        if (currentKey === key) useBasinJob.setState({ progress: { ...progress, done, total } });
      },
    );
    current = job;
    try {
      const map = await job.result;
      if (currentKey !== key) return;
      useBasinJob.setState({ map, progress: null });
    } catch (error) {
      if (error instanceof JobCancelled || currentKey !== key) return;
      useBasinJob.setState({
        progress: null,
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
  }
  current = null;
}

/**
 * Keeps the basin map in step with the explorer store; returns the function that stops it.
 * Started once by the page (workers exist only in a browser).
 */
export function startLandscapeDriver(pool: WorkerPool = landscapePool()): () => void {
  const check = (state: ExplorerState) => {
    const run = selectedRun(state);
    const seen = { surface: state.surface, box: state.box, run, on: state.view.basinMap };
    // Most store changes (playback speed, a drag's every move on another run) change none of
    // these references: nothing to do.
    if (
      lastSeen &&
      lastSeen.surface === seen.surface &&
      lastSeen.box === seen.box &&
      lastSeen.run === seen.run &&
      lastSeen.on === seen.on &&
      state.compare === null
    ) {
      return;
    }
    lastSeen = seen;
    const question = basinQuestion(state);
    const key =
      question === null
        ? null
        : JSON.stringify([
            question.spec,
            question.request.data === undefined ? question.request.f : "",
          ]) + (question.request.data !== undefined ? `#${surfaceSerial(question.surface)}` : "");
    if (key === currentKey) return;
    current?.cancel();
    current = null;
    currentKey = key;
    if (question === null || key === null) {
      useBasinJob.setState(idle);
      return;
    }
    void compute(pool, question, key);
  };
  check(useExplorerStore.getState());
  const unsubscribe = useExplorerStore.subscribe(check);
  return () => {
    unsubscribe();
    current?.cancel();
    current = null;
    currentKey = null;
    lastSeen = null;
    useBasinJob.setState(idle);
  };
}

const serials = new WeakMap<Surface, number>();
let nextSerial = 0;

/** A number per surface object: a data scenario's surface stands for its data in the key. */
function surfaceSerial(surface: Surface): number {
  let serial = serials.get(surface);
  if (serial === undefined) {
    serial = ++nextSerial;
    serials.set(surface, serial);
  }
  return serial;
}
