/**
 * Gradient-free baselines: they only compare values of f, which is why they need so many more
 * evaluations than the rules that follow the gradient. All draws come from the run's seeded
 * generator, so a run is reproducible from its seed.
 */
import { defineOptimizer, pair, type StepContext } from "./types.ts";

/** Per point: the last proposal, its value and whether it was kept. */
export interface ProposalState {
  candidateX: Float64Array;
  candidateY: Float64Array;
  candidateValue: Float64Array;
  accepted: Uint8Array;
}

function initProposals(count: number): ProposalState {
  return {
    candidateX: new Float64Array(count),
    candidateY: new Float64Array(count),
    candidateValue: new Float64Array(count),
    accepted: new Uint8Array(count),
  };
}

function snapshotProposal(state: ProposalState, index: number, dimension: 1 | 2) {
  return {
    candidate: pair(state.candidateX, state.candidateY, index, dimension),
    candidateValue: state.candidateValue[index] ?? NaN,
    accepted: state.accepted[index] === 1,
  };
}

/** Moves to the candidate when it is strictly better (or the current value is not a number). */
function acceptIfBetter(context: StepContext<ProposalState>, i: number, cx: number, cy: number) {
  const { candidateX, candidateY, candidateValue, accepted } = context.state;
  const fc = context.valueAt(cx, cy);
  const current = context.currentValue;
  candidateX[i] = cx;
  candidateY[i] = cy;
  candidateValue[i] = fc;
  const better = fc < current || (current !== current && fc === fc);
  accepted[i] = better ? 1 : 0;
  // A rejected proposal stays put (gradient-free rules are not checked for stalling).
  context.moveTo(i, better ? cx : context.currentX, better ? cy : context.currentY);
}

/**
 * Random search: draw c uniformly in the domain box; x ← c if f(c) < f(x).
 */
export const randomSearch = defineOptimizer<ProposalState>({
  name: "random-search",
  label: "Random search",
  summary: "Draw a point uniformly in the box; move there if f is lower.",
  usesGradient: false,
  params: [],
  init: (count) => initProposals(count),
  step(context: StepContext<ProposalState>): void {
    const { count, box, random, dimension } = context;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const cx = random.uniformIn(box.xmin, box.xmax);
      const cy = dimension === 2 ? random.uniformIn(box.ymin, box.ymax) : 0;
      acceptIfBetter(context, i, cx, cy);
    }
  },
  snapshot: snapshotProposal,
});

/**
 * Random local search: propose c = x + σ·z with z ~ N(0, I); x ← c if f(c) < f(x).
 */
export const randomLocal = defineOptimizer<ProposalState>({
  name: "random-local",
  label: "Random local search",
  summary: "Propose x + σ·N(0, I); move there if f is lower.",
  usesGradient: false,
  params: [
    { key: "sigma", label: "Step spread σ", default: 0.1, min: 1e-6, max: 1e3, scale: "log" },
  ],
  init: (count) => initProposals(count),
  step(context: StepContext<ProposalState>): void {
    const { count, random, dimension } = context;
    const sigma = context.params.sigma!;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const cx = context.currentX + sigma * random.normal();
      const cy = dimension === 2 ? context.currentY + sigma * random.normal() : 0;
      acceptIfBetter(context, i, cx, cy);
    }
  },
  snapshot: snapshotProposal,
});
