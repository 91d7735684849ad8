import { useEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from "react";
import { selectedRun, useExplorerStore } from "../store/index.ts";
import { getPlayhead, subscribePlayhead } from "../store/playhead.ts";
import {
  errorCurves,
  gradientCheckAt,
  logSpacedSteps,
  TRUNCATION_CEILING,
  type DefinedGradientCheck,
  type ErrorCurve,
} from "../core/gradientCheck.ts";
import { finiteDifferenceKinds } from "../core/finiteDifference.ts";
import { gradientSources } from "../core/gradientSources.ts";
import { formatFull, formatNumber, formatVector } from "../core/format.ts";
import type { Surface } from "../core/types.ts";
import { GradientCheckView } from "../views/GradientCheckView.tsx";
import { RunSwatch } from "../views/LineSample.tsx";
import { subscripted as iterateName } from "./StepExplainer.tsx";

/** Significant digits of the gradients: enough to see where an estimate parts from the exact. */
const GRADIENT_DIGITS = 10;
const ERROR_DIGITS = 3;
/** The chart's steps, h = 1e-12 … 1e-1. */
const STEPS = logSpacedSteps();
/**
 * Longest wait between the playhead moving and the check following it. A step by key or button
 * shows at once; during playback the check, a few hundred evaluations of f and a table, follows
 * at most ten times a second rather than every frame.
 */
const FOLLOW_MS = 100;

/**
 * Subscribes to the playhead, calling `onChange` at once for a change after a quiet spell and
 * at most once per FOLLOW_MS while changes keep coming (the last one is never dropped).
 */
function subscribeThrottled(onChange: () => void): () => void {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = performance.now();
    onChange();
  };
  const unsubscribe = subscribePlayhead(() => {
    if (timer !== undefined) return;
    const wait = last + FOLLOW_MS - performance.now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}

const playheadStep = () => getPlayhead().step;

/**
 * The gradient check at the selected run's current point, shown while the view option
 * "Gradient check" is on: the exact gradient against forward, backward and central differences,
 * and each one's error against its step h.
 */
export function GradientCheckPanel() {
  const on = useExplorerStore((s) => s.view.gradientCheck);
  const region = useRef<HTMLElement>(null);
  const mounted = useRef(false);
  // The region sits below the views, out of sight: switching it on brings it into view. A page
  // opened with it on keeps the views in sight.
  useEffect(() => {
    if (mounted.current && on) region.current?.scrollIntoView?.({ block: "nearest" });
    mounted.current = true;
  }, [on]);
  return on ? <GradientCheckRegion ref={region} /> : null;
}

function GradientCheckRegion({ ref }: { ref: RefObject<HTMLElement | null> }) {
  const run = useExplorerStore((s) => selectedRun(s));
  const runs = useExplorerStore((s) => s.runs);
  const surface = useExplorerStore((s) => s.surface);
  const step = useSyncExternalStore(subscribeThrottled, playheadStep);
  const k = run ? Math.min(step, run.result.steps) : 0;
  const x = run?.result.xs[k] ?? NaN;
  const y = run?.result.ys[k] ?? NaN;
  const check = useMemo(() => gradientCheckAt(surface, x, y), [surface, x, y]);
  const curves = useMemo(
    () => (check.defined ? errorCurves(surface, x, y, STEPS) : null),
    [check.defined, surface, x, y],
  );
  return (
    <section ref={ref} className="panel gradient-check" aria-label="Gradient check">
      <h2>
        {run ? (
          <>
            <RunSwatch color={run.color} index={runs.indexOf(run)} /> Gradient check at{" "}
            {iterateName(k)} of {run.label}
          </>
        ) : (
          "Gradient check"
        )}
      </h2>
      {!run ? (
        <p>No run selected: add a run to check the gradient at its points.</p>
      ) : !check.defined ? (
        <p className="gc-problem">
          No check at {iterateName(k)} = {formatVector(check.point)}: {check.problem}. There is no
          gradient to compare the finite differences with.
        </p>
      ) : (
        <CheckBody k={k} surface={surface} check={check} curves={curves ?? []} />
      )}
    </section>
  );
}

function CheckBody({
  k,
  surface,
  check,
  curves,
}: {
  k: number;
  surface: Surface;
  check: DefinedGradientCheck;
  curves: readonly ErrorCurve[];
}) {
  const names = surface.dimension === 1 ? ["f′(x)"] : ["∂f/∂x", "∂f/∂y"];
  const zeroGradient = check.exact.every((g) => g === 0);
  return (
    <>
      <p className="gc-point">
        {iterateName(k)} = {formatVector(check.point)}, f = {formatNumber(check.value)}. Each
        difference at its default step: h = √ε·max(1, |xᵢ|) one-sided, ∛ε·max(1, |xᵢ|) central (ε =
        2⁻⁵²).
      </p>
      <div className="gc-table-wrap">
        <table className="gc-table">
          <thead>
            <tr>
              <th scope="col">Gradient</th>
              {names.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
              <th scope="col">relative error</th>
              <th scope="col">step h</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{gradientSources.analytic.short}</th>
              {check.exact.map((g, i) => (
                <td key={i} title={formatFull(g)}>
                  {formatNumber(g, GRADIENT_DIGITS)}
                </td>
              ))}
              <td>—</td>
              <td>—</td>
            </tr>
            {finiteDifferenceKinds.map((kind) => {
              const entry = check[kind];
              const steps = check.steps[kind];
              const sameStep = steps.every((h) => h === steps[0]);
              return (
                <tr key={kind}>
                  <th scope="row">{gradientSources[kind].short}</th>
                  {entry.gradient.map((g, i) => (
                    <td key={i} title={formatFull(g)}>
                      {formatNumber(g, GRADIENT_DIGITS)}
                    </td>
                  ))}
                  <td>{formatNumber(entry.relativeError, ERROR_DIGITS)}</td>
                  <td>
                    {sameStep
                      ? formatNumber(steps[0] ?? NaN, ERROR_DIGITS)
                      : formatVector(steps, ERROR_DIGITS)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {zeroGradient && (
        <p className="gc-note">
          The exact gradient is 0 here, so each relative error is 1 (or 0 where the estimate is 0
          too): compare the numbers themselves.
        </p>
      )}
      <div className="gc-study">
        <GradientCheckView hs={STEPS} curves={curves} />
        <div className="gc-facts">
          <h3>Error against h</h3>
          <ul>
            {curves.map((curve) => (
              <li key={curve.kind}>
                <CurveFacts curve={curve} />
              </li>
            ))}
          </ul>
          <p className="gc-explain">
            The same h on every axis. Large h: the truncation error falls like h for one-sided
            differences and h² for central ones (slope 1 and 2). Small h: rounding in f(x + h) −
            f(x) takes over and the error grows like 1/h. The best h sits between the two.
          </p>
        </div>
      </div>
    </>
  );
}

/** A number that never breaks across lines. */
function Num({ children }: { children: string }) {
  return <span className="gc-num">{children}</span>;
}

/** One kind's best h and fitted truncation slope, in words. */
function CurveFacts({ curve }: { curve: ErrorCurve }) {
  const short = gradientSources[curve.kind].short;
  const fit = curve.truncation;
  return (
    <>
      <span className="gc-fact">
        slope of the {short} error on the truncation side:{" "}
        <strong>{fit ? <Num>{fit.slope.toFixed(2)}</Num> : "none"}</strong>
        <span className="muted">
          {" "}
          {fit ? (
            <>
              (fitted over h ={" "}
              <Num>{`${formatNumber(fit.from, 2)} … ${formatNumber(fit.to, 2)}`}</Num>)
            </>
          ) : (
            `(too few points from 10× the best h to an error of ${formatNumber(TRUNCATION_CEILING)})`
          )}
        </span>
      </span>
      <span className="gc-fact">
        best h of the {short} difference:{" "}
        <strong>{curve.best ? <Num>{formatNumber(curve.best.h, 2)}</Num> : "none"}</strong>
        {curve.best && (
          <span className="muted">
            {" "}
            (error <Num>{formatNumber(curve.best.error, 2)}</Num>)
          </span>
        )}
      </span>
    </>
  );
}
