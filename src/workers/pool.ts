/**
 * The page's worker pool: one Web Worker per core the browser reports (at most 8), each running
 * ./landscape.worker.ts, called through comlink so a piece of work is an ordinary async call.
 * A job is a list of pieces; the pool hands each idle worker the next piece of the oldest job and
 * reports progress as pieces finish. Cancelling a job drops its waiting pieces and stops the
 * workers computing its running ones (a piece is one call that cannot be interrupted, and over
 * a large dataset it may take many seconds), each replaced by a fresh worker, so the next job
 * starts at once. The page itself never computes.
 */
import { wrap, type Remote } from "comlink";
import type { LandscapeApi } from "./landscapeApi.ts";

/** What a piece asks of a worker. */
export type PieceCall<T> = (api: Remote<LandscapeApi>) => Promise<T>;

/** A job under way: its answer (in piece order), its progress and the means to stop it. */
export interface JobHandle<T> {
  /** The pieces' answers in piece order; rejects with `JobCancelled` when cancelled. */
  result: Promise<T[]>;
  cancel(): void;
}

/** The reason a cancelled job's promise rejects. */
export class JobCancelled extends Error {
  constructor() {
    super("the job was cancelled");
    this.name = "JobCancelled";
  }
}

interface Slot {
  worker: Worker;
  api: Remote<LandscapeApi>;
  /** The job whose piece the worker is computing, or null when idle. */
  job: Job | null;
}

interface Job {
  pieces: PieceCall<unknown>[];
  next: number;
  answers: unknown[];
  finished: number;
  cancelled: boolean;
  onProgress: ((done: number, total: number) => void) | undefined;
  resolve: (answers: unknown[]) => void;
  reject: (error: Error) => void;
}

/** Workers the page starts: the cores the browser reports, from 1 to 8. */
export function poolSize(): number {
  const cores = typeof navigator === "undefined" ? 1 : navigator.hardwareConcurrency || 2;
  return Math.max(1, Math.min(8, cores));
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly jobs: Job[] = [];

  constructor(
    private readonly size: number = poolSize(),
    private readonly makeWorker: () => Worker = () =>
      new Worker(new URL("./landscape.worker.ts", import.meta.url), { type: "module" }),
  ) {}

  private makeSlot(): Slot {
    const worker = this.makeWorker();
    return { worker, api: wrap<LandscapeApi>(worker), job: null };
  }

  /** Workers start on the first job, not with the page. */
  private ensureWorkers(): void {
    while (this.slots.length < this.size) this.slots.push(this.makeSlot());
  }

  /** Runs `pieces` on the pool; `onProgress` hears (pieces done, pieces in all) after each. */
  run<T>(
    pieces: readonly PieceCall<T>[],
    onProgress?: (done: number, total: number) => void,
  ): JobHandle<T> {
    this.ensureWorkers();
    let job!: Job;
    const result = new Promise<T[]>((resolve, reject) => {
      job = {
        pieces: [...pieces] as PieceCall<unknown>[],
        next: 0,
        answers: new Array(pieces.length),
        finished: 0,
        cancelled: false,
        onProgress,
        resolve: resolve as (answers: unknown[]) => void,
        reject,
      };
    });
    // A cancelled job's rejection is expected: nobody has to listen for it.
    result.catch(() => undefined);
    if (pieces.length === 0) {
      job.resolve([]);
      return { result, cancel: () => undefined };
    }
    this.jobs.push(job);
    this.dispatch();
    return {
      result,
      cancel: () => {
        if (job.cancelled || job.finished === job.pieces.length) return;
        job.cancelled = true;
        this.drop(job);
        this.stopWorkersOf(job);
        job.reject(new JobCancelled());
        this.dispatch();
      },
    };
  }

  private drop(job: Job): void {
    const index = this.jobs.indexOf(job);
    if (index >= 0) this.jobs.splice(index, 1);
  }

  /** Replaces every worker computing a piece of `job` with a fresh one. */
  private stopWorkersOf(job: Job): void {
    this.slots.forEach((slot, index) => {
      if (slot.job !== job) return;
      slot.worker.terminate();
      this.slots[index] = this.makeSlot();
    });
  }

  /** Gives every idle worker the next piece of the oldest job that has one waiting. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job !== null) continue;
      const job = this.jobs.find((candidate) => candidate.next < candidate.pieces.length);
      if (!job) return;
      const index = job.next++;
      slot.job = job;
      // A slot whose worker was stopped is no longer in the pool: its late answer is ignored.
      const current = () => this.slots.includes(slot);
      job.pieces[index]!(slot.api).then(
        (answer) => {
          if (!current()) return;
          slot.job = null;
          if (!job.cancelled) {
            job.answers[index] = answer;
            job.finished++;
            job.onProgress?.(job.finished, job.pieces.length);
            if (job.finished === job.pieces.length) {
              this.drop(job);
              job.resolve(job.answers);
            }
          }
          this.dispatch();
        },
        (error: unknown) => {
          if (!current()) return;
          slot.job = null;
          if (!job.cancelled) {
            job.cancelled = true;
            this.drop(job);
            this.stopWorkersOf(job);
            job.reject(error instanceof Error ? error : new Error(String(error)));
          }
          this.dispatch();
        },
      );
    }
  }

  /** Stops every worker (the page is going away, or a test is done). */
  terminate(): void {
    for (const job of [...this.jobs]) {
      job.cancelled = true;
      job.reject(new JobCancelled());
    }
    this.jobs.length = 0;
    for (const slot of this.slots) slot.worker.terminate();
    this.slots.length = 0;
  }
}

let shared: WorkerPool | null = null;

/** The page's one pool, made on first use. */
export function landscapePool(): WorkerPool {
  shared ??= new WorkerPool();
  return shared;
}
