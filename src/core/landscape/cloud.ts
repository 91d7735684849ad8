/**
 * A cloud of random starts: many seeded starts stepped together with one run's settings, every
 * start's position recorded after every step so the views can animate the whole cloud with the
 * timeline, and a summary of where the starts ended (which minima, how many each, the best one).
 *
 * Positions are recorded as Float32 (x, y) pairs, frame by frame: frame j holds every start's
 * position at step min(j·stride, steps), start i at [2·(j·count + i), 2·(j·count + i) + 1]. A
 * start that has stopped keeps its last position. Memory is bounded: at most about
 * `maxCloudPositions` positions (4·10⁷ floats) are kept, and a cloud that would need more records
 * every stride-th step only.
 */
import {
  batchEngine,
  batchResultOf,
  labelEnds,
  statusDiverged,
  type BasinMinimum,
  type BatchResult,
  type BatchSpec,
  type StartPoints,
} from "../batch.ts";
import { resolveLimits } from "../run.ts";
import type { Box, Surface } from "../types.ts";

/**
 * The most positions (start × recorded step) a cloud keeps: 10,000 starts × 1,000 steps, i.e.
 * 2·10⁷ Float32 values (80 MB). A longer cloud keeps every k-th step (`cloudStride`): at the
 * playback's highest speed a frame passes several steps anyway.
 */
export const maxCloudPositions = 10_000_000;

/** Every start's recorded positions (see the module comment for the layout). */
export interface CloudPaths {
  /** Number of starts. */
  count: number;
  /** Recorded frames: steps 0, stride, 2·stride, … and the last step. */
  frames: number;
  /** Steps between recorded frames (1: every step is recorded). */
  stride: number;
  /** The last step any start took (S): frame `frames − 1` is step S, where every start rests. */
  steps: number;
  /** frames × count (x, y) pairs, frame by frame. */
  positions: Float32Array;
}

/**
 * The recording stride of a cloud of `count` starts with a budget of `maxSteps` steps: the
 * smallest k ≥ 1 with count · ⌈maxSteps / k⌉ ≤ `maxPositions`, so at most about `maxPositions`
 * positions are kept however long the starts run (k = ⌈count · maxSteps / maxPositions⌉).
 */
export function cloudStride(
  count: number,
  maxSteps: number,
  maxPositions: number = maxCloudPositions,
): number {
  return Math.max(1, Math.ceil((count * maxSteps) / maxPositions));
}

/**
 * The frame that shows step `step` (the playhead's): ⌊step / stride⌋ while the cloud is still
 * moving, the last frame from step S on (a playhead past the cloud's end shows where it rests).
 */
export function cloudFrameAt(
  paths: Pick<CloudPaths, "frames" | "stride" | "steps">,
  step: number,
): number {
  if (!(step < paths.steps)) return paths.frames - 1;
  if (!(step > 0)) return 0;
  return Math.min(paths.frames - 1, Math.floor(step / paths.stride));
}

/** The step frame j of a recording shows: min(j · stride, S). */
export function cloudFrameStep(paths: Pick<CloudPaths, "stride" | "steps">, frame: number): number {
  return Math.min(frame * paths.stride, paths.steps);
}

/** Frames are kept in chunks of this many, joined once the starts have stopped. */
const CHUNK_FRAMES = 64;

/**
 * Steps the rule from every start (the batch engine, as `runBatch` does, so each start follows
 * exactly the iterates `runOptimizer` gives from it when the rule draws no random numbers) and
 * records every start's position xₖ at steps k = 0, stride, 2·stride, … and at the last step S;
 * a start that stopped at step K < k is recorded at x_K. Also returns where every start ended,
 * as `runBatch` would. `stride` defaults to `cloudStride(count, maxSteps)`; pieces of one cloud
 * must pass the whole cloud's stride so their frames line up.
 */
export function recordCloud(
  surface: Surface,
  starts: StartPoints,
  spec: BatchSpec,
  stride?: number,
): { paths: CloudPaths; result: BatchResult } {
  const engine = batchEngine(surface, starts, spec);
  const count = engine.count;
  const every = stride ?? cloudStride(count, resolveLimits(spec).maxSteps);
  if (!Number.isInteger(every) || every < 1) {
    throw new RangeError(`the recording stride must be an integer ≥ 1, got ${every}`);
  }
  const frameSize = 2 * count;
  const chunks: Float32Array[] = [];
  let chunk = new Float32Array(CHUNK_FRAMES * frameSize);
  let inChunk = 0;
  let frames = 0;
  const record = (): void => {
    if (inChunk === CHUNK_FRAMES) {
      chunks.push(chunk);
      chunk = new Float32Array(CHUNK_FRAMES * frameSize);
      inChunk = 0;
    }
    const x = engine.x;
    const y = engine.y;
    let w = inChunk * frameSize;
    for (let i = 0; i < count; i++) {
      chunk[w++] = x[i]!;
      chunk[w++] = y[i]!;
    }
    inChunk++;
    frames++;
  };

  // After the j-th call of `step` (iterate j − 1 evaluated) a running start is at xⱼ and a
  // stopped one where it stopped. The call that stops the last start moves none, so the
  // positions after the call before it are the final ones: step S is that call's number.
  record();
  let step = 0;
  let recordedStep = 0;
  while (engine.step() > 0) {
    step++;
    if (step % every === 0) {
      record();
      recordedStep = step;
    }
  }
  if (recordedStep !== step) record();
  chunks.push(chunk.subarray(0, inChunk * frameSize));

  const positions = new Float32Array(frames * frameSize);
  let offset = 0;
  for (const part of chunks) {
    positions.set(part, offset);
    offset += part.length;
  }
  return {
    paths: { count, frames, stride: every, steps: step, positions },
    result: batchResultOf(engine, starts),
  };
}

/**
 * A cloud recorded in consecutive pieces (recorded with one stride), kept as the pieces: joining
 * them into one buffer would copy every position of up to 10⁷ on the page's thread. The
 * recording runs to the longest piece's last step S; a piece that stopped earlier rests at its
 * last position in the frames after its own end.
 */
export interface CloudRecording {
  count: number;
  frames: number;
  stride: number;
  steps: number;
  parts: readonly CloudPaths[];
}

/** The pieces of one cloud as one recording, in piece order (nothing is copied). */
export function cloudRecording(parts: readonly CloudPaths[]): CloudRecording {
  const first = parts[0];
  if (!first) return { count: 0, frames: 1, stride: 1, steps: 0, parts: [] };
  const stride = first.stride;
  if (parts.some((part) => part.stride !== stride)) {
    throw new RangeError("the pieces of a cloud must be recorded with one stride");
  }
  const count = parts.reduce((sum, part) => sum + part.count, 0);
  const steps = parts.reduce((most, part) => Math.max(most, part.steps), 0);
  const frames = Math.floor(steps / stride) + 1 + (steps % stride === 0 ? 0 : 1);
  return { count, frames, stride, steps, parts };
}

/**
 * Every start's (x, y) in frame `frame` of the recording, written into `out` (2·count values)
 * in start order: the frame shows step min(frame·stride, S), and each piece gives its own frame
 * for that step (its last, once it has stopped).
 */
export function cloudPositionsAt(
  recording: CloudRecording,
  frame: number,
  out: Float32Array,
): void {
  const step = cloudFrameStep(recording, frame);
  let offset = 0;
  for (const part of recording.parts) {
    const size = 2 * part.count;
    const from = cloudFrameAt(part, step) * size;
    out.set(part.positions.subarray(from, from + size), offset);
    offset += size;
  }
}

/** The start that ended lowest, and where. */
export interface CloudBest {
  /** Index of the start in the cloud. */
  index: number;
  start: number[];
  end: number[];
  value: number;
}

/** Where the starts of a cloud ended. Every start is counted exactly once. */
export interface CloudSummary {
  count: number;
  /** Distinct minima reached (lowest value first), each with how many starts reached it. */
  minima: BasinMinimum[];
  diverged: number;
  /** Stopped by the step budget, or stalled, before the gradient vanished. */
  notConverged: number;
  /** Converged to a saddle, a maximum or an inconclusive critical point. */
  notMinimum: number;
  /** f has no value at the start. */
  undefinedStart: number;
  /**
   * The lowest f at any start's end (over starts that did not diverge) and the start that got
   * there; null when every start diverged.
   */
  best: CloudBest | null;
}

/**
 * The summary of a cloud from where its starts ended: the distinct minima with their counts
 * (`labelEnds`, the basin map's merging of end points), the other outcomes, and the best start,
 * argmin f(end) over the starts that did not diverge (ties: the first). Σ minima.count + diverged
 * + notConverged + notMinimum + undefinedStart = count.
 */
export function cloudSummary(
  surface: Surface,
  box: Box,
  result: BatchResult,
  mergeTolerance?: number,
): CloudSummary {
  const { label: _label, ...outcomes } = labelEnds(surface, box, result, mergeTolerance);
  let index = -1;
  for (let i = 0; i < result.count; i++) {
    if (result.status[i] === statusDiverged) continue;
    const value = result.finalValue[i]!;
    if (Number.isFinite(value) && (index < 0 || value < result.finalValue[index]!)) index = i;
  }
  const pair = (x: number, y: number) => (surface.dimension === 1 ? [x] : [x, y]);
  return {
    count: result.count,
    ...outcomes,
    best:
      index < 0
        ? null
        : {
            index,
            start: pair(result.startX[index]!, result.startY[index]!),
            end: pair(result.finalX[index]!, result.finalY[index]!),
            value: result.finalValue[index]!,
          },
  };
}
