/**
 * The page's worker pool: one Web Worker per core the browser reports (at most 8), each running
 * ./landscape.worker.ts, called through comlink so a piece of work is an ordinary async call.
 * A job is a list of pieces; the pool hands each idle worker the next piece of the oldest job,
 * reports progress as pieces finish, and a cancelled job's waiting pieces are dropped (a piece
 * already running finishes, and its answer is thrown away). Pieces are small (a few tens of
 * milliseconds), so a cancelled job frees the workers almost at once and the page itself never
 * computes.
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
  busy: boolean;
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

  /** Workers start on the first job, not with the page. */
  private ensureWorkers(): void {
    while (this.slots.length < this.size) {
      const worker = this.makeWorker();
      this.slots.push({ worker, api: wrap<LandscapeApi>(worker), busy: false });
    }
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
        job.reject(new JobCancelled());
      },
    };
  }

  private drop(job: Job): void {
    const index = this.jobs.indexOf(job);
    if (index >= 0) this.jobs.splice(index, 1);
  }

  /** Gives every idle worker the next piece of the oldest job that has one waiting. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const job = this.jobs.find((candidate) => candidate.next < candidate.pieces.length);
      if (!job) return;
      const index = job.next++;
      slot.busy = true;
      job.pieces[index]!(slot.api).then(
        (answer) => {
          slot.busy = false;
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
          slot.busy = false;
          if (!job.cancelled) {
            job.cancelled = true;
            this.drop(job);
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
