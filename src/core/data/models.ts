/**
 * The models a learner fits to data: functions F(x) of one input with two trainable parameters
 * (p1, p2), each with its exact first and second derivatives with respect to the parameters.
 * A loss over a dataset (./loss.ts) turns a model into a surface over (p1, p2): p1 is the
 * surface's x axis and p2 its y axis.
 */

/** The registry's model names. */
export type ModelKey = "line" | "quadratic" | "tanh-unit";

/** One trainable parameter: its plain name (command line, files), its label and its TeX. */
export interface ModelParam {
  readonly name: string;
  readonly label: string;
  readonly tex: string;
}

/**
 * The model and its parameter derivatives at one data point xᵢ, as text or as TeX, for the
 * loss formulas (./loss.ts). "0" and "1" mark derivatives that vanish or are one, so the
 * formulas can leave them out. The three products are spelled out (rather than built by
 * multiplying the parts) because they read better simplified: xᵢ·xᵢ is xᵢ².
 */
export interface ModelFormulas {
  /** F(xᵢ). */
  readonly value: string;
  /** ∂F/∂p1 and ∂F/∂p2. */
  readonly d1: string;
  readonly d2: string;
  /** ∂²F/∂p1², ∂²F/∂p1∂p2, ∂²F/∂p2². */
  readonly d11: string;
  readonly d12: string;
  readonly d22: string;
  /** (∂F/∂p1)², (∂F/∂p1)·(∂F/∂p2), (∂F/∂p2)². */
  readonly d1d1: string;
  readonly d1d2: string;
  readonly d2d2: string;
}

/** Length of the output array of `Model.derivatives`. */
export const modelSlotCount = 6;

/** A two-parameter model F(x; p1, p2) with its exact parameter derivatives. */
export interface Model {
  readonly key: ModelKey;
  /** A short name: "line", "quadratic", "tanh unit". */
  readonly label: string;
  /** (p1, p2): p1 is the loss surface's x axis, p2 its y axis. */
  readonly params: readonly [ModelParam, ModelParam];
  /** F(x) as text, e.g. "w·x + b". */
  readonly formula: string;
  /** F(x) as TeX, e.g. "w x + b". */
  readonly formulaTex: string;
  /** The model and its derivatives at a data point xᵢ, as text. */
  readonly text: ModelFormulas;
  /** The same as TeX. */
  readonly tex: ModelFormulas;
  /** F(x; p1, p2). */
  value(p1: number, p2: number, x: number): number;
  /**
   * Σᵢ (F(xᵢ) − yᵢ)² when `squared`, else Σᵢ |F(xᵢ) − yᵢ|, over every i: the inner loop of a
   * loss value. Each model has its own copy of this loop, so the engine inlines its F there; one
   * loop shared by the three models calls F through a polymorphic site and runs up to 15 times
   * slower once several models have been used.
   */
  residualSum(p1: number, p2: number, xs: Float64Array, ys: Float64Array, squared: boolean): number;
  /**
   * Writes, at x, F to out[0], ∂F/∂p1 to out[1], ∂F/∂p2 to out[2], ∂²F/∂p1² to out[3],
   * ∂²F/∂p1∂p2 to out[4] and ∂²F/∂p2² to out[5], allocating nothing.
   */
  derivatives(p1: number, p2: number, x: number, out: Float64Array): void;
}

function lineValue(w: number, b: number, x: number): number {
  return w * x + b;
}

function quadraticValue(a: number, b: number, x: number): number {
  return (a * x + b) * x;
}

function tanhUnitValue(w1: number, w2: number, x: number): number {
  return w2 * Math.tanh(w1 * x);
}

/**
 * The line F(x) = w·x + b, parameters (w, b):
 *   ∂F/∂w = x, ∂F/∂b = 1; every second derivative is 0 (F is linear in its parameters).
 */
export const lineModel: Model = {
  key: "line",
  label: "line",
  params: [
    { name: "w", label: "w", tex: "w" },
    { name: "b", label: "b", tex: "b" },
  ],
  formula: "w·x + b",
  formulaTex: "w x + b",
  text: {
    value: "w·xᵢ + b",
    d1: "xᵢ",
    d2: "1",
    d11: "0",
    d12: "0",
    d22: "0",
    d1d1: "xᵢ²",
    d1d2: "xᵢ",
    d2d2: "1",
  },
  tex: {
    value: "w x_i + b",
    d1: "x_i",
    d2: "1",
    d11: "0",
    d12: "0",
    d22: "0",
    d1d1: "x_i^2",
    d1d2: "x_i",
    d2d2: "1",
  },
  value: lineValue,
  residualSum(w, b, xs, ys, squared) {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) {
      const r = lineValue(w, b, xs[i]!) - ys[i]!;
      sum += squared ? r * r : Math.abs(r);
    }
    return sum;
  },
  derivatives(w, b, x, out) {
    out[0] = w * x + b;
    out[1] = x;
    out[2] = 1;
    out[3] = 0;
    out[4] = 0;
    out[5] = 0;
  },
};

/**
 * The quadratic template F(x) = a·x² + b·x (no constant term), parameters (a, b):
 *   ∂F/∂a = x², ∂F/∂b = x; every second derivative is 0 (F is linear in its parameters).
 * The fence areas A(l) = 100·l − l² are this template with a = −1, b = 100.
 */
export const quadraticModel: Model = {
  key: "quadratic",
  label: "quadratic",
  params: [
    { name: "a", label: "a", tex: "a" },
    { name: "b", label: "b", tex: "b" },
  ],
  formula: "a·x² + b·x",
  formulaTex: "a x^2 + b x",
  text: {
    value: "a·xᵢ² + b·xᵢ",
    d1: "xᵢ²",
    d2: "xᵢ",
    d11: "0",
    d12: "0",
    d22: "0",
    d1d1: "xᵢ⁴",
    d1d2: "xᵢ³",
    d2d2: "xᵢ²",
  },
  tex: {
    value: "a x_i^2 + b x_i",
    d1: "x_i^2",
    d2: "x_i",
    d11: "0",
    d12: "0",
    d22: "0",
    d1d1: "x_i^4",
    d1d2: "x_i^3",
    d2d2: "x_i^2",
  },
  value: quadraticValue,
  residualSum(a, b, xs, ys, squared) {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) {
      const r = quadraticValue(a, b, xs[i]!) - ys[i]!;
      sum += squared ? r * r : Math.abs(r);
    }
    return sum;
  },
  derivatives(a, b, x, out) {
    const x2 = x * x;
    out[0] = a * x2 + b * x;
    out[1] = x2;
    out[2] = x;
    out[3] = 0;
    out[4] = 0;
    out[5] = 0;
  },
};

/**
 * A one-neuron network F(x) = w2·tanh(w1·x), parameters (w1, w2). With t = tanh(w1·x) and
 * tanh' = 1 − tanh², the chain rule gives
 *   ∂F/∂w1 = w2·x·(1 − t²)                ∂F/∂w2 = t
 *   ∂²F/∂w1² = −2·w2·x²·t·(1 − t²)         (d/dw1 of (1 − t²) is −2·t·x·(1 − t²))
 *   ∂²F/∂w1∂w2 = x·(1 − t²)               ∂²F/∂w2² = 0
 * F(x; −w1, −w2) = F(x; w1, w2) since tanh is odd, so every loss over this model is symmetric
 * under (w1, w2) → (−w1, −w2) and its minima come in mirror pairs.
 */
export const tanhUnitModel: Model = {
  key: "tanh-unit",
  label: "tanh unit",
  params: [
    { name: "w1", label: "w₁", tex: "w_1" },
    { name: "w2", label: "w₂", tex: "w_2" },
  ],
  formula: "w₂·tanh(w₁·x)",
  formulaTex: "w_2 \\tanh(w_1 x)",
  text: {
    value: "w₂·tanh(w₁·xᵢ)",
    d1: "w₂·xᵢ·(1 − tanh²(w₁·xᵢ))",
    d2: "tanh(w₁·xᵢ)",
    d11: "−2·w₂·xᵢ²·tanh(w₁·xᵢ)·(1 − tanh²(w₁·xᵢ))",
    d12: "xᵢ·(1 − tanh²(w₁·xᵢ))",
    d22: "0",
    d1d1: "w₂²·xᵢ²·(1 − tanh²(w₁·xᵢ))²",
    d1d2: "w₂·xᵢ·tanh(w₁·xᵢ)·(1 − tanh²(w₁·xᵢ))",
    d2d2: "tanh²(w₁·xᵢ)",
  },
  tex: {
    value: "w_2 \\tanh(w_1 x_i)",
    d1: "w_2 x_i \\left(1 - \\tanh^2(w_1 x_i)\\right)",
    d2: "\\tanh(w_1 x_i)",
    d11: "-2 w_2 x_i^2 \\tanh(w_1 x_i) \\left(1 - \\tanh^2(w_1 x_i)\\right)",
    d12: "x_i \\left(1 - \\tanh^2(w_1 x_i)\\right)",
    d22: "0",
    d1d1: "w_2^2 x_i^2 \\left(1 - \\tanh^2(w_1 x_i)\\right)^2",
    d1d2: "w_2 x_i \\tanh(w_1 x_i) \\left(1 - \\tanh^2(w_1 x_i)\\right)",
    d2d2: "\\tanh^2(w_1 x_i)",
  },
  value: tanhUnitValue,
  residualSum(w1, w2, xs, ys, squared) {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) {
      const r = tanhUnitValue(w1, w2, xs[i]!) - ys[i]!;
      sum += squared ? r * r : Math.abs(r);
    }
    return sum;
  },
  derivatives(w1, w2, x, out) {
    const t = Math.tanh(w1 * x);
    const slope = 1 - t * t;
    out[0] = w2 * t;
    out[1] = w2 * x * slope;
    out[2] = t;
    out[3] = -2 * w2 * x * x * t * slope;
    out[4] = x * slope;
    out[5] = 0;
  },
};

/** Every model by key. */
export const models: Readonly<Record<ModelKey, Model>> = {
  line: lineModel,
  quadratic: quadraticModel,
  "tanh-unit": tanhUnitModel,
};

/** The model keys in display order. */
export const modelKeys: readonly ModelKey[] = ["line", "quadratic", "tanh-unit"];

/** The model named `key`; throws RangeError naming the known ones for anything else. */
export function getModel(key: string): Model {
  if (Object.hasOwn(models, key)) return models[key as ModelKey];
  throw new RangeError(`unknown model "${key}" (known: ${modelKeys.join(", ")})`);
}
