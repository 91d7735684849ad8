/**
 * Datasets a model is fitted to: pairs (xᵢ, yᵢ) in two Float64Arrays. The built-in ones are
 * made here from fixed seeds, so each is the same on every load, in the browser and in node;
 * the cars come from a package (./cars.ts) and pasted files from ./csv.ts.
 */
import { formatNumber } from "../format.ts";
import type { Box } from "../types.ts";
import { createRandom } from "../random.ts";
import { loadCars } from "./cars.ts";
import type { LossKey } from "./loss.ts";
import type { ModelKey } from "./models.ts";

/**
 * A dataset of n points (xᵢ, yᵢ). The arrays have the same length and hold finite numbers;
 * treat them as read-only (surfaces over a dataset copy them).
 */
export interface Dataset {
  /** Identifies the dataset ("noisy-line", "cars", "csv", ...). */
  readonly key: string;
  /** A noun phrase that reads after "the": "noisy line", "fence areas". */
  readonly label: string;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** What x and y measure, for axis labels. */
  readonly xLabel: string;
  readonly yLabel: string;
  /** Where the data come from or how they were changed, in a sentence or two. */
  readonly note?: string;
  /** Rows left out for a missing or unusable value. */
  readonly dropped?: number;
  /** The parameters the data were made from, when known: the answer a fit should find. */
  readonly truth?: { readonly model: ModelKey; readonly params: readonly [number, number] };
}

/** Seed of the built-in noisy datasets (see src/core/random.ts). */
export const defaultDataSeed = 1;

/** Settings of `noisyLine` and `noisyParabola`; omitted ones take the defaults below. */
export interface NoisyDataOptions {
  /** Number of points (default 50). */
  n?: number;
  /** The xᵢ are evenly spaced from xmin to xmax (default −3 to 3). */
  xmin?: number;
  xmax?: number;
  /** Standard deviation σ of the Gaussian noise added to each yᵢ (default 0.5). */
  sigma?: number;
  /** Seed of the noise (default `defaultDataSeed`). */
  seed?: number;
}

/** Evenly spaced inputs xᵢ = xmin + (xmax − xmin)·i/(n − 1), i = 0..n−1. */
function evenlySpaced(n: number, xmin: number, xmax: number): Float64Array {
  if (!Number.isInteger(n) || n < 2 || n > 1_000_000) {
    throw new RangeError(`n must be an integer from 2 to 1000000, got ${n}`);
  }
  if (!Number.isFinite(xmin) || !Number.isFinite(xmax) || !(xmin < xmax)) {
    throw new RangeError(`the inputs need finite xmin < xmax, got ${xmin} and ${xmax}`);
  }
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = xmin + ((xmax - xmin) * i) / (n - 1);
  return xs;
}

/** yᵢ = g(xᵢ) + σ·zᵢ with zᵢ standard normal from the seeded generator, in order of i. */
function withNoise(
  xs: Float64Array,
  g: (x: number) => number,
  sigma: number,
  seed: number,
): Float64Array {
  if (!Number.isFinite(sigma) || sigma < 0) {
    throw new RangeError(`the noise σ must be a finite number ≥ 0, got ${sigma}`);
  }
  const random = createRandom(seed);
  const ys = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) ys[i] = g(xs[i]!) + sigma * random.normal();
  return ys;
}

/**
 * A noisy line yᵢ = w·xᵢ + b + σ·zᵢ (zᵢ standard normal, seeded). Defaults: 50 points evenly
 * spaced on [−3, 3], w = 2, b = 1, σ = 0.5, seed `defaultDataSeed`. The true (w, b) is kept in
 * `truth`; the least-squares fit lands near it, not on it, because of the noise.
 */
export function noisyLine(options: NoisyDataOptions & { w?: number; b?: number } = {}): Dataset {
  const {
    n = 50,
    xmin = -3,
    xmax = 3,
    sigma = 0.5,
    seed = defaultDataSeed,
    w = 2,
    b = 1,
  } = options;
  const xs = evenlySpaced(n, xmin, xmax);
  const ys = withNoise(xs, (x) => w * x + b, sigma, seed);
  return {
    key: "noisy-line",
    label: "noisy line",
    xs,
    ys,
    xLabel: "x",
    yLabel: "y",
    note:
      `${n} points on y = ${formatNumber(w)}·x + ${formatNumber(b)} with Gaussian noise ` +
      `(σ = ${formatNumber(sigma)}, seed ${seed}).`,
    truth: { model: "line", params: [w, b] },
  };
}

/**
 * Noisy parabolic data yᵢ = xᵢ² + σ·zᵢ (zᵢ standard normal, seeded), with the same defaults as
 * `noisyLine`: 50 points on [−3, 3], σ = 0.5. A line fitted to it reaches its minimum, but that
 * minimum stays high (high bias); the quadratic template a·x² + b·x fits it with a = 1, b = 0.
 */
export function noisyParabola(options: NoisyDataOptions = {}): Dataset {
  const { n = 50, xmin = -3, xmax = 3, sigma = 0.5, seed = defaultDataSeed } = options;
  const xs = evenlySpaced(n, xmin, xmax);
  const ys = withNoise(xs, (x) => x * x, sigma, seed);
  return {
    key: "noisy-parabola",
    label: "noisy parabola",
    xs,
    ys,
    xLabel: "x",
    yLabel: "y",
    note: `${n} points on y = x² with Gaussian noise (σ = ${formatNumber(sigma)}, seed ${seed}).`,
    truth: { model: "quadratic", params: [1, 0] },
  };
}

/**
 * The fence data: a rectangle fenced with 200 m of wire and one side l has area
 * A(l) = l·(100 − l) = 100·l − l². The points are (l, A(l)) for l = 0..99, exactly; the quadratic
 * template a·x² + b·x fits them with a = −1, b = 100 and zero loss.
 */
export function fenceData(): Dataset {
  const n = 100;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let l = 0; l < n; l++) {
    xs[l] = l;
    ys[l] = 100 * l - l * l;
  }
  return {
    key: "fence",
    label: "fence areas",
    xs,
    ys,
    xLabel: "side l (m)",
    yLabel: "area A (m²)",
    note: "Areas A(l) = 100·l − l² of rectangles fenced with 200 m of wire, for l = 0..99.",
    truth: { model: "quadratic", params: [-1, 100] },
  };
}

/**
 * The positive half of the tanh-unit data; the dataset holds each point (x, y) and its mirror
 * (−x, −y). Seven points climb steeply for x up to 0.105, four climb slowly for x from 0.9 to
 * 1.5, four level off near y ≈ 2.7 for x from 2.4 to 3.
 */
const tanhUnitHalf: readonly (readonly [number, number])[] = [
  [0.015, 0.17],
  [0.03, 0.36],
  [0.045, 0.55],
  [0.06, 0.71],
  [0.075, 0.88],
  [0.09, 1.04],
  [0.105, 1.2],
  [0.9, 1.41],
  [1.1, 1.63],
  [1.3, 1.86],
  [1.5, 2.1],
  [2.4, 2.65],
  [2.6, 2.7],
  [2.8, 2.72],
  [3, 2.75],
];

/**
 * Data on which the tanh unit F(x) = w2·tanh(w1·x) has two local minima of different depth:
 * 30 points, odd like the model (each (x, y) with its mirror (−x, −y)); a steep climb of seven
 * points near 0, then a slow climb that levels off. The unit can explain them as a sharp step
 * (large w1) or as a gentle S (small w1), and each explanation is a local minimum of the mean
 * squared error. In the half-plane w1 > 0 there are exactly two (checked on the profile
 * min over w2 of L(w1, w2), for w1 from 0.01 to 1000):
 *   deep:    (w1, w2) ≈ (5.60822, 2.22786), MSE ≈ 0.139646, Hessian eigenvalues ≈ 0.0122, 1.18
 *   shallow: (w1, w2) ≈ (0.69563, 2.79894), MSE ≈ 0.202800, Hessian eigenvalues ≈ 0.146, 2.37
 * The deep one is about 31% lower. Between them lies a saddle at ≈ (1.5847, 2.3571) with
 * MSE ≈ 0.23424. Their mirrors (−w1, −w2) are the minima of the other half-plane.
 * See `tanhUnitPreset` for starts that reach each one by plain gradient descent.
 */
export function tanhUnitData(): Dataset {
  const n = 2 * tanhUnitHalf.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  tanhUnitHalf.forEach(([x, y], i) => {
    xs[2 * i] = -x;
    ys[2 * i] = -y;
    xs[2 * i + 1] = x;
    ys[2 * i + 1] = y;
  });
  return {
    key: "tanh-two-minima",
    label: "steep-then-slow climb",
    xs,
    ys,
    xLabel: "x",
    yLabel: "y",
    note:
      "30 points, each with its mirror: a steep climb near 0, then a slow climb that levels " +
      "off. A tanh unit fits them as a sharp step or as a gentle S: two minima.",
  };
}

/**
 * How the tanh-unit data are meant to be explored: the MSE of w2·tanh(w1·x) over
 * `tanhUnitData()` with plain gradient descent at learning rate 0.5 (stable at both minima,
 * whose largest Hessian eigenvalues are ≈ 2.37 and 1.18, so lr < 2/2.37 ≈ 0.84). From
 * `starts.shallow` = (1, 0.5) descent ends in the shallow minimum (≈ 0.6956, 2.7989) in about
 * 160 steps; from `starts.deep` = (3, 0.5), the same w2 and a larger w1, it ends in the deep
 * one (≈ 5.6082, 2.2279) in about 1,650 steps (the valley there is flat along w1). `box` shows
 * both minima and the saddle between them.
 */
export const tanhUnitPreset = {
  model: "tanh-unit",
  loss: "mse",
  lr: 0.5,
  starts: { shallow: [1, 0.5], deep: [3, 0.5] },
  box: { xmin: 0, xmax: 7, ymin: -1, ymax: 4 },
} as const satisfies {
  model: ModelKey;
  loss: LossKey;
  lr: number;
  starts: Record<"shallow" | "deep", readonly [number, number]>;
  box: Box;
};

/** The result of `standardize`: the rescaled data and how they were rescaled. */
export interface Standardized {
  readonly data: Dataset;
  /** The mean x̄ and population standard deviation s of the original inputs. */
  readonly mean: number;
  readonly std: number;
  /** One sentence saying what was done and why. */
  readonly sentence: string;
}

/**
 * Rescales the inputs to mean 0 and standard deviation 1: xᵢ′ = (xᵢ − x̄)/s with x̄ the mean and
 * s = √((1/n)·Σ(xᵢ − x̄)²) the population standard deviation; the yᵢ are unchanged. On raw
 * inputs far from 0 or widely spread, the loss of a line is a long narrow valley over (w, b);
 * on standardized inputs it is a round bowl, and gradient descent goes straight down.
 * A line's true parameters follow along: w·x + b = (w·s)·x′ + (b + w·x̄). Throws an Error when
 * the inputs do not vary (nothing to divide by) or there are none.
 */
export function standardize(data: Dataset): Standardized {
  const n = data.xs.length;
  if (n === 0) throw new Error(`the ${data.label} has no points to standardize`);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += data.xs[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = data.xs[i]! - mean;
    squares += d * d;
  }
  const std = Math.sqrt(squares / n);
  // Rounding leaves a tiny spread in inputs that are all equal: compare with their size.
  if (!(std > 1e-12 * Math.max(Math.abs(mean), Number.MIN_VALUE))) {
    throw new Error(
      `cannot standardize the ${data.label}: every x is ${formatNumber(mean)}, so the ` +
        `standard deviation is 0`,
    );
  }
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = (data.xs[i]! - mean) / std;
  const sentence =
    `Inputs rescaled to mean 0 and standard deviation 1, x′ = (x − ${formatNumber(mean)}) / ` +
    `${formatNumber(std)}, so the loss is a round bowl instead of a narrow valley.`;
  const truth = data.truth;
  const result: Dataset = {
    key: `${data.key}-standardized`,
    label: `${data.label}, standardized`,
    xs,
    ys: data.ys.slice(),
    xLabel: `${data.xLabel}, standardized`,
    yLabel: data.yLabel,
    note: data.note === undefined ? sentence : `${data.note} ${sentence}`,
    ...(data.dropped === undefined ? {} : { dropped: data.dropped }),
    // Only a line keeps its form under x = s·x′ + x̄; the quadratic template gains a constant.
    ...(truth?.model === "line"
      ? {
          truth: {
            model: "line",
            params: [truth.params[0] * std, truth.params[1] + truth.params[0] * mean],
          },
        }
      : {}),
  };
  return { data: result, mean, std, sentence };
}

/** The built-in datasets' keys, in display order. */
export type BuiltinDatasetKey =
  "noisy-line" | "noisy-parabola" | "fence" | "cars" | "tanh-two-minima";

/**
 * The built-in datasets for a picker: key, label and a loader. The cars are read from their
 * package only when asked for (`loadCars`); the others are made on the spot.
 */
export const builtinDatasets: readonly {
  readonly key: BuiltinDatasetKey;
  readonly label: string;
  readonly load: () => Promise<Dataset>;
}[] = [
  { key: "noisy-line", label: "noisy line", load: async () => noisyLine() },
  { key: "noisy-parabola", label: "noisy parabola", load: async () => noisyParabola() },
  { key: "fence", label: "fence areas", load: async () => fenceData() },
  {
    key: "cars",
    label: "cars: horsepower and miles per gallon",
    load: loadCars,
  },
  { key: "tanh-two-minima", label: "steep-then-slow climb", load: async () => tanhUnitData() },
];
