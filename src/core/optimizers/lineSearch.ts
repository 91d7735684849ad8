/**
 * Step rules that choose the step size along d = −g by looking along the line: the exact line
 * search, trying a few step sizes and keeping the best, and Armijo backtracking.
 */
import { createLineSearchOutcome, exactLineSearch } from "../lineSearch.ts";
import { defineOptimizer, learningRateSpec, type StepContext } from "./types.ts";

/** How many step sizes a single run keeps for display per line search. */
export const probeLogCapacity = 64;

/** Per point: the last step size and how many evaluations the search spent. */
export interface ExactLineSearchState {
  alpha: Float64Array;
  probes: Uint16Array;
  /** Step sizes tried by the last search (of the last point searched), for display. */
  probeLog: Float64Array;
  logged: number;
}

const outcome = createLineSearchOutcome();
const gradientScratch = new Float64Array(2);

/**
 * Exact line search (steepest descent with exact steps): d = −g, x ← x + α·d with α minimising
 * f(x + α·d) (see `exactLineSearch`), so that ∇f(x + α·d)·d = 0. The first trial α is the
 * previous step's α (1 on the first step).
 */
export const lineSearch = defineOptimizer<ExactLineSearchState>({
  name: "linesearch",
  label: "Exact line search",
  summary:
    "d = −∇f(x); x ← x + α·d with α minimising f(x + α·d), so the new gradient is orthogonal to d.",
  usesGradient: true,
  params: [],
  init: (count) => ({
    alpha: new Float64Array(count),
    probes: new Uint16Array(count),
    probeLog: new Float64Array(probeLogCapacity),
    logged: 0,
  }),
  step(context: StepContext<ExactLineSearchState>): void {
    const { count } = context;
    const state = context.state;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const dx = -context.currentGradX;
      const dy = -context.currentGradY;
      const previous = state.alpha[i]!;
      exactLineSearch(
        context,
        context.currentX,
        context.currentY,
        dx,
        dy,
        context.currentValue,
        previous > 0 ? previous : 1,
        outcome,
        state.probeLog,
        gradientScratch,
      );
      state.alpha[i] = outcome.alpha;
      state.probes[i] = Math.min(outcome.probes, 65535);
      state.logged = outcome.logged;
      context.moveTo(
        i,
        context.currentX + outcome.alpha * dx,
        context.currentY + outcome.alpha * dy,
      );
    }
  },
  snapshot: (state, index) => ({
    alpha: state.alpha[index] ?? 0,
    probes: state.probes[index] ?? 0,
    probeSteps: Array.from(state.probeLog.subarray(0, state.logged)),
  }),
});

/** The largest `spread` of try-steps: 2·10 + 1 = 21 trial points per step. */
export const maxSpread = 10;

/** Per point: the step size taken; for the last point searched, every trial and its f. */
export interface TryStepsState {
  alpha: Float64Array;
  /** Step sizes lr·2ʲ tried by the last search, j = −spread … spread, for display. */
  probeLog: Float64Array;
  /** f at each trial point of the last search. */
  probeValues: Float64Array;
  logged: number;
}

/**
 * Trying several step sizes and keeping the best: f at the trial points x − lr·2ʲ·∇f(x) for
 * j = −spread … spread, and x moves to the trial with the lowest f (the smallest step among
 * equals), or stays put when no trial is lower than f(x).
 */
export const trySteps = defineOptimizer<TryStepsState>({
  name: "try-steps",
  label: "Try step sizes",
  summary:
    "Try x − lr·2ʲ·∇f(x) for j = −spread … spread and keep the lowest f (stay put if none is lower).",
  usesGradient: true,
  params: [
    learningRateSpec(0.1),
    {
      key: "spread",
      label: "Spread",
      default: 3,
      min: 0,
      max: maxSpread,
      scale: "linear",
      integer: true,
    },
  ],
  init: (count, _dimension, params) => {
    const trials = 2 * (params.spread ?? 3) + 1;
    return {
      alpha: new Float64Array(count),
      probeLog: new Float64Array(trials),
      probeValues: new Float64Array(trials),
      logged: 0,
    };
  },
  step(context: StepContext<TryStepsState>): void {
    const { count } = context;
    const { alpha, probeLog, probeValues } = context.state;
    const lr = context.lr;
    const spread = context.params.spread!;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const xi = context.currentX;
      const yi = context.currentY;
      const gx = context.currentGradX;
      const gy = context.currentGradY;
      let best = context.currentValue;
      let bestStep = 0;
      for (let j = -spread, n = 0; j <= spread; j++, n++) {
        const a = lr * Math.pow(2, j);
        const value = context.valueAt(xi - a * gx, yi - a * gy);
        probeLog[n] = a;
        probeValues[n] = value;
        if (value < best) {
          best = value;
          bestStep = a;
        }
      }
      context.state.logged = 2 * spread + 1;
      alpha[i] = bestStep;
      context.moveTo(i, xi - bestStep * gx, yi - bestStep * gy);
    }
  },
  snapshot: (state, index) => ({
    alpha: state.alpha[index] ?? 0,
    probeSteps: Array.from(state.probeLog.subarray(0, state.logged)),
    probeValues: Array.from(state.probeValues.subarray(0, state.logged)),
  }),
});

/** Armijo's sufficient-decrease constant. */
export const armijoConstant = 1e-4;
/** Halvings before giving up (α = lr·2⁻⁶⁰); the point then stays put and the run stalls. */
export const maxHalvings = 60;

/** Per point: the accepted α, how many halvings it took, and whether Armijo's test passed. */
export interface BacktrackingState {
  alpha: Float64Array;
  halvings: Uint8Array;
  accepted: Uint8Array;
}

/**
 * Armijo backtracking along d = −g: α starts at lr and halves until
 * f(x + α·d) ≤ f(x) − c·α·|g|², c = 1e-4; then x ← x + α·d. If no α down to lr·2⁻⁶⁰ satisfies
 * it (for example where f is not finite), the point does not move.
 */
export const backtracking = defineOptimizer<BacktrackingState>({
  name: "backtracking",
  label: "Backtracking (Armijo)",
  summary: "Try α = lr, halve until f(x − α·g) ≤ f(x) − 1e-4·α·|g|², then step x ← x − α·g.",
  usesGradient: true,
  params: [learningRateSpec(1)],
  init: (count) => ({
    alpha: new Float64Array(count),
    halvings: new Uint8Array(count),
    accepted: new Uint8Array(count),
  }),
  step(context: StepContext<BacktrackingState>): void {
    const { count } = context;
    const { alpha, halvings, accepted } = context.state;
    const lr = context.lr;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const xi = context.currentX;
      const yi = context.currentY;
      const gx = context.currentGradX;
      const gy = context.currentGradY;
      const f0 = context.currentValue;
      const decrease = armijoConstant * (gx * gx + gy * gy);
      let a = lr;
      let halved = 0;
      let ok = false;
      for (; halved <= maxHalvings; halved++) {
        const trial = context.valueAt(xi - a * gx, yi - a * gy);
        if (trial <= f0 - a * decrease) {
          ok = true;
          break;
        }
        a *= 0.5;
      }
      halvings[i] = Math.min(halved, maxHalvings);
      accepted[i] = ok ? 1 : 0;
      alpha[i] = ok ? a : 0;
      // A rejected step stays put, which the stall rule counts as a short step.
      if (ok) context.moveTo(i, xi - a * gx, yi - a * gy);
      else context.moveTo(i, xi, yi);
    }
  },
  snapshot: (state, index) => ({
    alpha: state.alpha[index] ?? 0,
    halvings: state.halvings[index] ?? 0,
    accepted: state.accepted[index] === 1,
  }),
});
