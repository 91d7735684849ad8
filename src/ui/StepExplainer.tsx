import { useCallback, useRef } from "react";
import { selectedRun, useExplorerStore, type RunEntry } from "../store/index.ts";
import { getOptimizer, getSchedule } from "../core/optimizers/index.ts";
import { describeRun } from "../core/runStatus.ts";
import { gradientSources } from "../core/gradientSources.ts";
import type { Dimension, OptimizerState } from "../core/types.ts";
import { formatFull, formatNumber, formatVector } from "../core/format.ts";
import { usePlayheadWriter, type PlayheadWriter } from "./usePlayhead.ts";
import { useScrollCue } from "./useScrollCue.ts";
import { RunSwatch } from "../views/LineSample.tsx";

const DIGITS = 8;

type Row = [term: string, value: string, full?: string];

function stateValue(value: OptimizerState[string]): string {
  if (Array.isArray(value)) return formatVector(value, DIGITS);
  if (typeof value === "number") return formatNumber(value, DIGITS);
  return String(value);
}

const SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉";

/** x with the iterate number as a subscript: x₀, x₁₂. */
export function subscripted(k: number): string {
  return `x${String(k).replace(/\d/g, (d) => SUBSCRIPT_DIGITS[Number(d)] ?? d)}`;
}

function pointAt(run: RunEntry, k: number, dimension: Dimension): number[] {
  const x = run.result.xs[k] ?? Number.NaN;
  return dimension === 1 ? [x] : [x, run.result.ys[k] ?? Number.NaN];
}

/**
 * What the panel says about run `run` at playback step `step`, as term/value rows. The rule's
 * state shown at iterate k is the one that produced the step from xₖ to xₖ₊₁ (core's
 * `RunResult.states`); `surfaceText` lets the end of a run say why f has no value there.
 */
export function explainStep(run: RunEntry, step: number, surfaceText?: string): Row[] {
  const { result } = run;
  const dimension = result.dimension;
  const k = Math.min(step, result.steps);
  const point = pointAt(run, k, dimension);
  const gradient =
    dimension === 1
      ? [result.gradX[k] ?? Number.NaN]
      : [result.gradX[k] ?? Number.NaN, result.gradY[k] ?? Number.NaN];
  const def = getOptimizer(run.optimizer);
  const xk = subscripted(k);
  const rows: Row[] = [
    [
      "Iterate",
      step > result.steps
        ? `${k} of ${result.steps} (this run stopped at step ${result.steps})`
        : `${k} of ${result.steps}`,
    ],
    [`Point ${xk}`, formatVector(point, DIGITS), point.map(formatFull).join(", ")],
    [
      `f(${xk})`,
      formatNumber(result.values[k] ?? Number.NaN, DIGITS),
      formatFull(result.values[k] ?? Number.NaN),
    ],
    [
      `${dimension === 1 ? `f′(${xk})` : `∇f(${xk})`} (${gradientSources[run.gradient].short})`,
      formatVector(gradient, DIGITS),
      gradient.map(formatFull).join(", "),
    ],
  ];
  if (dimension === 2) rows.push(["|∇f|", formatNumber(Math.hypot(...gradient), DIGITS)]);
  const params = Object.entries(run.params)
    .map(([key, value]) => `${key} = ${formatNumber(value, DIGITS)}`)
    .join(", ");
  rows.push(["Rule", `${def?.summary ?? run.optimizer}${params ? ` (${params})` : ""}`]);
  if (k < result.steps) {
    const rate = result.rates?.[k];
    if (rate !== undefined) rows.push(["Learning rate this step", rateText(run, k, rate)]);
    if (run.noise !== undefined && run.noise > 0) {
      rows.push([
        "Gradient noise",
        `σ = ${formatNumber(run.noise, DIGITS)} on each component, seed ${run.seed} (included in the gradient above)`,
      ]);
    }
    const next = pointAt(run, k + 1, dimension);
    const delta = next.map((v, i) => v - (point[i] ?? 0));
    rows.push([`Step ${subscripted(k + 1)} − ${xk}`, formatVector(delta, DIGITS)]);
    rows.push([`Next point ${subscripted(k + 1)}`, formatVector(next, DIGITS)]);
    const change = (result.values[k + 1] ?? Number.NaN) - (result.values[k] ?? Number.NaN);
    rows.push(["Change in f", formatNumber(change, DIGITS)]);
  } else {
    rows.push(["Stopped", stoppedText(run, surfaceText)]);
  }
  // At the final iterate no step was taken, so its state is empty and no rows appear.
  const state = result.states[k];
  if (state) {
    for (const [key, value] of Object.entries(state)) {
      rows.push([`State: ${key}`, stateValue(value)]);
    }
  }
  return rows;
}

/** The rate step k used, and where it comes from: "0.05 (Step decay, StepLR: lrₖ = …, k = 5)". */
function rateText(run: RunEntry, k: number, rate: number): string {
  const schedule = run.schedule ? getSchedule(run.schedule.kind) : undefined;
  if (!schedule || schedule.name === "constant") return `${formatNumber(rate, DIGITS)} (constant)`;
  const params = Object.entries(run.schedule?.params ?? {})
    .map(([key, value]) => `${key} = ${formatNumber(value, DIGITS)}`)
    .join(", ");
  return `${formatNumber(rate, DIGITS)} (${schedule.label}, ${schedule.torchName}: ${schedule.formula} at k = ${k}; ${params})`;
}

/** The end of a run: core's description, with the numbers behind it. */
function stoppedText(run: RunEntry, surfaceText: string | undefined): string {
  const { result } = run;
  const { text } = describeRun(result, { optimizer: run.optimizer, surfaceText });
  const norm = formatNumber(result.final.gradientNorm, 3);
  switch (result.status) {
    case "converged": {
      const c = result.classification;
      const test = c
        ? `; second-derivative test: ${c.classification} (Hessian eigenvalues ${c.eigenvalues
            .map((v) => formatNumber(v, 6))
            .join(", ")})`
        : "";
      return `${text}: |∇f| = ${norm} is below the tolerance${test}`;
    }
    case "diverged":
      return text;
    default:
      return `${text} (|∇f| = ${norm})`;
  }
}

function writeRows(list: HTMLDListElement, rows: Row[]): void {
  const doc = list.ownerDocument;
  const fragment = doc.createDocumentFragment();
  for (const [term, value, full] of rows) {
    const dt = doc.createElement("dt");
    dt.textContent = term;
    const dd = doc.createElement("dd");
    dd.textContent = value;
    if (full) dd.title = full;
    fragment.append(dt, dd);
  }
  list.replaceChildren(fragment);
}

/**
 * The selected run's current step, every number shown: the point, f, the gradient, the step
 * taken, and the optimizer's state. Rewritten by the playhead subscription, not by React.
 */
export function StepExplainer() {
  const run = useExplorerStore((s) => selectedRun(s));
  const runs = useExplorerStore((s) => s.runs);
  const surfaceText = useExplorerStore((s) => s.surface.text);
  const list = useRef<HTMLDListElement>(null);
  const panel = useRef<HTMLElement>(null);
  const cue = useRef<HTMLParagraphElement>(null);
  useScrollCue(panel, cue);
  usePlayheadWriter(
    useCallback<PlayheadWriter>(
      (playhead) => {
        if (!list.current) return;
        if (!run) list.current.replaceChildren();
        else writeRows(list.current, explainStep(run, playhead.step, surfaceText));
      },
      [run, surfaceText],
    ),
  );
  return (
    <section ref={panel} className="panel explainer" aria-labelledby="explainer-heading">
      <h2 id="explainer-heading">
        {run ? (
          <>
            <RunSwatch color={run.color} index={runs.indexOf(run)} /> This step of {run.label}
          </>
        ) : (
          "No run selected"
        )}
      </h2>
      <dl ref={list} className="explainer-rows" />
      <p ref={cue} className="scroll-cue" aria-hidden="true" hidden>
        <span>▾ more below</span>
      </p>
    </section>
  );
}
