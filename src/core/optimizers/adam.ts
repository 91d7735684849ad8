/**
 * The Adam family of `torch.optim`, with PyTorch's defaults and arithmetic: Adam, AdamW
 * (decoupled weight decay), Adam with AMSGrad, and NAdam (Nesterov momentum in Adam). Weight
 * decay is off except AdamW's own, and every rule's learning rate may follow a schedule.
 */
import {
  defineOptimizer,
  learningRateSpec,
  pair,
  type ParamSpec,
  type StepContext,
} from "./types.ts";

const beta1Spec: ParamSpec = {
  key: "beta1",
  label: "β1",
  default: 0.9,
  min: 0,
  max: 0.9999,
  scale: "linear",
};
const beta2Spec: ParamSpec = {
  key: "beta2",
  label: "β2",
  default: 0.999,
  min: 0,
  max: 0.99999,
  scale: "linear",
};
const epsSpec: ParamSpec = {
  key: "eps",
  label: "Epsilon",
  default: 1e-8,
  min: 1e-16,
  max: 1,
  scale: "log",
};

/** Adam's first and second moments per point, and the last step number for the bias terms. */
export interface AdamState {
  mX: Float64Array;
  mY: Float64Array;
  vX: Float64Array;
  vY: Float64Array;
  t: number;
  beta1: number;
  beta2: number;
}

function initAdam(count: number, params: Readonly<Record<string, number>>): AdamState {
  return {
    mX: new Float64Array(count),
    mY: new Float64Array(count),
    vX: new Float64Array(count),
    vY: new Float64Array(count),
    t: 0,
    beta1: params.beta1 ?? beta1Spec.default,
    beta2: params.beta2 ?? beta2Spec.default,
  };
}

/** m, v and their bias-corrected m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ) at one point, for display. */
function adamMoments(
  state: AdamState,
  index: number,
  dimension: 1 | 2,
): { m: number[]; v: number[]; mHat: number[]; vHat: number[] } {
  const m = pair(state.mX, state.mY, index, dimension);
  const v = pair(state.vX, state.vY, index, dimension);
  if (state.t === 0) return { m, v, mHat: m.map(() => 0), vHat: v.map(() => 0) };
  const c1 = 1 - Math.pow(state.beta1, state.t);
  const c2 = 1 - Math.pow(state.beta2, state.t);
  return { m, v, mHat: m.map((value) => value / c1), vHat: v.map((value) => value / c2) };
}

/**
 * One Adam step for every point, in PyTorch's order, after scaling the point by `decay` (AdamW's
 * decoupled weight decay 1 − lr·λ; exactly 1 for Adam, which leaves the point as it is):
 * x ← x·decay − (lr/(1 − β1ᵗ))·m / (√v/√(1 − β2ᵗ) + eps), with m and v from the gradient at x.
 */
function adamStep(context: StepContext<AdamState>, decay: number): void {
  const { count, t } = context;
  const state = context.state;
  const { mX, mY, vX, vY } = state;
  const lr = context.lr;
  const beta1 = context.params.beta1!;
  const beta2 = context.params.beta2!;
  const eps = context.params.eps!;
  state.t = t;
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  const biasCorrection1 = 1 - Math.pow(beta1, t);
  const biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
  const stepSize = lr / biasCorrection1;
  for (let i = 0; i < count; i++) {
    if (!context.advance(i)) continue;
    const gx = context.currentGradX;
    const gy = context.currentGradY;
    const mx = beta1 * mX[i]! + oneMinusBeta1 * gx;
    const my = beta1 * mY[i]! + oneMinusBeta1 * gy;
    const vx = beta2 * vX[i]! + oneMinusBeta2 * gx * gx;
    const vy = beta2 * vY[i]! + oneMinusBeta2 * gy * gy;
    mX[i] = mx;
    mY[i] = my;
    vX[i] = vx;
    vY[i] = vy;
    const stepX = (stepSize * mx) / (Math.sqrt(vx) / biasCorrection2Sqrt + eps);
    const stepY = (stepSize * my) / (Math.sqrt(vy) / biasCorrection2Sqrt + eps);
    context.moveTo(i, context.currentX * decay - stepX, context.currentY * decay - stepY);
  }
}

/**
 * Adam as in PyTorch (amsgrad=False, weight_decay 0): m ← β1·m + (1 − β1)·g;
 * v ← β2·v + (1 − β2)·g²; m̂ = m/(1 − β1ᵗ); v̂ = v/(1 − β2ᵗ); x ← x − lr·m̂/(√v̂ + eps).
 * Evaluated in PyTorch's order: x ← x − (lr/(1 − β1ᵗ))·m / (√v/√(1 − β2ᵗ) + eps).
 */
export const adam = defineOptimizer<AdamState>({
  name: "adam",
  label: "Adam",
  summary: "Momentum on g and on g², bias-corrected: x ← x − lr·m̂/(√v̂ + eps).",
  usesGradient: true,
  schedulable: true,
  params: [learningRateSpec(0.001), beta1Spec, beta2Spec, epsSpec],
  init: (count, _dimension, params) => initAdam(count, params),
  step: (context: StepContext<AdamState>) => adamStep(context, 1),
  snapshot: (state, index, dimension) => adamMoments(state, index, dimension),
});

/**
 * AdamW as in PyTorch (amsgrad=False): first the decoupled weight decay θ ← θ·(1 − lr·λ), then
 * Adam's update from the gradient taken at the point before the decay:
 * m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; θ ← θ − lr·m̂/(√v̂ + eps). λ defaults to 0.01.
 */
export const adamw = defineOptimizer<AdamState>({
  name: "adamw",
  label: "AdamW",
  summary: "Adam with decoupled weight decay: x ← x·(1 − lr·λ), then x ← x − lr·m̂/(√v̂ + eps).",
  usesGradient: true,
  schedulable: true,
  params: [
    learningRateSpec(0.001),
    beta1Spec,
    beta2Spec,
    epsSpec,
    {
      key: "weight_decay",
      label: "Weight decay λ",
      default: 0.01,
      min: 0,
      max: 1,
      scale: "linear",
    },
  ],
  init: (count, _dimension, params) => initAdam(count, params),
  step: (context: StepContext<AdamState>) =>
    adamStep(context, 1 - context.lr * context.params.weight_decay!),
  snapshot: (state, index, dimension) => adamMoments(state, index, dimension),
});

/** Adam's moments plus the running maximum of v per point (PyTorch's `max_exp_avg_sq`). */
export interface AmsgradState extends AdamState {
  vMaxX: Float64Array;
  vMaxY: Float64Array;
}

/**
 * Adam with AMSGrad as in PyTorch (Adam(amsgrad=True), weight_decay 0): m and v as in Adam,
 * v_max ← max(v_max, v), and the step divides by the largest v so far:
 * x ← x − (lr/(1 − β1ᵗ))·m / (√v_max/√(1 − β2ᵗ) + eps).
 */
export const amsgrad = defineOptimizer<AmsgradState>({
  name: "amsgrad",
  label: "AMSGrad",
  summary: "Adam whose step divides by the largest v so far: x ← x − lr·m̂/(√v̂_max + eps).",
  usesGradient: true,
  schedulable: true,
  params: [learningRateSpec(0.001), beta1Spec, beta2Spec, epsSpec],
  init: (count, _dimension, params) => ({
    ...initAdam(count, params),
    vMaxX: new Float64Array(count),
    vMaxY: new Float64Array(count),
  }),
  step(context: StepContext<AmsgradState>): void {
    const { count, t } = context;
    const state = context.state;
    const { mX, mY, vX, vY, vMaxX, vMaxY } = state;
    const lr = context.lr;
    const beta1 = context.params.beta1!;
    const beta2 = context.params.beta2!;
    const eps = context.params.eps!;
    state.t = t;
    const oneMinusBeta1 = 1 - beta1;
    const oneMinusBeta2 = 1 - beta2;
    const biasCorrection1 = 1 - Math.pow(beta1, t);
    const biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
    const stepSize = lr / biasCorrection1;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const gx = context.currentGradX;
      const gy = context.currentGradY;
      const mx = beta1 * mX[i]! + oneMinusBeta1 * gx;
      const my = beta1 * mY[i]! + oneMinusBeta1 * gy;
      const vx = beta2 * vX[i]! + oneMinusBeta2 * gx * gx;
      const vy = beta2 * vY[i]! + oneMinusBeta2 * gy * gy;
      const maxX = Math.max(vMaxX[i]!, vx);
      const maxY = Math.max(vMaxY[i]!, vy);
      mX[i] = mx;
      mY[i] = my;
      vX[i] = vx;
      vY[i] = vy;
      vMaxX[i] = maxX;
      vMaxY[i] = maxY;
      const stepX = (stepSize * mx) / (Math.sqrt(maxX) / biasCorrection2Sqrt + eps);
      const stepY = (stepSize * my) / (Math.sqrt(maxY) / biasCorrection2Sqrt + eps);
      context.moveTo(i, context.currentX - stepX, context.currentY - stepY);
    }
  },
  snapshot: (state, index, dimension) => ({
    ...adamMoments(state, index, dimension),
    vMax: pair(state.vMaxX, state.vMaxY, index, dimension),
  }),
});

/** Adam's moments, and NAdam's momentum schedule: μₜ, μₜ₊₁ and the product μ₁···μₜ. */
export interface NadamState extends AdamState {
  mu: number;
  muNext: number;
  muProduct: number;
}

/** NAdam's μₜ = β1·(1 − ½·0.96^(t·ψ)), ψ the momentum decay. */
function nadamMu(beta1: number, t: number, momentumDecay: number): number {
  return beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
}

/**
 * NAdam as in PyTorch (weight_decay 0): μₜ = β1·(1 − ½·0.96^(t·ψ)), ψ = momentum_decay 0.004;
 * m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²;
 * m̂ = μₜ₊₁·m/(1 − μ₁···μₜ₊₁) + (1 − μₜ)·g/(1 − μ₁···μₜ); v̂ = v/(1 − β2ᵗ);
 * x ← x − lr·m̂/(√v̂ + eps). Default lr 0.002.
 */
export const nadam = defineOptimizer<NadamState>({
  name: "nadam",
  label: "NAdam",
  summary:
    "Adam with Nesterov momentum: m̂ mixes the next step's momentum with this gradient; x ← x − lr·m̂/(√v̂ + eps).",
  usesGradient: true,
  schedulable: true,
  params: [
    learningRateSpec(0.002),
    beta1Spec,
    beta2Spec,
    epsSpec,
    {
      key: "momentum_decay",
      label: "Momentum decay ψ",
      default: 0.004,
      min: 0,
      max: 1,
      scale: "linear",
    },
  ],
  init: (count, _dimension, params) => ({
    ...initAdam(count, params),
    mu: 0,
    muNext: 0,
    muProduct: 1,
  }),
  step(context: StepContext<NadamState>): void {
    const { count, t } = context;
    const state = context.state;
    const { mX, mY, vX, vY } = state;
    const lr = context.lr;
    const beta1 = context.params.beta1!;
    const beta2 = context.params.beta2!;
    const eps = context.params.eps!;
    const momentumDecay = context.params.momentum_decay!;
    // μ₁···μₜ is shared by every point of a batch: each step multiplies in its own μₜ once.
    if (state.t !== t) {
      state.t = t;
      state.mu = nadamMu(beta1, t, momentumDecay);
      state.muNext = nadamMu(beta1, t + 1, momentumDecay);
      state.muProduct *= state.mu;
    }
    const { mu, muNext, muProduct } = state;
    const oneMinusBeta1 = 1 - beta1;
    const oneMinusBeta2 = 1 - beta2;
    const biasCorrection2 = 1 - Math.pow(beta2, t);
    const gradientWeight = (lr * (1 - mu)) / (1 - muProduct);
    const momentumWeight = (lr * muNext) / (1 - muProduct * muNext);
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const gx = context.currentGradX;
      const gy = context.currentGradY;
      const mx = beta1 * mX[i]! + oneMinusBeta1 * gx;
      const my = beta1 * mY[i]! + oneMinusBeta1 * gy;
      const vx = beta2 * vX[i]! + oneMinusBeta2 * gx * gx;
      const vy = beta2 * vY[i]! + oneMinusBeta2 * gy * gy;
      mX[i] = mx;
      mY[i] = my;
      vX[i] = vx;
      vY[i] = vy;
      const denomX = Math.sqrt(vx / biasCorrection2) + eps;
      const denomY = Math.sqrt(vy / biasCorrection2) + eps;
      context.moveTo(
        i,
        context.currentX - (gradientWeight * gx) / denomX - (momentumWeight * mx) / denomX,
        context.currentY - (gradientWeight * gy) / denomY - (momentumWeight * my) / denomY,
      );
    }
  },
  snapshot: (state, index, dimension) => ({
    m: pair(state.mX, state.mY, index, dimension),
    v: pair(state.vX, state.vY, index, dimension),
    mu: state.mu,
    muNext: state.muNext,
  }),
});
