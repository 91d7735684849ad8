/**
 * Loss surfaces from data: the loss of a model (./models.ts) over a dataset (./datasets.ts) as a
 * function of the model's two parameters, L(p1, p2), is a `Surface` like any typed function, with
 * p1 on the x axis and p2 on the y axis. So every step rule, view and run works on it unchanged.
 * Values and derivatives are exact sums over the data, in loops over Float64Arrays that
 * allocate nothing.
 */
import type { Surface, SurfaceTex } from "../types.ts";
import type { Dataset } from "./datasets.ts";
import { getModel, modelSlotCount, type Model } from "./models.ts";

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
  const d = new Float64Array(modelSlotCount);

  function value(p1: number, p2: number): number {
    return m.residualSum(p1, p2, xs, ys, squared) / n;
  }

  // The last gradient and Hessian computed, and where.
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
      // MSE weighs ∂F by 2·rᵢ, MAE by sign(rᵢ).
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

  const description = `${def.short} of ${m.formula} on the ${data.label} (${n} points)`;
  const formulas = lossFormulas(def, m);
  return {
    text: description,
    normalized: description,
    dimension: 2,
    f: value,
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
    derivativeText: formulas.text,
    tex: formulas.tex,
    dataset: data,
    model: m,
    loss: def,
    count: n,
    formula: formulas.f,
    paramNames: [m.params[0].label, m.params[1].label],
    batchGradient(p1, p2, rows, size, out) {
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
