/**
 * The cloud of random starts as computed: the document says only that there is a cloud and how
 * many starts it has (the explorer store's `cloud`); every start's recorded path and the summary
 * of where they ended are computed on the worker pool and kept here, in a small store of their
 * own. The driver watches the explorer store and cancels and restarts the job whenever what the
 * cloud depends on changes: the surface, the box, the number of starts, and the selected run's
 * step rule, limits and seed (not its start, label or colour, so dragging a start costs nothing).
 */
import { create } from "zustand";
import type { Surface } from "../core/types.ts";
import { startCloud, type CloudJob, type ComputedCloud } from "../workers/cloudJob.ts";
import { JobCancelled, landscapePool, type WorkerPool } from "../workers/pool.ts";
import { useExplorerStore, type ExplorerState } from "./index.ts";
import { selectedRunBatch, type SelectedRunBatch } from "./landscapeInputs.ts";

export interface CloudJobState {
  /** The cloud computed for what is on screen now, or null (none asked for, or not ready). */
  cloud: ComputedCloud | null;
  /** While a cloud is computed: its number of starts and pieces done of pieces in all. */
  progress: { count: number; done: number; total: number } | null;
  /** Why the cloud asked for could not be computed, or null. */
  error: string | null;
}

const idle: CloudJobState = { cloud: null, progress: null, error: null };

/** The computed cloud, for the views and the panel. */
export const useCloudJob = create<CloudJobState>()(() => idle);

/** What a cloud depends on. */
interface CloudQuestion extends SelectedRunBatch {
  count: number;
}

/** What the cloud on screen depends on, or null when there is none to compute. */
function cloudQuestion(state: ExplorerState): CloudQuestion | null {
  const batch = selectedRunBatch(state);
  if (state.cloud === null || batch === null) return null;
  return { ...batch, count: state.cloud.count };
}

/** Wait before starting, so a dragged slider starts one cloud when it rests, not one per move. */
const SETTLE_MS = 120;

export interface CloudDriverOptions {
  /** The explorer store watched (default: the page's). */
  store?: typeof useExplorerStore;
  /** The pool the pieces run on (default: the page's worker pool, made on first use). */
  pool?: () => Pick<WorkerPool, "run">;
  /** Milliseconds to wait for the inputs to settle before starting (default 120). */
  settleMs?: number;
}

/**
 * Keeps the computed cloud in step with the explorer store; returns the function that stops it.
 * Started once by the page (workers exist only in a browser).
 */
export function startCloudDriver(options: CloudDriverOptions = {}): () => void {
  const store = options.store ?? useExplorerStore;
  const pool = options.pool ?? landscapePool;
  const settleMs = options.settleMs ?? SETTLE_MS;
  let job: CloudJob | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let surface: Surface | null = null;
  let key: string | null = null;
  // Which question the job under way answers: an answer to an older one is dropped.
  let serial = 0;

  const stop = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    job?.cancel();
    job = null;
  };

  const launch = (question: CloudQuestion, mine: number): void => {
    timer = null;
    const report = (done: number, total: number) => {
      if (mine === serial)
        useCloudJob.setState({ progress: { count: question.count, done, total } });
    };
    try {
      job = startCloud(
        pool(),
        question.request,
        question.surface,
        question.spec,
        question.count,
        report,
      );
    } catch (error) {
      useCloudJob.setState({ progress: null, error: messageOf(error) });
      return;
    }
    job.result.then(
      (cloud) => {
        if (mine !== serial) return;
        job = null;
        useCloudJob.setState({ cloud, progress: null, error: null });
      },
      (error: unknown) => {
        if (mine !== serial || error instanceof JobCancelled) return;
        job = null;
        useCloudJob.setState({ progress: null, error: messageOf(error) });
      },
    );
  };

  const check = (state: ExplorerState): void => {
    const question = cloudQuestion(state);
    // The surface is compared by reference: a new text or data scenario is a new surface.
    const nextKey = question && JSON.stringify([question.spec, question.count]);
    if (nextKey === key && (question === null || question.surface === surface)) return;
    stop();
    serial++;
    key = nextKey;
    surface = question?.surface ?? null;
    if (question === null) {
      useCloudJob.setState(idle);
      return;
    }
    useCloudJob.setState({
      cloud: null,
      progress: { count: question.count, done: 0, total: 1 },
      error: null,
    });
    const mine = serial;
    timer = setTimeout(() => launch(question, mine), settleMs);
  };

  check(store.getState());
  const unsubscribe = store.subscribe(check);
  return () => {
    unsubscribe();
    stop();
    serial++;
    useCloudJob.setState(idle);
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
