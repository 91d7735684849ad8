/**
 * The remaining steps of long runs (a budget past what the page computes itself, core's
 * `previewRun`), computed on the worker pool. The explorer store holds each run's preview and
 * marks the runs still going when it stopped (`fullRun: "computing"`); this driver computes each of those runs whole and puts it in
 * place of the preview. A run that changes (its start dragged, a setting, the surface or the box)
 * is a new entry: its old job is cancelled, and the new one starts once the input rests. Progress
 * per run is kept here, in a small store of its own.
 */
import { create } from "zustand";
import { startLongRun, type LongRunJob } from "../workers/longRunJob.ts";
import { JobCancelled, landscapePool, type WorkerPool } from "../workers/pool.ts";
import { useExplorerStore, type ExplorerState } from "./index.ts";
import { surfaceRequestOf } from "./landscapeInputs.ts";
import { settingsOf } from "./runEntries.ts";
import type { RunEntry } from "./types.ts";

export interface LongRunsState {
  /** Per run id being computed: steps done (of the budget) so far. */
  progress: Record<string, { done: number; total: number }>;
}

/** The long runs' progress, for the run list. */
export const useLongRuns = create<LongRunsState>()(() => ({ progress: {} }));

/** Wait before starting, so a dragged start computes once it rests, not once per move. */
const SETTLE_MS = 120;

export interface LongRunDriverOptions {
  /** The explorer store watched (default: the page's). */
  store?: typeof useExplorerStore;
  /** The pool the runs are computed on (default: the page's worker pool, made on first use). */
  pool?: () => Pick<WorkerPool, "run">;
  /** Milliseconds to wait for the inputs to settle before starting (default 120). */
  settleMs?: number;
}

interface Tracked {
  entry: RunEntry;
  job: LongRunJob | null;
  timer: ReturnType<typeof setTimeout> | null;
}

function setProgress(id: string, progress: { done: number; total: number } | null): void {
  const { [id]: _old, ...rest } = useLongRuns.getState().progress;
  useLongRuns.setState({ progress: progress ? { ...rest, [id]: progress } : rest });
}

/**
 * Keeps every long run being computed while the page shows it; returns the function that stops.
 * Started once by the page (workers exist only in a browser).
 */
export function startLongRunDriver(options: LongRunDriverOptions = {}): () => void {
  const store = options.store ?? useExplorerStore;
  const pool = options.pool ?? landscapePool;
  const settleMs = options.settleMs ?? SETTLE_MS;
  const tracked = new Map<string, Tracked>();

  const drop = (id: string): void => {
    const item = tracked.get(id);
    if (!item) return;
    if (item.timer !== null) clearTimeout(item.timer);
    item.job?.cancel();
    tracked.delete(id);
    setProgress(id, null);
  };

  const launch = (item: Tracked, state: ExplorerState): void => {
    item.timer = null;
    const { entry } = item;
    const request = {
      surface: surfaceRequestOf(state),
      box: state.box,
      run: settingsOf(entry),
    };
    const mine = (): boolean => tracked.get(entry.id) === item;
    const fail = (error: unknown): void => {
      tracked.delete(entry.id);
      setProgress(entry.id, null);
      // The rest could not be computed: the preview stays, with the reason on the run's line.
      store.getState().completeRun(entry, {
        result: entry.result,
        error: `the steps past ${entry.result.steps} could not be computed (${messageOf(error)})`,
      });
    };
    let job: LongRunJob;
    try {
      job = startLongRun(pool(), request, (done, total) => {
        if (mine()) setProgress(entry.id, { done, total });
      });
    } catch (error) {
      fail(error);
      return;
    }
    item.job = job;
    job.result.then(
      (outcome) => {
        if (!mine()) return;
        tracked.delete(entry.id);
        setProgress(entry.id, null);
        store.getState().completeRun(entry, outcome);
      },
      (error: unknown) => {
        if (mine() && !(error instanceof JobCancelled)) fail(error);
      },
    );
  };

  const check = (state: ExplorerState): void => {
    const wanted = new Map(
      state.runs.filter((run) => run.fullRun === "computing").map((run) => [run.id, run]),
    );
    for (const [id, item] of tracked) {
      if (wanted.get(id) !== item.entry) drop(id);
    }
    for (const [id, entry] of wanted) {
      if (tracked.has(id)) continue;
      const item: Tracked = { entry, job: null, timer: null };
      tracked.set(id, item);
      setProgress(id, { done: 0, total: entry.maxSteps });
      item.timer = setTimeout(() => launch(item, state), settleMs);
    }
  };

  check(store.getState());
  const unsubscribe = store.subscribe(check);
  return () => {
    unsubscribe();
    for (const id of [...tracked.keys()]) drop(id);
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
