/**
 * Many starts at once: seeded random starts or a full grid, stepped together in
 * structure-of-arrays buffers with no allocation per step, and the basin-of-attraction map built
 * on top.
 */
import { classifyCriticalPoint } from "./critical.ts";
import {
  runStatusByCode,
  StepEngine,
  statusConverged,
  statusDiverged,
} from "./optimizers/engine.ts";
import { getOptimizer, resolveParams } from "./optimizers/index.ts";
import { createRandom, defaultSeed } from "./random.ts";
import { isUndefinedStart } from "./runStatus.ts";
import { checkBox, resolveLimits, resolveRunExtras } from "./run.ts";
import type { Box, RunSpec, RunStatus, Surface } from "./types.ts";

/** Batch status codes (see ./optimizers/engine.ts). */
export {
  runStatusByCode,
  statusConverged,
  statusDiverged,
  statusMaxSteps,
  statusStalled,
} from "./optimizers/engine.ts";

/** Start points in structure-of-arrays layout (`y` all zero in one variable). */
export interface StartPoints {
  x: Float64Array;
  y: Float64Array;
}

/**
 * The step rule and limits shared by every start of a batch: a run's settings without the
 * start. The seed is the rule's generator (random starts use their own seed).
 */
export interface BatchSpec extends Omit<RunSpec, "start" | "box"> {
  /** Domain box: where random starts and random-search proposals are drawn. */
  box: Box;
}

/** Where every start of a batch ended. Index i everywhere is start i. */
export interface BatchResult {
  count: number;
  startX: Float64Array;
  startY: Float64Array;
  finalX: Float64Array;
  finalY: Float64Array;
  finalValue: Float64Array;
  finalGradX: Float64Array;
  finalGradY: Float64Array;
  /** Status code per start: 1 converged, 2 max-steps, 3 diverged, 4 stalled (`runStatusByCode`). */
  status: Uint8Array;
  /** The step at which each start stopped. */
  steps: Uint32Array;
}

/** The largest batch accepted (memory for a dozen Float64 buffers per start). */
export const maxBatchSize = 4_000_000;

function checkCount(count: number, what: string): void {
  if (!Number.isInteger(count) || count < 1 || count > maxBatchSize) {
    throw new RangeError(`${what} must be an integer from 1 to ${maxBatchSize}, got ${count}`);
  }
}

/**
 * `count` starts drawn uniformly in `box` from a generator seeded with `seed`:
 * xᵢ = xmin + u·(xmax − xmin), and likewise y in two variables (0 in one).
 */
export function randomStarts(
  box: Box,
  count: number,
  seed: number = defaultSeed,
  dimension: 1 | 2 = 2,
): StartPoints {
  checkBox(box);
  checkCount(count, "the number of starts");
  const random = createRandom(seed);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    x[i] = random.uniformIn(box.xmin, box.xmax);
    if (dimension === 2) y[i] = random.uniformIn(box.ymin, box.ymax);
  }
  return { x, y };
}

/**
 * A grid of `columns` × `rows` starts at the centres of equal cells of `box`, row by row from
 * ymin (index = row·columns + column): x = xmin + (column + ½)·(xmax − xmin)/columns. In one
 * variable pass rows = 1 and every y is 0.
 */
export function gridStarts(
  box: Box,
  columns: number,
  rows: number,
  dimension: 1 | 2 = 2,
): StartPoints {
  checkBox(box);
  checkCount(columns, "the grid width");
  checkCount(rows, "the grid height");
  checkCount(columns * rows, "the grid size");
  const count = columns * rows;
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const cellX = (box.xmax - box.xmin) / columns;
  const cellY = (box.ymax - box.ymin) / rows;
  for (let row = 0; row < rows; row++) {
    const yValue = dimension === 2 ? box.ymin + (row + 0.5) * cellY : 0;
    for (let column = 0; column < columns; column++) {
      const i = row * columns + column;
      x[i] = box.xmin + (column + 0.5) * cellX;
      y[i] = yValue;
    }
  }
  return { x, y };
}

/**
 * The stepping engine for a batch, with every start loaded and nothing stepped yet: the rule, its
 * parameters, limits, schedule and noise resolved from `spec` exactly as `runOptimizer` resolves
 * a run's (so start i of a batch follows the path a single run from it takes, when the rule draws
 * no random numbers). Throws as `runBatch` does.
 */
export function batchEngine(surface: Surface, starts: StartPoints, spec: BatchSpec): StepEngine {
  const params = resolveParams(spec.optimizer, spec.params);
  const optimizer = getOptimizer(spec.optimizer)!;
  const { maxSteps, tol, h } = resolveLimits(spec);
  const count = starts.x.length;
  checkCount(count, "the number of starts");
  if (starts.y.length !== count) throw new RangeError("start x and y must have the same length");
  const engine = new StepEngine({
    surface,
    optimizer,
    params,
    count,
    gradient: spec.gradient ?? "analytic",
    h,
    maxSteps,
    tol,
    box: checkBox(spec.box),
    random: createRandom(spec.seed ?? defaultSeed),
    ...resolveRunExtras(optimizer, spec),
  });
  engine.x.set(starts.x);
  if (surface.dimension === 2) engine.y.set(starts.y);
  return engine;
}

/** Where every start of a batch ended, from its engine once every point has stopped. */
export function batchResultOf(engine: StepEngine, starts: StartPoints): BatchResult {
  const count = engine.count;
  return {
    count,
    startX: starts.x.slice(),
    startY: engine.dimension === 2 ? starts.y.slice() : new Float64Array(count),
    finalX: engine.x,
    finalY: engine.y,
    finalValue: engine.value,
    finalGradX: engine.gradX,
    finalGradY: engine.gradY,
    status: engine.status,
    steps: engine.stepsTaken,
  };
}

/**
 * Runs the rule from every start until each one stops (same stopping rules as `runOptimizer`),
 * keeping only final values: the points step together through SoA buffers, the rule's step loops
 * over the starts, and nothing is allocated per step.
 */
export function runBatch(surface: Surface, starts: StartPoints, spec: BatchSpec): BatchResult {
  const engine = batchEngine(surface, starts, spec);
  while (engine.step() > 0);
  return batchResultOf(engine, starts);
}

/** What became of one start in a basin map, besides reaching minimum number i ≥ 0. */
export const basinDiverged = -1;
/** Stopped by max-steps or stalled before the gradient vanished. */
export const basinNotConverged = -2;
/** Converged to a critical point that is not a minimum (saddle, maximum or inconclusive). */
export const basinNotMinimum = -3;
/** f has no finite value at the start, so no step was taken (`isUndefinedStart`). */
export const basinUndefinedStart = -4;

/** One distinct minimum of a basin map. */
export interface BasinMinimum {
  point: number[];
  value: number;
  /** How many starts reached it. */
  count: number;
  /** Hessian eigenvalues there, ascending. */
  eigenvalues: number[];
}

/** A basin map: a batch over a `columns` × `rows` grid of the box. */
export interface BasinSpec extends BatchSpec {
  columns: number;
  rows: number;
  /** Final points closer than this are the same minimum; default 1e-3 × the box diagonal. */
  mergeTolerance?: number;
}

/** Where every grid start ended, and the distinct minima with their counts. */
export interface BasinMap {
  box: Box;
  columns: number;
  rows: number;
  /**
   * Per start (row-major from ymin): index into `minima`, or basinDiverged / basinNotConverged /
   * basinNotMinimum / basinUndefinedStart.
   */
  basin: Int32Array;
  steps: Uint32Array;
  status: Uint8Array;
  /** Distinct minima, ordered by value (lowest first). */
  minima: BasinMinimum[];
  diverged: number;
  notConverged: number;
  notMinimum: number;
  /** Starts where f has no finite value (counted apart from `diverged`). */
  undefinedStart: number;
}

/**
 * Basin-of-attraction map: runs the rule from every cell centre of a `columns` × `rows` grid
 * over the box (`gridStarts`, `runBatch`) and labels every start (`labelBasins`).
 */
export function basinMap(surface: Surface, spec: BasinSpec): BasinMap {
  const rows = surface.dimension === 1 ? 1 : spec.rows;
  const starts = gridStarts(spec.box, spec.columns, rows, surface.dimension);
  return labelBasins(surface, spec, runBatch(surface, starts, spec));
}

/**
 * What became of every start of a batch, however its starts were placed: each converged start
 * whose end point passes the second-derivative test as a minimum is assigned to a distinct minimum
 * (end points within `mergeTolerance` of a known minimum are merged into it, visiting starts in
 * index order; a minimum's point is the lowest end point merged into it). Every start gets exactly
 * one label, so Σ minima.count + diverged + notConverged + notMinimum + undefinedStart = count.
 */
export interface EndLabels {
  /**
   * Per start: index into `minima`, or basinDiverged / basinNotConverged / basinNotMinimum /
   * basinUndefinedStart.
   */
  label: Int32Array;
  /** Distinct minima, ordered by value (lowest first). */
  minima: BasinMinimum[];
  diverged: number;
  notConverged: number;
  notMinimum: number;
  /** Starts where f has no finite value (counted apart from `diverged`). */
  undefinedStart: number;
}

/** The default merge tolerance of end points: 10⁻³ × the box's diagonal. */
export function defaultMergeTolerance(box: Box): number {
  return 1e-3 * Math.hypot(box.xmax - box.xmin, box.ymax - box.ymin);
}

/**
 * Labels every start of a batch by where it ended (see `EndLabels`); the basin map and the cloud
 * of random starts share it. `mergeTolerance` defaults to `defaultMergeTolerance(box)`.
 */
export function labelEnds(
  surface: Surface,
  box: Box,
  result: BatchResult,
  mergeTolerance: number = defaultMergeTolerance(box),
): EndLabels {
  if (!(mergeTolerance >= 0)) throw new RangeError("mergeTolerance must be a number ≥ 0");

  const found: { x: number; y: number; value: number; count: number; eigenvalues: number[] }[] = [];
  const basin = new Int32Array(result.count);
  let diverged = 0;
  let notConverged = 0;
  let notMinimum = 0;
  let undefinedStart = 0;
  for (let i = 0; i < result.count; i++) {
    const status = result.status[i];
    if (status === statusDiverged) {
      if (isUndefinedStart("diverged", result.steps[i]!)) {
        basin[i] = basinUndefinedStart;
        undefinedStart++;
      } else {
        basin[i] = basinDiverged;
        diverged++;
      }
      continue;
    }
    if (status !== statusConverged) {
      basin[i] = basinNotConverged;
      notConverged++;
      continue;
    }
    const x = result.finalX[i]!;
    const y = result.finalY[i]!;
    let index = -1;
    for (let j = 0; j < found.length; j++) {
      const m = found[j]!;
      if (Math.hypot(m.x - x, m.y - y) <= mergeTolerance) {
        index = j;
        break;
      }
    }
    if (index < 0) {
      const point = surface.dimension === 1 ? [x] : [x, y];
      const info = classifyCriticalPoint(surface, point);
      if (info.classification !== "minimum") {
        basin[i] = basinNotMinimum;
        notMinimum++;
        continue;
      }
      index = found.length;
      found.push({ x, y, value: result.finalValue[i]!, count: 0, eigenvalues: info.eigenvalues });
    }
    const m = found[index]!;
    m.count++;
    // Keep the lowest end point as the representative.
    if (result.finalValue[i]! < m.value) {
      m.x = x;
      m.y = y;
      m.value = result.finalValue[i]!;
    }
    basin[i] = index;
  }

  // Order minima by value and relabel.
  const order = found.map((_, j) => j).sort((a, b) => found[a]!.value - found[b]!.value);
  const relabel = new Int32Array(found.length);
  order.forEach((oldIndex, newIndex) => (relabel[oldIndex] = newIndex));
  for (let i = 0; i < basin.length; i++) {
    const b = basin[i]!;
    if (b >= 0) basin[i] = relabel[b]!;
  }
  const minima = order.map((j) => {
    const m = found[j]!;
    return {
      point: surface.dimension === 1 ? [m.x] : [m.x, m.y],
      value: m.value,
      count: m.count,
      eigenvalues: m.eigenvalues,
    };
  });
  return { label: basin, minima, diverged, notConverged, notMinimum, undefinedStart };
}

/**
 * The labels of a basin map from the batch over its grid (start i = grid index i, however the
 * batch was computed): `labelEnds` with the map's merge tolerance, so
 * Σ minima.count + diverged + notConverged + notMinimum + undefinedStart = columns × rows.
 */
export function labelBasins(surface: Surface, spec: BasinSpec, result: BatchResult): BasinMap {
  const rows = surface.dimension === 1 ? 1 : spec.rows;
  const { label, ...outcomes } = labelEnds(surface, spec.box, result, spec.mergeTolerance);
  return {
    box: spec.box,
    columns: spec.columns,
    rows,
    basin: label,
    steps: result.steps,
    status: result.status,
    ...outcomes,
  };
}

/** The RunStatus of a batch status code. */
export function batchStatus(code: number): RunStatus {
  return runStatusByCode[code] ?? "max-steps";
}
