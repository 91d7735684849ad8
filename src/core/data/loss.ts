/**
 * Loss surfaces from data: the loss of a model (./models.ts) over a dataset (./datasets.ts) as a
 * function of the model's two parameters, L(p1, p2), is a `Surface` like any typed function, with
 * p1 on the x axis and p2 on the y axis. So every step rule, view and run works on it unchanged.
 * Values and derivatives are exact sums over the data, in loops over Float64Arrays that
 * allocate nothing.
 */
import type { Surface, SurfaceTex } from "../types.ts";
import type { Dataset } from "./datasets.ts";
import {
  getModel,
  lineModel,
  modelSlotCount,
  quadraticModel,
  tanhUnitModel,
  type Model,
} from "./models.ts";

/** The registry's loss names. */
export type LossKey = "mse" | "mae";

/** A loss: its names and formulas for display. */
export interface LossDef {
  readonly key: LossKey;
  /** "MSE", "MAE". */
  readonly short: string;
  /** "mean squared error", "mean absolute error". */
  readonly label: string;
  /** With rᵢ = F(xᵢ) − yᵢ the residual. */
  readonly formula: string;
}

/**
 * Mean squared error L = (1/n)·Σ rᵢ², rᵢ = F(xᵢ) − yᵢ:
 *   ∂L/∂p = (2/n)·Σ rᵢ·∂F/∂p        ∂²L/∂p∂q = (2/n)·Σ (∂F/∂p·∂F/∂q + rᵢ·∂²F/∂p∂q)
 */
export const mseLoss: LossDef = {
  key: "mse",
  short: "MSE",
  label: "mean squared error",
  formula: "(1/n)·Σᵢ (F(xᵢ) − yᵢ)²",
};

/**
 * Mean absolute error L = (1/n)·Σ |rᵢ|, rᵢ = F(xᵢ) − yᵢ. |r| has no derivative at r = 0, so the
 * gradient is the subgradient with sign(0) = 0:
 *   ∂L/∂p = (1/n)·Σ sign(rᵢ)·∂F/∂p
 * and the Hessian is the derivative almost everywhere: |r|'' = 0 away from the kink, leaving
 *   ∂²L/∂p∂q = (1/n)·Σ sign(rᵢ)·∂²F/∂p∂q
 * which is 0 for models linear in their parameters (line, quadratic). The kinks where some rᵢ
 * changes sign carry curvature this misses, so Newton's method and the second-derivative test
 * see an MAE surface as piecewise flat or piecewise curved by the model alone.
 */
export const maeLoss: LossDef = {
  key: "mae",
  short: "MAE",
  label: "mean absolute error",
  formula: "(1/n)·Σᵢ |F(xᵢ) − yᵢ|",
};

/** Every loss by key. */
export const losses: Readonly<Record<LossKey, LossDef>> = { mse: mseLoss, mae: maeLoss };

/** The loss keys in display order. */
export const lossKeys: readonly LossKey[] = ["mse", "mae"];

/** The loss named `key`; throws RangeError naming the known ones for anything else. */
export function getLoss(key: string): LossDef {
  if (Object.hasOwn(losses, key)) return losses[key as LossKey];
  throw new RangeError(`unknown loss "${key}" (known: ${lossKeys.join(", ")})`);
}

/** A loss surface over a dataset, with what it was made from and a mini-batch gradient. */
export interface DataSurface extends Surface {
  readonly dataset: Dataset;
  readonly model: Model;
  readonly loss: LossDef;
  /** Number of data points n. */
  readonly count: number;
  /** The loss as a formula in text, e.g. "(1/n)·Σᵢ (w·xᵢ + b − yᵢ)²" (`text` describes it). */
  readonly formula: string;
  /** Axis labels: the model's parameter labels (p1 on x, p2 on y), e.g. ["w", "b"]. */
  readonly paramNames: readonly [string, string];
  /**
   * The gradient of the loss over the rows `rows[0..size)` alone (a mini-batch), at (p1, p2):
   * the same formula as the full gradient with 1/size in place of 1/n, written to out[0]
   * (∂/∂p1) and out[1] (∂/∂p2) without allocating. Throws RangeError when size is not an
   * integer from 1 to rows.length or a row index is outside 0..n−1.
   */
  batchGradient(
    p1: number,
    p2: number,
    rows: ArrayLike<number>,
    size: number,
    out: { [index: number]: number },
  ): void;
}

/**
 * The loss `loss` of `model` over `data` as a surface in (p1, p2): f, ∂f/∂p1 (`dfdx`), ∂f/∂p2
 * (`dfdy`) and the three second derivatives are exact sums over the n points (formulas at
 * `mseLoss` and `maeLoss`). The data are copied, so later changes to the dataset's arrays do not
 * reach the surface. A gradient or Hessian is computed in one pass and kept for the last point
 * asked, so ∂f/∂p1 followed by ∂f/∂p2 at the same point costs one pass. Throws RangeError for a
 * dataset without points, with arrays of different lengths or with a value that is not finite,
 * and for an unknown model or loss key.
 */
export function dataLossSurface(
  data: Dataset,
  model: Model | string,
  loss: LossDef | string,
): DataSurface {
  const m = typeof model === "string" ? getModel(model) : model;
  const def = typeof loss === "string" ? getLoss(loss) : loss;
  const n = data.xs.length;
  if (n === 0) throw new RangeError(`the ${data.label} has no points`);
  if (data.ys.length !== n) {
    throw new RangeError(`the ${data.label} has ${n} x values but ${data.ys.length} y values`);
  }
  const xs = Float64Array.from(data.xs);
  const ys = Float64Array.from(data.ys);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]!) || !Number.isFinite(ys[i]!)) {
      throw new RangeError(`point ${i + 1} of the ${data.label} is not a pair of finite numbers`);
    }
  }
  const squared = def.key === "mse";
  const specialised = specialisedLosses.get(m);
  const fns = specialised ? specialised(xs, ys, squared) : modelLoss(m, xs, ys, squared);

  const description = `${def.short} of ${m.formula} on the ${data.label} (${n} points)`;
  const formulas = lossFormulas(def, m);
  return {
    text: description,
    normalized: description,
    dimension: 2,
    f: fns.f,
    dfdx: fns.dfdx,
    dfdy: fns.dfdy,
    d2fdx2: fns.d2fdx2,
    d2fdxdy: fns.d2fdxdy,
    d2fdy2: fns.d2fdy2,
    derivativeText: formulas.text,
    tex: formulas.tex,
    dataset: data,
    model: m,
    loss: def,
    count: n,
    formula: formulas.f,
    paramNames: [m.params[0].label, m.params[1].label],
    batchGradient: fns.batchGradient,
  };
}

/**
 * The numbers of a loss surface over data: f, its partial derivatives and the mini-batch
 * gradient, as `DataSurface` describes them.
 *
 * Each model has its own function building these, with F and its derivatives written out in
 * every loop, so every closure below runs code that has only ever seen one model. The engine
 * shares feedback and optimised code between the closures of one function literal; were the
 * loops shared by the models (calling F through the model), each call site in them would see
 * several models and the sums would run several times slower once a second model had been
 * used anywhere on the page.
 */
type LossFunctions = Pick<
  DataSurface,
  "f" | "dfdx" | "dfdy" | "d2fdx2" | "d2fdxdy" | "d2fdy2" | "batchGradient"
>;

/** Builds a model's `LossFunctions` over copied data, for MSE when `squared`, else MAE. */
type LossBuilder = (xs: Float64Array, ys: Float64Array, squared: boolean) => LossFunctions;

/** The RangeError `batchGradient` throws for a size outside 1..rows.length or a row outside 0..n−1. */
function checkBatch(rows: ArrayLike<number>, size: number, n: number): void {
  if (!Number.isInteger(size) || size < 1 || size > rows.length) {
    throw new RangeError(
      `a batch needs a size from 1 to the ${rows.length} rows given, got ${size}`,
    );
  }
  for (let k = 0; k < size; k++) {
    const i = rows[k]!;
    if (!(Number.isInteger(i) && i >= 0 && i < n)) {
      throw new RangeError(`row ${i} is outside 0..${n - 1}`);
    }
  }
}

/*
 * The three models' loops below follow one pattern. With rᵢ = F(xᵢ) − yᵢ and the parameter
 * derivatives F1 = ∂F/∂p1, F2, F11 = ∂²F/∂p1², F12, F22 of the model at xᵢ:
 *   gradient: MSE weighs (F1, F2) by 2·rᵢ, MAE by sign(rᵢ);
 *   Hessian:  MSE adds 2·(F1·F1 + rᵢ·F11) and so on, MAE sign(rᵢ)·F11.
 * The derivatives are spelt as `Model.derivatives` computes them, zeros included (r·0 is NaN for
 * an infinite residual, as the general formula gives), so each sum is the same number, bit for
 * bit, as the one over `Model.derivatives`.
 */

/** The line F = w·x + b: F1 = x, F2 = 1, no second derivatives. */
function lineLoss(xs: Float64Array, ys: Float64Array, squared: boolean): LossFunctions {
  const n = xs.length;
  let gradAt1 = NaN;
  let gradAt2 = NaN;
  let g1 = NaN;
  let g2 = NaN;
  let hessAt1 = NaN;
  let hessAt2 = NaN;
  let h11 = NaN;
  let h12 = NaN;
  let h22 = NaN;

  /** Writes the gradient over rows[0..size) (all rows when rows is null) into g1, g2. */
  function gradientOver(w: number, b: number, rows: ArrayLike<number> | null, size: number) {
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < size; k++) {
      const i = rows === null ? k : rows[k]!;
      const x = xs[i]!;
      const r = w * x + b - ys[i]!;
      const weight = squared ? 2 * r : Math.sign(r);
      s1 += weight * x;
      s2 += weight * 1;
    }
    g1 = s1 / size;
    g2 = s2 / size;
  }

  function gradient(w: number, b: number): void {
    if (w === gradAt1 && b === gradAt2) return;
    gradientOver(w, b, null, n);
    gradAt1 = w;
    gradAt2 = b;
  }

  function hessian(w: number, b: number): void {
    if (w === hessAt1 && b === hessAt2) return;
    let s11 = 0;
    let s12 = 0;
    let s22 = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const r = w * x + b - ys[i]!;
      if (squared) {
        s11 += 2 * (x * x + r * 0);
        s12 += 2 * (x * 1 + r * 0);
        s22 += 2 * (1 * 1 + r * 0);
      } else {
        const sign = Math.sign(r);
        s11 += sign * 0;
        s12 += sign * 0;
        s22 += sign * 0;
      }
    }
    h11 = s11 / n;
    h12 = s12 / n;
    h22 = s22 / n;
    hessAt1 = w;
    hessAt2 = b;
  }

  return {
    f(w, b) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const r = w * xs[i]! + b - ys[i]!;
        sum += squared ? r * r : Math.abs(r);
      }
      return sum / n;
    },
    dfdx(w, b) {
      gradient(w, b);
      return g1;
    },
    dfdy(w, b) {
      gradient(w, b);
      return g2;
    },
    d2fdx2(w, b) {
      hessian(w, b);
      return h11;
    },
    d2fdxdy(w, b) {
      hessian(w, b);
      return h12;
    },
    d2fdy2(w, b) {
      hessian(w, b);
      return h22;
    },
    batchGradient(w, b, rows, size, out) {
      checkBatch(rows, size, n);
      // The batch sum overwrites the cached full gradient, so forget where that was.
      gradientOver(w, b, rows, size);
      gradAt1 = NaN;
      gradAt2 = NaN;
      out[0] = g1;
      out[1] = g2;
    },
  };
}

/**
 * The quadratic template F = a·x² + b·x: F1 = x², F2 = x, no second derivatives. The value sums
 * F as (a·x + b)·x, the derivatives as a·x² + b·x, as the model computes them.
 */
function quadraticLoss(xs: Float64Array, ys: Float64Array, squared: boolean): LossFunctions {
  const n = xs.length;
  let gradAt1 = NaN;
  let gradAt2 = NaN;
  let g1 = NaN;
  let g2 = NaN;
  let hessAt1 = NaN;
  let hessAt2 = NaN;
  let h11 = NaN;
  let h12 = NaN;
  let h22 = NaN;

  /** Writes the gradient over rows[0..size) (all rows when rows is null) into g1, g2. */
  function gradientOver(a: number, b: number, rows: ArrayLike<number> | null, size: number) {
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < size; k++) {
      const i = rows === null ? k : rows[k]!;
      const x = xs[i]!;
      const x2 = x * x;
      const r = a * x2 + b * x - ys[i]!;
      const weight = squared ? 2 * r : Math.sign(r);
      s1 += weight * x2;
      s2 += weight * x;
    }
    g1 = s1 / size;
    g2 = s2 / size;
  }

  function gradient(a: number, b: number): void {
    if (a === gradAt1 && b === gradAt2) return;
    gradientOver(a, b, null, n);
    gradAt1 = a;
    gradAt2 = b;
  }

  function hessian(a: number, b: number): void {
    if (a === hessAt1 && b === hessAt2) return;
    let s11 = 0;
    let s12 = 0;
    let s22 = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const x2 = x * x;
      const r = a * x2 + b * x - ys[i]!;
      if (squared) {
        s11 += 2 * (x2 * x2 + r * 0);
        s12 += 2 * (x2 * x + r * 0);
        s22 += 2 * (x * x + r * 0);
      } else {
        const sign = Math.sign(r);
        s11 += sign * 0;
        s12 += sign * 0;
        s22 += sign * 0;
      }
    }
    h11 = s11 / n;
    h12 = s12 / n;
    h22 = s22 / n;
    hessAt1 = a;
    hessAt2 = b;
  }

  return {
    f(a, b) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const x = xs[i]!;
        const r = (a * x + b) * x - ys[i]!;
        sum += squared ? r * r : Math.abs(r);
      }
      return sum / n;
    },
    dfdx(a, b) {
      gradient(a, b);
      return g1;
    },
    dfdy(a, b) {
      gradient(a, b);
      return g2;
    },
    d2fdx2(a, b) {
      hessian(a, b);
      return h11;
    },
    d2fdxdy(a, b) {
      hessian(a, b);
      return h12;
    },
    d2fdy2(a, b) {
      hessian(a, b);
      return h22;
    },
    batchGradient(a, b, rows, size, out) {
      checkBatch(rows, size, n);
      // The batch sum overwrites the cached full gradient, so forget where that was.
      gradientOver(a, b, rows, size);
      gradAt1 = NaN;
      gradAt2 = NaN;
      out[0] = g1;
      out[1] = g2;
    },
  };
}

/**
 * The tanh unit F = w2·t with t = tanh(w1·x): F1 = w2·x·(1 − t²), F2 = t,
 * F11 = −2·w2·x²·t·(1 − t²), F12 = x·(1 − t²), F22 = 0.
 *
 * tanh costs more than the rest of a term together, and t depends on w1 alone, so the tanh of
 * every point is kept for the last w1 seen: the value, gradient and Hessian at one point (the
 * grid samples f and then the gradient at each node; a run asks f and the gradient at each
 * iterate) take the tanh of each point once. A mini-batch at another w1 takes the tanh of its
 * own rows only.
 */
function tanhUnitLoss(xs: Float64Array, ys: Float64Array, squared: boolean): LossFunctions {
  const n = xs.length;
  const tanhs = new Float64Array(n);
  let tanhAt = NaN;
  let gradAt1 = NaN;
  let gradAt2 = NaN;
  let g1 = NaN;
  let g2 = NaN;
  let hessAt1 = NaN;
  let hessAt2 = NaN;
  let h11 = NaN;
  let h12 = NaN;
  let h22 = NaN;

  /** Fills `tanhs` with tanh(w1·xᵢ) unless it holds them already. */
  function tanhsAt(w1: number): void {
    if (w1 === tanhAt) return;
    for (let i = 0; i < n; i++) tanhs[i] = Math.tanh(w1 * xs[i]!);
    tanhAt = w1;
  }

  /** Writes the gradient over rows[0..size) (all rows when rows is null) into g1, g2. */
  function gradientOver(w1: number, w2: number, rows: ArrayLike<number> | null, size: number) {
    const kept = w1 === tanhAt;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < size; k++) {
      const i = rows === null ? k : rows[k]!;
      const x = xs[i]!;
      const t = kept ? tanhs[i]! : Math.tanh(w1 * x);
      const slope = 1 - t * t;
      const r = w2 * t - ys[i]!;
      const weight = squared ? 2 * r : Math.sign(r);
      s1 += weight * (w2 * x * slope);
      s2 += weight * t;
    }
    g1 = s1 / size;
    g2 = s2 / size;
  }

  function gradient(w1: number, w2: number): void {
    if (w1 === gradAt1 && w2 === gradAt2) return;
    tanhsAt(w1);
    gradientOver(w1, w2, null, n);
    gradAt1 = w1;
    gradAt2 = w2;
  }

  function hessian(w1: number, w2: number): void {
    if (w1 === hessAt1 && w2 === hessAt2) return;
    tanhsAt(w1);
    let s11 = 0;
    let s12 = 0;
    let s22 = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const t = tanhs[i]!;
      const slope = 1 - t * t;
      const d1 = w2 * x * slope;
      const d11 = -2 * w2 * x * x * t * slope;
      const d12 = x * slope;
      const r = w2 * t - ys[i]!;
      if (squared) {
        s11 += 2 * (d1 * d1 + r * d11);
        s12 += 2 * (d1 * t + r * d12);
        s22 += 2 * (t * t + r * 0);
      } else {
        const sign = Math.sign(r);
        s11 += sign * d11;
        s12 += sign * d12;
        s22 += sign * 0;
      }
    }
    h11 = s11 / n;
    h12 = s12 / n;
    h22 = s22 / n;
    hessAt1 = w1;
    hessAt2 = w2;
  }

  return {
    f(w1, w2) {
      tanhsAt(w1);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const r = w2 * tanhs[i]! - ys[i]!;
        sum += squared ? r * r : Math.abs(r);
      }
      return sum / n;
    },
    dfdx(w1, w2) {
      gradient(w1, w2);
      return g1;
    },
    dfdy(w1, w2) {
      gradient(w1, w2);
      return g2;
    },
    d2fdx2(w1, w2) {
      hessian(w1, w2);
      return h11;
    },
    d2fdxdy(w1, w2) {
      hessian(w1, w2);
      return h12;
    },
    d2fdy2(w1, w2) {
      hessian(w1, w2);
      return h22;
    },
    batchGradient(w1, w2, rows, size, out) {
      checkBatch(rows, size, n);
      // The batch sum overwrites the cached full gradient, so forget where that was.
      gradientOver(w1, w2, rows, size);
      gradAt1 = NaN;
      gradAt2 = NaN;
      out[0] = g1;
      out[1] = g2;
    },
  };
}

/** The registry's models, each with its own loops. */
const specialisedLosses: ReadonlyMap<Model, LossBuilder> = new Map<Model, LossBuilder>([
  [lineModel, lineLoss],
  [quadraticModel, quadraticLoss],
  [tanhUnitModel, tanhUnitLoss],
]);

/**
 * Any other `Model` object, through its `residualSum` and `derivatives`: the same sums, slower
 * once several such models share these loops.
 */
function modelLoss(m: Model, xs: Float64Array, ys: Float64Array, squared: boolean): LossFunctions {
  const n = xs.length;
  const d = new Float64Array(modelSlotCount);
  let gradAt1 = NaN;
  let gradAt2 = NaN;
  let g1 = NaN;
  let g2 = NaN;
  let hessAt1 = NaN;
  let hessAt2 = NaN;
  let h11 = NaN;
  let h12 = NaN;
  let h22 = NaN;

  /** Writes the gradient over rows[0..size) (all rows when rows is null) into g1, g2. */
  function gradientOver(p1: number, p2: number, rows: ArrayLike<number> | null, size: number) {
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < size; k++) {
      const i = rows === null ? k : rows[k]!;
      m.derivatives(p1, p2, xs[i]!, d);
      const r = d[0]! - ys[i]!;
      const weight = squared ? 2 * r : Math.sign(r);
      s1 += weight * d[1]!;
      s2 += weight * d[2]!;
    }
    g1 = s1 / size;
    g2 = s2 / size;
  }

  function gradient(p1: number, p2: number): void {
    if (p1 === gradAt1 && p2 === gradAt2) return;
    gradientOver(p1, p2, null, n);
    gradAt1 = p1;
    gradAt2 = p2;
  }

  function hessian(p1: number, p2: number): void {
    if (p1 === hessAt1 && p2 === hessAt2) return;
    let s11 = 0;
    let s12 = 0;
    let s22 = 0;
    for (let i = 0; i < n; i++) {
      m.derivatives(p1, p2, xs[i]!, d);
      const r = d[0]! - ys[i]!;
      if (squared) {
        s11 += 2 * (d[1]! * d[1]! + r * d[3]!);
        s12 += 2 * (d[1]! * d[2]! + r * d[4]!);
        s22 += 2 * (d[2]! * d[2]! + r * d[5]!);
      } else {
        const sign = Math.sign(r);
        s11 += sign * d[3]!;
        s12 += sign * d[4]!;
        s22 += sign * d[5]!;
      }
    }
    h11 = s11 / n;
    h12 = s12 / n;
    h22 = s22 / n;
    hessAt1 = p1;
    hessAt2 = p2;
  }

  return {
    f(p1, p2) {
      return m.residualSum(p1, p2, xs, ys, squared) / n;
    },
    dfdx(p1, p2) {
      gradient(p1, p2);
      return g1;
    },
    dfdy(p1, p2) {
      gradient(p1, p2);
      return g2;
    },
    d2fdx2(p1, p2) {
      hessian(p1, p2);
      return h11;
    },
    d2fdxdy(p1, p2) {
      hessian(p1, p2);
      return h12;
    },
    d2fdy2(p1, p2) {
      hessian(p1, p2);
      return h22;
    },
    batchGradient(p1, p2, rows, size, out) {
      checkBatch(rows, size, n);
      // The batch sum overwrites the cached full gradient, so forget where that was.
      gradientOver(p1, p2, rows, size);
      gradAt1 = NaN;
      gradAt2 = NaN;
      out[0] = g1;
      out[1] = g2;
    },
  };
}

/** True when `t` has a top-level sum or difference or a leading minus, so a product needs it bracketed. */
function needsBrackets(t: string): boolean {
  if (t.startsWith("−") || t.startsWith("-")) return true;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && c === " " && /[+−-]/.test(t[i + 1] ?? "")) return true;
  }
  return false;
}

/** The text of a loss over a model (f, its gradient and Hessian) and the TeX of f and its gradient. */
function lossFormulas(
  def: LossDef,
  m: Model,
): { f: string; text: Surface["derivativeText"]; tex: SurfaceTex } {
  const t = m.text;
  const x = m.tex;
  const factor = (s: string) => (s === "1" ? "" : needsBrackets(s) ? `·(${s})` : `·${s}`);
  const texFactor = (s: string) =>
    s === "1" ? "" : needsBrackets(s) ? ` \\left(${s}\\right)` : ` ${s}`;
  const residual = `(${t.value} − yᵢ)`;
  const texResidual = `\\left(${x.value} - y_i\\right)`;
  const sum = (coefficient: string, body: string) => `(${coefficient}/n)·Σᵢ ${body}`;
  const texSum = (coefficient: string, body: string) =>
    `\\frac{${coefficient}}{n}\\sum_{i=1}^{n} ${body}`;

  if (def.key === "mse") {
    const hessianTerm = (product: string, second: string): string => {
      if (second === "0") return product === "1" ? "2" : sum("2", product);
      return sum("2", `[${product} + ${residual}${factor(second)}]`);
    };
    return {
      f: sum("1", `${residual}²`),
      text: {
        dfdx: sum("2", `${residual}${factor(t.d1)}`),
        dfdy: sum("2", `${residual}${factor(t.d2)}`),
        d2fdx2: hessianTerm(t.d1d1, t.d11),
        d2fdxdy: hessianTerm(t.d1d2, t.d12),
        d2fdy2: hessianTerm(t.d2d2, t.d22),
      },
      tex: {
        f: texSum("1", `${texResidual}^2`),
        dfdx: texSum("2", `${texResidual}${texFactor(x.d1)}`),
        dfdy: texSum("2", `${texResidual}${texFactor(x.d2)}`),
      },
    };
  }
  const sign = `sign${residual}`;
  const texSign = `\\operatorname{sign}${texResidual}`;
  const hessianTerm = (second: string) =>
    second === "0" ? "0" : sum("1", `${sign}${factor(second)}`);
  return {
    f: sum("1", `|${t.value} − yᵢ|`),
    text: {
      dfdx: sum("1", `${sign}${factor(t.d1)}`),
      dfdy: sum("1", `${sign}${factor(t.d2)}`),
      d2fdx2: hessianTerm(t.d11),
      d2fdxdy: hessianTerm(t.d12),
      d2fdy2: hessianTerm(t.d22),
    },
    tex: {
      f: texSum("1", `\\left|${x.value} - y_i\\right|`),
      dfdx: texSum("1", `${texSign}${texFactor(x.d1)}`),
      dfdy: texSum("1", `${texSign}${texFactor(x.d2)}`),
    },
  };
}
