/**
 * The anatomy of one step of a recorded run: the vectors a step rule combined to move from xₖ
 * to xₖ₊₁, as arrows from xₖ, and the points it looked at (a look-ahead, a line search's
 * trials, a random proposal). The contour map draws them; the actual step xₖ₊₁ − xₖ is always
 * one of the arrows, so each rule's own vector can be compared with what it did.
 *
 * Everything comes from the run's record: the iterates, the gradients the steps followed (noise
 * and mini-batches included), `rates[k]` (the schedule's rate at step k) and `states[k]`, the
 * rule's memory as it produced the step from xₖ (PyTorch's momentum buffer, Adam's moments, see
 * `RunResult.states`). The rule's state is recorded at every step, so nothing is replayed here.
 *
 * Rules and their vectors, g = ∇f(xₖ), lr = rates[k], following `torch.optim` (see
 * ./optimizers/):
 * - every rule with a learning rate: −lr·g, the plain gradient step;
 * - momentum: bₖ = μ·bₖ₋₁ + g, step −lr·bₖ (the velocity), the sum of −lr·g and the carried
 *   momentum −lr·μ·bₖ₋₁;
 * - Nesterov: bₖ as above, step −lr·(g + μ·bₖ): the velocity −lr·bₖ, the look-ahead point
 *   xₖ − lr·μ·bₖ along it, and from there −lr·g to xₖ₊₁;
 * - AdaGrad −lr·g/(√s + ε), RMSProp −lr·g/(√v + ε), Adam and AdamW −lr·m̂/(√v̂ + ε) (AdamW adds the
 *   decay −lr·λ·xₖ), AMSGrad −lr·m̂/(√v̂max + ε), NAdam −lr·m̂/(√v̂ + ε) with its Nesterov m̂;
 * - Newton: −H⁻¹g, dashed when the rule fell back to a gradient step;
 * - the line searches: the trial points xₖ − α·g of every α tried; random search: the proposal.
 */
import type { RunResult } from "./types.ts";

/** A vector of the plane, [x, y]. */
export type Vec2 = [number, number];

/** What an arrow stands for (the map colours arrows by kind). */
export type StepArrowKind =
  | "gradient"
  | "momentum"
  | "velocity"
  | "correction"
  | "adaptive"
  | "decay"
  | "newton"
  | "rule"
  | "step";

/** One vector of a step, drawn from `from`. */
export interface StepArrow {
  kind: StepArrowKind;
  /**
   * Its tag on the map, short enough for a small map: a formula ("−lr·∇f", "−lr·m̂/(√v̂+ε)") or
   * a name ("velocity", "momentum", "Newton", "step"); empty: no tag.
   */
  label: string;
  /** The tail, in math coordinates. */
  from: Vec2;
  /** The vector, in math units. */
  vector: Vec2;
  /** A vector the rule computed but did not take, or a part drawn head to tail. */
  dashed: boolean;
}

/** A point the rule looked at. */
export interface StepMark {
  kind: "look-ahead" | "probe";
  /** Its label; empty for all but one of a line search's trial points. */
  label: string;
  point: Vec2;
}

/** The vectors and points of step k of a run (see the module comment). */
export interface StepAnatomy {
  /** The iterate the step leaves from. */
  k: number;
  from: Vec2;
  /** Drawing order: the actual step last, on top. Arrows of zero length are left out. */
  arrows: StepArrow[];
  marks: StepMark[];
  /** Said instead of arrows when there is no step to show (the run ended here), else null. */
  note: string | null;
}

/** The parts of a run the anatomy reads (a store's run entry has them all). */
export interface StepAnatomyInput {
  optimizer: string;
  /** The rule's full, resolved parameters. */
  params: Readonly<Record<string, number>>;
  result: RunResult;
}

/** Label of the actual step xₖ₊₁ − xₖ. */
export const STEP_LABEL = "step";

function scaled(s: number, v: readonly number[]): Vec2 {
  return [s * (v[0] ?? NaN), s * (v[1] ?? NaN)];
}

function vectorOf(value: unknown): Vec2 | null {
  if (!Array.isArray(value) || value.length < 2) return null;
  const [x, y] = value as unknown[];
  return typeof x === "number" && typeof y === "number" ? [x, y] : null;
}

function numberOf(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}

function finiteVector(v: Vec2): boolean {
  return Number.isFinite(v[0]) && Number.isFinite(v[1]);
}

/**
 * Whether two vectors are the same arrow: |a − b| ≤ 1e-9·max(|a|, |b|). Rules written in
 * PyTorch's order of operations and their textbook formulas differ only in rounding.
 */
function sameVector(a: Vec2, b: Vec2): boolean {
  const scale = Math.max(Math.hypot(...a), Math.hypot(...b));
  return Math.hypot(a[0] - b[0], a[1] - b[1]) <= 1e-9 * scale;
}

/** Coordinate-wise a / (√s + ε): the adaptive rules' per-coordinate scaling. */
function perCoordinate(a: Vec2, s: Vec2, eps: number): Vec2 {
  return [a[0] / (Math.sqrt(s[0]) + eps), a[1] / (Math.sqrt(s[1]) + eps)];
}

/** NAdam's μₜ = β1·(1 − ½·0.96^(t·ψ)) (PyTorch's `momentum_decay` ψ). */
function nadamMu(beta1: number, t: number, decay: number): number {
  return beta1 * (1 - 0.5 * Math.pow(0.96, t * decay));
}

/** The rule's own vector(s) for step k, before they are compared with the step taken. */
interface RuleParts {
  arrows: StepArrow[];
  marks: StepMark[];
}

function ruleParts(run: StepAnatomyInput, k: number, from: Vec2, g: Vec2, lr: number): RuleParts {
  const { params, result } = run;
  const state = result.states[k] ?? {};
  const t = k + 1;
  const arrows: StepArrow[] = [];
  const marks: StepMark[] = [];
  const arrow = (kind: StepArrowKind, label: string, vector: Vec2, dashed = false, tail = from) =>
    arrows.push({ kind, label, from: tail, vector, dashed });
  const trials = (alphas: readonly number[], label: string) => {
    alphas.forEach((alpha, i) => {
      marks.push({
        kind: "probe",
        label: i === alphas.length - 1 ? label : "",
        point: [from[0] - alpha * g[0], from[1] - alpha * g[1]],
      });
    });
  };
  switch (run.optimizer) {
    case "ascent":
      arrow("rule", "+lr·∇f", scaled(lr, g));
      break;
    case "sign":
      arrow("rule", "−lr·sign(∇f)", [-lr * Math.sign(g[0]), -lr * Math.sign(g[1])]);
      break;
    case "momentum": {
      const velocity = vectorOf(state.velocity);
      const previous = k > 0 ? vectorOf(result.states[k - 1]?.velocity) : null;
      const mu = params.momentum ?? NaN;
      if (previous) arrow("momentum", "momentum", scaled(-lr * mu, previous));
      if (velocity) arrow("velocity", "velocity", scaled(-lr, velocity));
      break;
    }
    case "nesterov": {
      const velocity = vectorOf(state.velocity);
      const mu = params.momentum ?? NaN;
      if (velocity) {
        arrow("velocity", "velocity", scaled(-lr, velocity), true);
        const ahead: Vec2 = [from[0] - lr * mu * velocity[0], from[1] - lr * mu * velocity[1]];
        if (mu > 0) marks.push({ kind: "look-ahead", label: "look-ahead", point: ahead });
        arrow("correction", "", scaled(-lr, g), true, ahead);
        arrow("rule", "−lr·(∇f+μ·b)", [
          -lr * (g[0] + mu * velocity[0]),
          -lr * (g[1] + mu * velocity[1]),
        ]);
      }
      break;
    }
    case "adagrad": {
      const sum = vectorOf(state.sumOfSquares);
      if (sum) arrow("adaptive", "−lr·g/(√s+ε)", perCoordinate(scaled(-lr, g), sum, params.eps!));
      break;
    }
    case "rmsprop": {
      const average = vectorOf(state.squareAverage);
      if (average) {
        arrow("adaptive", "−lr·g/(√v+ε)", perCoordinate(scaled(-lr, g), average, params.eps!));
      }
      break;
    }
    case "adam":
    case "adamw":
    case "amsgrad": {
      const mHat = vectorOf(state.mHat);
      let vHat = vectorOf(state.vHat);
      const vMax = vectorOf(state.vMax);
      const amsgrad = run.optimizer === "amsgrad";
      if (amsgrad && vMax) {
        const correction = 1 - Math.pow(params.beta2 ?? NaN, t);
        vHat = [vMax[0] / correction, vMax[1] / correction];
      }
      if (mHat && vHat) {
        const label = amsgrad ? "−lr·m̂/(√v̂max+ε)" : "−lr·m̂/(√v̂+ε)";
        arrow("adaptive", label, perCoordinate(scaled(-lr, mHat), vHat, params.eps!));
      }
      if (run.optimizer === "adamw") {
        arrow("decay", "decay", scaled(-lr * (params.weight_decay ?? NaN), from));
      }
      break;
    }
    case "nadam": {
      const m = vectorOf(state.m);
      const v = vectorOf(state.v);
      const mu = numberOf(state.mu);
      const muNext = numberOf(state.muNext);
      if (m && v && mu !== null && muNext !== null) {
        const beta1 = params.beta1 ?? NaN;
        const decay = params.momentum_decay ?? NaN;
        // μ₁···μₜ multiplied in the engine's order, so it is the engine's product exactly.
        let product = 1;
        for (let i = 1; i <= t; i++) product *= nadamMu(beta1, i, decay);
        const mHat: Vec2 = [
          (muNext * m[0]) / (1 - product * muNext) + ((1 - mu) * g[0]) / (1 - product),
          (muNext * m[1]) / (1 - product * muNext) + ((1 - mu) * g[1]) / (1 - product),
        ];
        const correction = 1 - Math.pow(params.beta2 ?? NaN, t);
        const vHat: Vec2 = [v[0] / correction, v[1] / correction];
        arrow("adaptive", "−lr·m̂/(√v̂+ε)", perCoordinate(scaled(-lr, mHat), vHat, params.eps!));
      }
      break;
    }
    case "newton": {
      const newton = vectorOf(state.newtonStep);
      const fallback = state.fallback;
      if (newton) {
        if (fallback === false || fallback === undefined) {
          arrow("newton", "Newton", scaled(lr, newton));
        } else {
          arrow("newton", `Newton (not taken: H ${String(fallback)})`, newton, true);
        }
      }
      break;
    }
    case "linesearch": {
      const alphas = (Array.isArray(state.probeSteps) ? state.probeSteps : []) as number[];
      trials(alphas, `${alphas.length} trials`);
      const alpha = numberOf(state.alpha);
      if (alpha !== null) arrow("rule", "−α·∇f", scaled(-alpha, g));
      break;
    }
    case "try-steps": {
      const alphas = (Array.isArray(state.probeSteps) ? state.probeSteps : []) as number[];
      trials(alphas, `${alphas.length} trials`);
      break;
    }
    case "backtracking": {
      const halvings = numberOf(state.halvings);
      if (halvings !== null) {
        const alphas = Array.from({ length: halvings + 1 }, (_, j) => lr * Math.pow(2, -j));
        trials(alphas, alphas.length === 1 ? "1 trial" : `${alphas.length} trials`);
      }
      break;
    }
    case "random-search":
    case "random-local": {
      const candidate = vectorOf(state.candidate);
      if (candidate) {
        marks.push({
          kind: "probe",
          label: state.accepted === true ? "proposal, kept" : "proposal, rejected",
          point: candidate,
        });
      }
      break;
    }
  }
  return { arrows, marks };
}

/**
 * The arrows and points of step k of a run (k clamped to 0…steps): see the module comment for
 * each rule. The plain gradient step −lr·∇f comes first for every rule with a learning rate, the
 * actual step xₖ₊₁ − xₖ last. A rule's vector that equals the actual step (within rounding,
 * 1e-9 relative) is not drawn twice: the step's label names it ("step = −lr·∇f"). At the final
 * iterate there is no step: no arrows, and a note saying so.
 */
export function stepAnatomy(run: StepAnatomyInput, step: number): StepAnatomy {
  const { result } = run;
  const k = Math.max(0, Math.min(Math.floor(step), result.steps));
  const from: Vec2 = [result.xs[k] ?? NaN, result.ys[k] ?? NaN];
  if (k >= result.steps) {
    return {
      k,
      from,
      arrows: [],
      marks: [],
      note: `the run stopped at iterate ${k}: no step from here`,
    };
  }
  const g: Vec2 = [result.gradX[k] ?? NaN, result.gradY[k] ?? NaN];
  const lr = result.rates?.[k] ?? run.params.lr ?? NaN;
  const stepVector: Vec2 = [
    (result.xs[k + 1] ?? NaN) - from[0],
    (result.ys[k + 1] ?? NaN) - from[1],
  ];
  const arrows: StepArrow[] = [];
  if (Number.isFinite(lr)) {
    arrows.push({
      kind: "gradient",
      label: "−lr·∇f",
      from,
      vector: scaled(-lr, g),
      dashed: false,
    });
  }
  const parts = ruleParts(run, k, from, g, lr);
  arrows.push(...parts.arrows);
  // Every arrow from xₖ that is the step itself gives the step its name instead of a twin.
  const names: string[] = [];
  const kept = arrows.filter((arrow) => {
    const fromPoint = arrow.from === from;
    if (fromPoint && !arrow.dashed && finiteVector(stepVector)) {
      if (sameVector(arrow.vector, stepVector)) {
        names.push(arrow.label);
        return false;
      }
    }
    return true;
  });
  if (finiteVector(stepVector)) {
    kept.push({
      kind: "step",
      label: names.length > 0 ? `step = ${names.join(" = ")}` : STEP_LABEL,
      from,
      vector: stepVector,
      dashed: false,
    });
  }
  return {
    k,
    from,
    arrows: kept.filter(
      (arrow) => finiteVector(arrow.vector) && (arrow.vector[0] !== 0 || arrow.vector[1] !== 0),
    ),
    marks: parts.marks.filter((mark) => finiteVector(mark.point)),
    note: finiteVector(stepVector) ? null : "the next iterate is not a finite point",
  };
}

/** The nice factors 1, 2 and 5 of each decade. */
const NICE = [1, 2, 5, 10];

/**
 * The factor the map draws step vectors at, so that the longest, `length` long, can be seen
 * and stays on the map: 1 when min ≤ length ≤ max; when it is shorter, the smallest factor of
 * the form {1, 2, 5}·10ⁿ that makes it at least `min`; when longer, the largest such factor
 * below 1 that makes it at most `max`. 1 for a length that is zero or not finite.
 */
export function arrowMagnification(length: number, min: number, max: number): number {
  if (!(length > 0) || !Number.isFinite(length)) return 1;
  if (length >= min && length <= max) return 1;
  const want = length < min ? min / length : max / length;
  const decade = Math.pow(10, Math.floor(Math.log10(want)));
  if (length < min) {
    const factor = NICE.find((n) => n * decade >= want * (1 - 1e-12)) ?? 10;
    return factor * decade;
  }
  const factor = [...NICE].reverse().find((n) => n * decade <= want * (1 + 1e-12)) ?? 1;
  return factor * decade;
}
