/**
 * Stochastic and mini-batch gradient descent on a loss over data: each step follows the
 * gradient of the loss over a batch of rows instead of all n. An epoch is one pass over a fresh
 * seeded shuffle (./epochOrder.ts) cut into ⌈n/size⌉ batches, the last one holding what is left
 * over; the loss recorded at each iterate is still the loss over all the data, so the curve shows
 * what the noisy steps do to the real objective.
 */
import type { StepGradient } from "../optimizers/engine.ts";
import { epochOrder } from "./epochOrder.ts";
import type { DataSurface } from "./loss.ts";

/** How a run's steps are cut into batches: the batch size and the steps that make an epoch. */
export interface BatchPlan {
  /** Rows per batch, from 1 (stochastic) to n (every row: the full gradient). */
  readonly size: number;
  /** ⌈n/size⌉: the steps of one pass over the data. */
  readonly stepsPerEpoch: number;
}

/** True when `surface` is a loss over data, which is what a batch size applies to. */
export function isDataSurface(surface: object): surface is DataSurface {
  return "batchGradient" in surface && "count" in surface;
}

/** The batch plan for `size` rows of `n`; RangeError unless size is an integer from 1 to n. */
export function batchPlan(n: number, size: number): BatchPlan {
  if (!Number.isInteger(size) || size < 1 || size > n) {
    throw new RangeError(`the batch size must be a whole number from 1 to ${n}, got ${size}`);
  }
  return { size, stepsPerEpoch: Math.ceil(n / size) };
}

/** The epoch step k falls in, and its place in that epoch, for a plan. */
export function epochOfStep(plan: BatchPlan, k: number): { epoch: number; index: number } {
  return { epoch: Math.floor(k / plan.stepsPerEpoch), index: k % plan.stepsPerEpoch };
}

/**
 * The gradient of `surface` over the batch of step k, for the step engine: step k of epoch e
 * (k = e·stepsPerEpoch + j) uses rows order[j·size .. min(n, (j+1)·size)) of the epoch's
 * shuffle `epochOrder(n, seed, e)`. ∂/∂p1 and ∂/∂p2 come from one pass over the batch, kept
 * until the point or the step changes. With size = n every step uses every row (in a shuffled
 * order, which changes nothing but rounding).
 */
export function miniBatchGradient(surface: DataSurface, size: number, seed: number): StepGradient {
  const n = surface.count;
  const plan = batchPlan(n, size);
  const order = new Uint32Array(n);
  let orderEpoch = -1;
  let rows: Uint32Array = order.subarray(0, 0);
  const out = new Float64Array(2);
  let atX = NaN;
  let atY = NaN;

  function compute(x: number, y: number): void {
    if (x === atX && y === atY) return;
    surface.batchGradient(x, y, rows, rows.length, out);
    atX = x;
    atY = y;
  }

  return {
    select(k) {
      const { epoch, index } = epochOfStep(plan, k);
      if (epoch !== orderEpoch) {
        epochOrder(n, seed, epoch, order);
        orderEpoch = epoch;
      }
      const from = index * plan.size;
      rows = order.subarray(from, Math.min(n, from + plan.size));
      atX = NaN;
      atY = NaN;
    },
    dfdx(x, y) {
      compute(x, y);
      return out[0]!;
    },
    dfdy(x, y) {
      compute(x, y);
      return out[1]!;
    },
  };
}
