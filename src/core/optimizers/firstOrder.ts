/**
 * First-order step rules: plain gradient descent and ascent, the sign step, and the adaptive
 * rules of PyTorch's `torch.optim` (SGD with momentum / Nesterov, Adagrad, RMSprop, Adam) with
 * PyTorch's defaults and arithmetic, weight decay and other extras off.
 */
import {
  defineOptimizer,
  learningRateSpec,
  pair,
  type ParamSpec,
  type StepContext,
} from "./types.ts";

/** Per-point state of rules that keep no memory. */
export type NoState = null;

/**
 * Gradient descent: x ← x − lr·g.
 */
export const gradientDescent = defineOptimizer<NoState>({
  name: "gd",
  label: "Gradient descent",
  summary: "x ← x − lr·∇f(x): a fixed step against the gradient.",
  usesGradient: true,
  schedulable: true,
  params: [learningRateSpec(0.01)],
  init: () => null,
  step(context: StepContext<NoState>): void {
    const { count } = context;
    const lr = context.lr;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      context.moveTo(
        i,
        context.currentX - lr * context.currentGradX,
        context.currentY - lr * context.currentGradY,
      );
    }
  },
  snapshot: () => ({}),
});

/**
 * Gradient ascent, for maximising: x ← x + lr·g.
 */
export const gradientAscent = defineOptimizer<NoState>({
  name: "ascent",
  label: "Gradient ascent",
  summary: "x ← x + lr·∇f(x): a fixed step along the gradient, to climb to a maximum.",
  usesGradient: true,
  schedulable: true,
  params: [learningRateSpec(0.01)],
  init: () => null,
  step(context: StepContext<NoState>): void {
    const { count } = context;
    const lr = context.lr;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      context.moveTo(
        i,
        context.currentX + lr * context.currentGradX,
        context.currentY + lr * context.currentGradY,
      );
    }
  },
  snapshot: () => ({}),
});

/**
 * Sign step: x ← x − lr·sign(g), coordinate-wise, with sign(0) = 0.
 */
export const signDescent = defineOptimizer<NoState>({
  name: "sign",
  label: "Sign step",
  summary:
    "x ← x − lr·sign(∇f(x)): a step of fixed length per coordinate, ignoring the slope's size.",
  usesGradient: true,
  schedulable: true,
  params: [learningRateSpec(0.01)],
  init: () => null,
  step(context: StepContext<NoState>): void {
    const { count } = context;
    const lr = context.lr;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      context.moveTo(
        i,
        context.currentX - lr * Math.sign(context.currentGradX),
        context.currentY - lr * Math.sign(context.currentGradY),
      );
    }
  },
  snapshot: () => ({}),
});

/** Momentum buffer b per point (PyTorch's `momentum_buffer`). */
export interface MomentumState {
  bufferX: Float64Array;
  bufferY: Float64Array;
}

const momentumSpec: ParamSpec = {
  key: "momentum",
  label: "Momentum μ",
  default: 0.9,
  min: 0,
  max: 0.999,
  scale: "linear",
};

function initMomentum(count: number): MomentumState {
  return { bufferX: new Float64Array(count), bufferY: new Float64Array(count) };
}

/**
 * Heavy-ball momentum as in PyTorch SGD (dampening 0): b₁ = g₁, bₜ = μ·bₜ₋₁ + gₜ; x ← x − lr·b.
 * With b₀ = 0 the first update μ·0 + g equals PyTorch's b₁ = g₁ exactly.
 */
export const momentum = defineOptimizer<MomentumState>({
  name: "momentum",
  label: "Momentum",
  summary: "b ← μ·b + ∇f(x); x ← x − lr·b: velocity accumulates past gradients.",
  usesGradient: true,
  schedulable: true,
  params: [learningRateSpec(0.01), momentumSpec],
  init: (count) => initMomentum(count),
  step(context: StepContext<MomentumState>): void {
    const { count } = context;
    const { bufferX, bufferY } = context.state;
    const lr = context.lr;
    const mu = context.params.momentum!;
    const first = context.t === 1;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const bx = first ? context.currentGradX : mu * bufferX[i]! + context.currentGradX;
      const by = first ? context.currentGradY : mu * bufferY[i]! + context.currentGradY;
      bufferX[i] = bx;
      bufferY[i] = by;
      context.moveTo(i, context.currentX - lr * bx, context.currentY - lr * by);
    }
  },
  snapshot: (state, index, dimension) => ({
    velocity: pair(state.bufferX, state.bufferY, index, dimension),
  }),
});

/**
 * Nesterov momentum as in PyTorch SGD (nesterov=True, dampening 0): b as in momentum, then
 * x ← x − lr·(g + μ·b).
 */
export const nesterov = defineOptimizer<MomentumState>({
  name: "nesterov",
  label: "Nesterov momentum",
  summary: "b ← μ·b + ∇f(x); x ← x − lr·(∇f(x) + μ·b): momentum that looks one step ahead.",
  usesGradient: true,
  schedulable: true,
  params: [learningRateSpec(0.01), momentumSpec],
  init: (count) => initMomentum(count),
  step(context: StepContext<MomentumState>): void {
    const { count } = context;
    const { bufferX, bufferY } = context.state;
    const lr = context.lr;
    const mu = context.params.momentum!;
    const first = context.t === 1;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const gx = context.currentGradX;
      const gy = context.currentGradY;
      const bx = first ? gx : mu * bufferX[i]! + gx;
      const by = first ? gy : mu * bufferY[i]! + gy;
      bufferX[i] = bx;
      bufferY[i] = by;
      context.moveTo(
        i,
        context.currentX - lr * (gx + mu * bx),
        context.currentY - lr * (gy + mu * by),
      );
    }
  },
  snapshot: (state, index, dimension) => ({
    velocity: pair(state.bufferX, state.bufferY, index, dimension),
  }),
});

/** Sum of squared gradients per point (PyTorch's `sum`). */
export interface AdagradState {
  sumX: Float64Array;
  sumY: Float64Array;
}

/**
 * Adagrad as in PyTorch (lr_decay 0, initial_accumulator_value 0): s ← s + g²;
 * x ← x − lr·g / (√s + eps), eps 1e-10.
 */
export const adagrad = defineOptimizer<AdagradState>({
  name: "adagrad",
  label: "AdaGrad",
  summary: "s ← s + g²; x ← x − lr·g/(√s + eps): each coordinate's step shrinks with its history.",
  usesGradient: true,
  schedulable: true,
  params: [
    learningRateSpec(0.01),
    { key: "eps", label: "Epsilon", default: 1e-10, min: 1e-16, max: 1, scale: "log" },
  ],
  init: (count) => ({ sumX: new Float64Array(count), sumY: new Float64Array(count) }),
  step(context: StepContext<AdagradState>): void {
    const { count } = context;
    const { sumX, sumY } = context.state;
    const lr = context.lr;
    const eps = context.params.eps!;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const gx = context.currentGradX;
      const gy = context.currentGradY;
      const sx = sumX[i]! + gx * gx;
      const sy = sumY[i]! + gy * gy;
      sumX[i] = sx;
      sumY[i] = sy;
      context.moveTo(
        i,
        context.currentX - (lr * gx) / (Math.sqrt(sx) + eps),
        context.currentY - (lr * gy) / (Math.sqrt(sy) + eps),
      );
    }
  },
  snapshot: (state, index, dimension) => ({
    sumOfSquares: pair(state.sumX, state.sumY, index, dimension),
  }),
});

/** Running average of squared gradients per point (PyTorch's `square_avg`). */
export interface RmspropState {
  averageX: Float64Array;
  averageY: Float64Array;
}

/**
 * RMSprop as in PyTorch (centered=False, momentum 0): v ← α·v + (1 − α)·g²;
 * x ← x − lr·g / (√v + eps), alpha 0.99, eps 1e-8 added after the square root.
 */
export const rmsprop = defineOptimizer<RmspropState>({
  name: "rmsprop",
  label: "RMSProp",
  summary: "v ← α·v + (1 − α)·g²; x ← x − lr·g/(√v + eps): steps scaled by recent gradient size.",
  usesGradient: true,
  schedulable: true,
  params: [
    learningRateSpec(0.01),
    { key: "alpha", label: "Decay α", default: 0.99, min: 0, max: 0.9999, scale: "linear" },
    { key: "eps", label: "Epsilon", default: 1e-8, min: 1e-16, max: 1, scale: "log" },
  ],
  init: (count) => ({ averageX: new Float64Array(count), averageY: new Float64Array(count) }),
  step(context: StepContext<RmspropState>): void {
    const { count } = context;
    const { averageX, averageY } = context.state;
    const lr = context.lr;
    const alpha = context.params.alpha!;
    const eps = context.params.eps!;
    const oneMinusAlpha = 1 - alpha;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const gx = context.currentGradX;
      const gy = context.currentGradY;
      const vx = alpha * averageX[i]! + oneMinusAlpha * gx * gx;
      const vy = alpha * averageY[i]! + oneMinusAlpha * gy * gy;
      averageX[i] = vx;
      averageY[i] = vy;
      context.moveTo(
        i,
        context.currentX - (lr * gx) / (Math.sqrt(vx) + eps),
        context.currentY - (lr * gy) / (Math.sqrt(vy) + eps),
      );
    }
  },
  snapshot: (state, index, dimension) => ({
    squareAverage: pair(state.averageX, state.averageY, index, dimension),
  }),
});
