/**
 * The order in which mini-batch gradient descent visits the data: a fresh shuffle each epoch,
 * reproducible from a seed, so the same settings give the same noisy path in the browser and in
 * node.
 */
import { createRandom } from "../random.ts";

/** Golden-ratio increment (⌊2³²/φ⌋), spreads consecutive epochs far apart in seed space. */
const EPOCH_STRIDE = 0x9e3779b9;

/**
 * A random permutation of 0..n−1 for epoch `epoch` of a run seeded with `seed`, by the
 * Fisher–Yates shuffle: for i from n−1 down to 1, swap entry i with entry j, j uniform on 0..i.
 * The generator (src/core/random.ts) starts from a seed mixed from `seed` and `epoch`, so the
 * same pair always gives the same order and different epochs give different ones (with
 * overwhelming probability for n ≥ 5; small n has few orders to choose from). Fills `out` when
 * given (length ≥ n), else a new array. Throws RangeError for n or epoch not a non-negative
 * integer, or an `out` too short.
 */
export function epochOrder(n: number, seed: number, epoch: number, out?: Uint32Array): Uint32Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new RangeError(`n must be an integer from 0 to ${0xffffffff}, got ${n}`);
  }
  if (!Number.isInteger(epoch) || epoch < 0) {
    throw new RangeError(`epoch must be an integer ≥ 0, got ${epoch}`);
  }
  if (out !== undefined && out.length < n) {
    throw new RangeError(`the output holds ${out.length} entries, fewer than n = ${n}`);
  }
  const order = out ?? new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // createRandom folds any seed to 32 bits; mixing the epoch into that keeps epochs apart.
  const base = createRandom(seed).seed;
  const random = createRandom((base ^ Math.imul(epoch + 1, EPOCH_STRIDE)) >>> 0);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}
