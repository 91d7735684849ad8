/**
 * A run in one line, saying what sets it apart from the others: "Gradient descent · lr 0.09",
 * "Momentum · lr 0.02, μ 0.8". The run list, the loss-curve legend and the views' spoken
 * summaries all use it, so four runs of one optimizer never look alike.
 */
import { gradientSources, type GradientSource } from "./gradientSources.ts";
import { formatNumber } from "./format.ts";
import { getOptimizer } from "./optimizers/index.ts";

/** What the summary reads from a run (a document run or a store entry both fit). */
export interface RunSummaryInput {
  optimizer: string;
  params: Readonly<Record<string, number>>;
  gradient?: GradientSource;
  /** A mini-batch size on a loss over data. */
  batch?: number;
}

/** Short names of parameters as the step rules' formulas write them. */
const PARAM_SYMBOLS: Readonly<Record<string, string>> = {
  lr: "lr",
  momentum: "μ",
  alpha: "α",
  beta1: "β1",
  beta2: "β2",
  eps: "ε",
  sigma: "σ",
};

/** The symbol a parameter is written with ("μ" for momentum), else its key. */
export function paramSymbol(key: string): string {
  return Object.prototype.hasOwnProperty.call(PARAM_SYMBOLS, key) ? PARAM_SYMBOLS[key]! : key;
}

/** The pieces of a run's summary, for layouts that keep each piece on one line. */
export interface RunSummaryParts {
  /** The optimizer's label ("Gradient descent"; its registry name if unknown); null: left out. */
  optimizer: string | null;
  /** "lr 0.02", "μ 0.8": the parameters the rule below shows, in the rule's order. */
  params: string[];
  /** The gradient source's label when it is shown ("central difference"), else null. */
  gradient: string | null;
}

/**
 * What sets a run apart:
 * 1. the optimizer's label;
 * 2. its parameters in the rule's own order, written "symbol value": the rule's first parameter
 *    always (the learning rate for every rule that has one, the spread σ for random local
 *    search), every other parameter only where its value differs from the rule's default (so
 *    Adam at its default β1, β2, ε shows just "lr 0.2"); a missing value is the default;
 *    then a mini-batch size, "batch 5", when the run has one;
 * 3. the gradient source, only when it is not the exact one and the rule uses a gradient.
 * Values have up to 6 significant digits (`formatNumber`). Rules without parameters (exact line
 * search, random search) have none to show.
 */
export function runSummaryParts(run: RunSummaryInput): RunSummaryParts {
  const definition = getOptimizer(run.optimizer);
  if (!definition) return { optimizer: run.optimizer, params: [], gradient: null };
  const params = definition.params.flatMap((spec, index) => {
    const value = run.params[spec.key] ?? spec.default;
    if (index > 0 && value === spec.default) return [];
    return [`${paramSymbol(spec.key)} ${formatNumber(value)}`];
  });
  if (run.batch !== undefined) params.push(`batch ${run.batch}`);
  const gradient =
    definition.usesGradient && run.gradient !== undefined && run.gradient !== "analytic"
      ? gradientSources[run.gradient].label
      : null;
  return { optimizer: definition.label, params, gradient };
}

/**
 * The pieces in one line: the optimizer, the parameters joined by ", ", and the gradient source,
 * joined by " · " (pieces left out are skipped; nothing at all gives "").
 */
export function summaryText(parts: RunSummaryParts): string {
  const pieces: string[] = [];
  if (parts.optimizer !== null) pieces.push(parts.optimizer);
  if (parts.params.length > 0) pieces.push(parts.params.join(", "));
  if (parts.gradient !== null) pieces.push(parts.gradient);
  return pieces.join(" · ");
}

/**
 * The run in one line (see `runSummaryParts` for what is shown): "Gradient descent · lr 0.09",
 * "Momentum · lr 0.02, μ 0.8", "Gradient descent · lr 0.1 · central difference",
 * "Exact line search".
 */
export function runSummary(run: RunSummaryInput): string {
  return summaryText(runSummaryParts(run));
}

/** Summaries of runs shown together: what they all share, said once, and what each has apart. */
export interface RunSummariesApart {
  shared: RunSummaryParts;
  apart: RunSummaryParts[];
}

/**
 * For a legend of several runs: the pieces of `runSummaryParts` that every run has, said once,
 * and for each run the pieces left, so each line shows only what differs. A piece is shared when
 * all runs have it: the optimizer when every run's label is the same, a parameter when every run
 * shows the same text for it ("lr 0.01"), the gradient source when every run shows the same
 * one. With fewer than two runs nothing is shared. Four runs of gradient descent at different
 * rates give shared "Gradient descent" and apart "lr 0.01", "lr 0.22", …; runs alike in all
 * but their start share everything and have nothing apart.
 */
export function runSummariesApart(runs: readonly RunSummaryInput[]): RunSummariesApart {
  const all = runs.map(runSummaryParts);
  const first = all[0];
  if (!first || all.length < 2) {
    return { shared: { optimizer: null, params: [], gradient: null }, apart: all };
  }
  const everyRun = (has: (parts: RunSummaryParts) => boolean) => all.every(has);
  const optimizer = everyRun((p) => p.optimizer === first.optimizer) ? first.optimizer : null;
  const params = first.params.filter((param) => everyRun((p) => p.params.includes(param)));
  const gradient = everyRun((p) => p.gradient === first.gradient) ? first.gradient : null;
  return {
    shared: { optimizer, params, gradient },
    apart: all.map((parts) => ({
      optimizer: optimizer === null ? parts.optimizer : null,
      params: parts.params.filter((param) => !params.includes(param)),
      gradient: gradient === null ? parts.gradient : null,
    })),
  };
}
