import { useCallback, useRef } from "react";
import { selectedRun, useExplorerStore, type RunEntry } from "../store/index.ts";
import { getOptimizer } from "../core/optimizers/index.ts";
import type { Dimension, OptimizerState } from "../core/types.ts";
import { formatFull, formatNumber, formatVector } from "./format.ts";
import { usePlayheadWriter, type PlayheadWriter } from "./usePlayhead.ts";

const DIGITS = 8;

type Row = [term: string, value: string, full?: string];

const GRADIENT_NAMES = {
  analytic: "exact",
  central: "central difference",
  forward: "forward difference",
  backward: "backward difference",
} as const;

function stateValue(value: OptimizerState[string]): string {
  if (Array.isArray(value)) return formatVector(value, DIGITS);
  if (typeof value === "number") return formatNumber(value, DIGITS);
  return String(value);
}

const SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉";

/** x with the iterate number as a subscript: x₀, x₁₂. */
function subscripted(k: number): string {
  return `x${String(k).replace(/\d/g, (d) => SUBSCRIPT_DIGITS[Number(d)] ?? d)}`;
}

function pointAt(run: RunEntry, k: number, dimension: Dimension): number[] {
  const x = run.result.xs[k] ?? Number.NaN;
  return dimension === 1 ? [x] : [x, run.result.ys[k] ?? Number.NaN];
}

/** What the panel says about run `run` at playback step `step`, as term/value rows. */
export function explainStep(run: RunEntry, step: number): Row[] {
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
      `${dimension === 1 ? `f′(${xk})` : `∇f(${xk})`} (${GRADIENT_NAMES[run.gradient]})`,
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
    const next = pointAt(run, k + 1, dimension);
    const delta = next.map((v, i) => v - (point[i] ?? 0));
    rows.push([`Step ${subscripted(k + 1)} − ${xk}`, formatVector(delta, DIGITS)]);
    rows.push([`Next point ${subscripted(k + 1)}`, formatVector(next, DIGITS)]);
    const change = (result.values[k + 1] ?? Number.NaN) - (result.values[k] ?? Number.NaN);
    rows.push(["Change in f", formatNumber(change, DIGITS)]);
  } else {
    rows.push(["Stopped", stoppedText(run)]);
  }
  const state = result.states[k];
  if (state) {
    for (const [key, value] of Object.entries(state)) {
      rows.push([`State: ${key}`, stateValue(value)]);
    }
  }
  return rows;
}

function stoppedText(run: RunEntry): string {
  const { result } = run;
  const norm = formatNumber(result.final.gradientNorm, 3);
  switch (result.status) {
    case "converged": {
      const c = result.classification;
      const test = c
        ? `; second-derivative test: ${c.classification} (Hessian eigenvalues ${c.eigenvalues
            .map((v) => formatNumber(v, 6))
            .join(", ")})`
        : "";
      return `converged: |∇f| = ${norm} is below the tolerance${test}`;
    }
    case "diverged":
      return `diverged: the values blew up (f = ${formatNumber(result.final.value, 4)})`;
    case "max-steps":
      return `used its budget of ${run.maxSteps} steps (|∇f| = ${norm})`;
    default:
      return `stalled: the step no longer moves the point (|∇f| = ${norm})`;
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
  const list = useRef<HTMLDListElement>(null);
  usePlayheadWriter(
    useCallback<PlayheadWriter>(
      (playhead) => {
        if (!list.current) return;
        if (!run) list.current.replaceChildren();
        else writeRows(list.current, explainStep(run, playhead.step));
      },
      [run],
    ),
  );
  return (
    <section className="panel explainer" aria-labelledby="explainer-heading">
      <h2 id="explainer-heading">
        {run ? (
          <>
            <span className="run-swatch" style={{ background: run.color }} aria-hidden="true" />{" "}
            This step of {run.label}
          </>
        ) : (
          "No run selected"
        )}
      </h2>
      <dl ref={list} className="explainer-rows" />
    </section>
  );
}
