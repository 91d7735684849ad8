import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { selectedRun, useExplorerStore, type RunEntry } from "../store/index.ts";
import { isDataSurface } from "../core/data/miniBatch.ts";
import {
  getOptimizer,
  getSchedule,
  noiseSpec,
  optimizerNames,
  resolveSchedule,
  scheduleNames,
  scheduleRegistry,
  type ParamSpec,
} from "../core/optimizers/index.ts";
import { describeRun, type RunDescription } from "../core/runStatus.ts";
import { runSummaryParts } from "../core/runSummary.ts";
import { addedRunStart } from "../core/runPlacement.ts";
import { SummaryPieces } from "../views/SummaryPieces.tsx";
import type { RunResult } from "../core/types.ts";
import { gradientSourceKeys, gradientSources, isGradientSource } from "../core/gradientSources.ts";
import { formatNumber, formatVector } from "../core/format.ts";
import { MAX_DOCUMENT_STEPS } from "../core/scenario/document.ts";
import { usePlayheadWriter, type PlayheadWriter } from "./usePlayhead.ts";
import {
  paramHint,
  SLIDER_STEPS,
  sliderNote,
  sliderPosition,
  sliderRange,
  sliderValue,
} from "./paramScale.ts";
import { ExportRuns } from "./ExportRuns.tsx";
import { RunSwatch } from "../views/LineSample.tsx";
import { LongRunProgress, longRunStatus } from "./LongRunProgress.tsx";

/** "f = 28.75", or "f not defined" where f has no value (NaN). */
export function valueText(value: number): string {
  return Number.isNaN(value) ? "f not defined" : `f = ${formatNumber(value)}`;
}

/** The run's outcome in words and tone (one rule with the command line: core's describeRun). */
export function useRunDescription(run: RunEntry): RunDescription {
  const surfaceText = useExplorerStore((s) => s.surface.text);
  const { result, optimizer } = run;
  return useMemo(
    () => describeRun(result, { optimizer, surfaceText }),
    [result, optimizer, surfaceText],
  );
}

/** The loss shown for a run at playback step k: its last iterate once it has stopped. */
export function lossAt(result: RunResult, step: number): number {
  return result.values[Math.min(step, result.steps)] ?? Number.NaN;
}

/** A parameter's control label: the learning rate always reads "Learning rate". */
function paramLabel(spec: ParamSpec): string {
  return spec.key === "lr" ? "Learning rate" : spec.label;
}

/**
 * A number input that keeps what is being typed (e.g. "0." or "1e-") locally and commits only
 * valid values in [min, max]; an out-of-range value is marked and explained, never applied.
 */
export function NumberField(props: {
  label: string;
  value: number;
  min?: number;
  max?: number;
  integer?: boolean;
  hint?: string;
  onCommit(value: number): void;
}) {
  const { label, value, min = -Infinity, max = Infinity, integer = false, hint, onCommit } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const shown = draft ?? String(value);

  const change = (text: string) => {
    setDraft(text);
    const trimmed = text.trim();
    const parsed = Number(trimmed);
    if (trimmed === "" || !Number.isFinite(parsed)) {
      setProblem("not a number");
      return;
    }
    if (integer && !Number.isInteger(parsed)) {
      setProblem("must be a whole number");
      return;
    }
    if (parsed < min || parsed > max) {
      setProblem(`must be between ${formatNumber(min)} and ${formatNumber(max)}`);
      return;
    }
    setProblem(null);
    onCommit(parsed);
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={shown}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-hint`}
        onChange={(event) => change(event.target.value)}
        onBlur={() => {
          setDraft(null);
          setProblem(null);
        }}
      />
      <span id={`${id}-hint`} className={problem ? "field-hint field-problem" : "field-hint"}>
        {problem ? `${label} ${problem}; keeping ${formatNumber(value)}` : hint}
      </span>
    </div>
  );
}

/**
 * Drag a parameter and the path follows on every move. Named after the key ("lr slider") so the
 * text field alone is called "Learning rate". A value beyond its ends leaves it resting at the
 * nearer end (it never rewrites the value); it speaks the value itself, not its position.
 */
function ParamSlider(props: { spec: ParamSpec; value: number; onCommit(value: number): void }) {
  const { spec, value, onCommit } = props;
  const range = sliderRange(spec);
  const beyond = value < range.lo || value > range.hi;
  return (
    <input
      type="range"
      className="param-slider"
      aria-label={`${spec.key} slider`}
      aria-valuetext={`${formatNumber(value)}${beyond ? ", beyond the slider's end" : ""}`}
      min={0}
      max={SLIDER_STEPS}
      step={1}
      value={sliderPosition(value, range)}
      onChange={(event) =>
        onCommit(sliderValue(Number(event.target.value), range, spec.integer ?? false))
      }
    />
  );
}

/** A parameter's typed field and its slider, as one control. */
function ParamControl(props: { spec: ParamSpec; value: number; onCommit(value: number): void }) {
  const { spec, value, onCommit } = props;
  return (
    <div className="param">
      <NumberField
        label={paramLabel(spec)}
        value={value}
        min={spec.min}
        max={spec.max}
        integer={spec.integer ?? false}
        hint={sliderNote(spec, value) ?? paramHint(spec)}
        onCommit={onCommit}
      />
      <ParamSlider spec={spec} value={value} onCommit={onCommit} />
    </div>
  );
}

/**
 * A first-order rule's learning-rate schedule: the schedule (PyTorch's StepLR, ExponentialLR,
 * CosineAnnealingLR, LinearLR, or none) and its parameters by PyTorch's names.
 */
function ScheduleSettingsControl({ run }: { run: RunEntry }) {
  const updateRun = useExplorerStore((s) => s.updateRun);
  const kind = run.schedule?.kind ?? "constant";
  const definition = getSchedule(kind) ?? scheduleRegistry.constant;
  return (
    <>
      <div className="field">
        <label htmlFor="run-schedule">Learning-rate schedule</label>
        <select
          id="run-schedule"
          value={kind}
          onChange={(event) => {
            const next = getSchedule(event.target.value);
            if (!next) return;
            // A parameter the two schedules share (gamma) keeps its value.
            const shared = Object.fromEntries(
              Object.entries(run.schedule?.params ?? {}).filter(([key]) =>
                next.params.some((spec) => spec.key === key),
              ),
            );
            updateRun(run.id, {
              schedule: next.name === "constant" ? undefined : resolveSchedule(next.name, shared),
            });
          }}
        >
          {scheduleNames.map((name) => (
            <option key={name} value={name}>
              {scheduleRegistry[name].label}
              {scheduleRegistry[name].torchName ? ` (${scheduleRegistry[name].torchName})` : ""}
            </option>
          ))}
        </select>
        <span className="field-hint">{definition.formula}</span>
      </div>
      {run.schedule &&
        definition.params.map((spec) => {
          const params = run.schedule?.params ?? {};
          return (
            <ParamControl
              key={`${run.id}-${kind}-${spec.key}`}
              spec={spec}
              value={params[spec.key] ?? spec.default}
              onCommit={(next) =>
                updateRun(run.id, {
                  schedule: { kind: definition.name, params: { ...params, [spec.key]: next } },
                })
              }
            />
          );
        })}
    </>
  );
}

/** The settings of the selected run: optimizer, its parameters, gradient source, start, budget. */
function RunSettings({ run }: { run: RunEntry }) {
  const updateRun = useExplorerStore((s) => s.updateRun);
  const setRunStart = useExplorerStore((s) => s.setRunStart);
  const dimension = useExplorerStore((s) => s.surface.dimension);
  const def = getOptimizer(run.optimizer);
  const surface = useExplorerStore((s) => s.surface);
  const specs = def?.params ?? [];
  return (
    <div className="run-settings">
      <div className="field">
        <label htmlFor="run-optimizer">Optimizer</label>
        <select
          id="run-optimizer"
          value={run.optimizer}
          onChange={(event) => {
            // The store carries shared parameters over and fills in the new rule's defaults.
            const optimizer = getOptimizer(event.target.value)?.name;
            if (optimizer) updateRun(run.id, { optimizer });
          }}
        >
          {optimizerNames.map((name) => (
            <option key={name} value={name}>
              {getOptimizer(name)?.label ?? name}
            </option>
          ))}
        </select>
        {def && <span className="field-hint">{def.summary}</span>}
      </div>
      {specs.map((spec) => (
        <ParamControl
          key={`${run.id}-${run.optimizer}-${spec.key}`}
          spec={spec}
          value={run.params[spec.key] ?? spec.default}
          onCommit={(next) => updateRun(run.id, { params: { ...run.params, [spec.key]: next } })}
        />
      ))}
      {def?.schedulable === true && <ScheduleSettingsControl run={run} />}
      {def?.usesGradient === true && (
        <ParamControl
          key={`${run.id}-noise`}
          spec={noiseSpec}
          value={run.noise ?? 0}
          onCommit={(noise) => updateRun(run.id, { noise })}
        />
      )}
      {def?.schedulable === true && isDataSurface(surface) && (
        <NumberField
          key={`${run.id}-batch-${surface.count}`}
          label="Batch size"
          value={Math.min(run.batch ?? surface.count, surface.count)}
          min={1}
          max={surface.count}
          integer
          hint={`1 (stochastic) to ${surface.count} (every row); a fresh shuffle each epoch`}
          onCommit={(size) =>
            updateRun(run.id, { batch: size >= surface.count ? undefined : size })
          }
        />
      )}
      {def?.usesGradient !== false && (
        <div className="field">
          <label htmlFor="run-gradient">Gradient</label>
          <select
            id="run-gradient"
            value={run.gradient}
            onChange={(event) =>
              isGradientSource(event.target.value) &&
              updateRun(run.id, { gradient: event.target.value })
            }
          >
            {gradientSourceKeys.map((source) => (
              <option key={source} value={source}>
                {gradientSources[source].label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field-row">
        <NumberField
          key={`${run.id}-x`}
          label="Start x"
          value={run.start[0] ?? 0}
          onCommit={(x) => setRunStart(run.id, dimension === 1 ? [x] : [x, run.start[1] ?? 0])}
        />
        {dimension === 2 && (
          <NumberField
            key={`${run.id}-y`}
            label="Start y"
            value={run.start[1] ?? 0}
            onCommit={(y) => setRunStart(run.id, [run.start[0] ?? 0, y])}
          />
        )}
      </div>
      <NumberField
        key={`${run.id}-budget`}
        label="Step budget"
        value={run.maxSteps}
        min={1}
        max={MAX_DOCUMENT_STEPS}
        integer
        hint={`1 to ${MAX_DOCUMENT_STEPS} steps; a long run's later steps are computed in the background`}
        onCommit={(maxSteps) => updateRun(run.id, { maxSteps })}
      />
    </div>
  );
}

/**
 * The run's optimizer and what sets it apart (core's runSummary: the key parameter, others that
 * differ from their defaults, a finite-difference gradient), wrapping only between its pieces.
 */
function RunSummaryText({ id, run }: { id: string; run: RunEntry }) {
  return (
    <span id={id} className="run-summary">
      <SummaryPieces parts={runSummaryParts(run)} />
    </span>
  );
}

/**
 * One run in the list: colour, label, what sets it apart (optimizer and key parameters, see
 * core's runSummary), status and the loss at the playhead.
 */
function RunItem({ run, index, selected }: { run: RunEntry; index: number; selected: boolean }) {
  const selectRun = useExplorerStore((s) => s.selectRun);
  const removeRun = useExplorerStore((s) => s.removeRun);
  const loss = useRef<HTMLSpanElement>(null);
  const lossStep = useRef<HTMLSpanElement>(null);
  const { result } = run;
  const description = useRunDescription(run);
  usePlayheadWriter(
    useCallback<PlayheadWriter>(
      (playhead) => {
        if (loss.current) loss.current.textContent = valueText(lossAt(result, playhead.step));
        if (lossStep.current)
          lossStep.current.textContent = String(Math.min(playhead.step, result.steps));
      },
      [result],
    ),
  );
  const base = `run-item-${run.id}`;
  return (
    <li
      className={selected ? "run-item selected" : "run-item"}
      aria-labelledby={`${base}-label ${base}-summary ${base}-status ${base}-final ${base}-loss-text`}
      style={{ borderColor: run.color }}
    >
      <div className="run-head">
        <RunSwatch color={run.color} index={index} />
        <button
          type="button"
          id={`${base}-label`}
          className="run-label"
          aria-pressed={selected}
          onClick={() => selectRun(run.id)}
        >
          {run.label}
        </button>
        <RunSummaryText id={`${base}-summary`} run={run} />
        <button
          type="button"
          className="run-remove"
          aria-label={`Remove ${run.label}`}
          title={`Remove ${run.label}`}
          onClick={() => removeRun(run.id)}
        >
          ×
        </button>
      </div>
      <div className="run-facts">
        {run.error !== null ? (
          <span id={`${base}-status`} className="run-status tone-danger">
            Could not be computed: {run.error}.
          </span>
        ) : run.fullRun !== null ? (
          <span id={`${base}-status`} className="run-status tone-neutral">
            {longRunStatus(run)}.
          </span>
        ) : (
          <span id={`${base}-status`} className={`run-status tone-${description.tone}`}>
            {description.text}.
          </span>
        )}{" "}
        <span id={`${base}-final`} className="run-final">
          Final {valueText(result.final.value)};
        </span>{" "}
        <span id={`${base}-loss-text`} className="run-loss">
          now at step <span ref={lossStep}>0</span>:{" "}
          <span ref={loss}>{valueText(result.values[0] ?? Number.NaN)}</span>
        </span>
      </div>
      <LongRunProgress run={run} />
      <div className="run-start">start {formatVector(run.start, 4)}</div>
      {selected && <RunSettings run={run} />}
    </li>
  );
}

/** Every run, the selected one expanded with its settings; add and remove runs here. */
export function RunList() {
  const runs = useExplorerStore((s) => s.runs);
  const selectedId = useExplorerStore((s) => selectedRun(s)?.id ?? null);
  const addRun = useExplorerStore((s) => s.addRun);
  const addMode = useExplorerStore((s) => s.view.addMode);
  const setView = useExplorerStore((s) => s.setView);
  const listRef = useRef<HTMLUListElement>(null);
  const ids = runs.map((run) => run.id).join(" ");
  const previousIds = useRef(ids);
  useEffect(() => {
    // Bring a newly added run's settings into view: only when runs were added to those there
    // were. A preset or a file replaces every run, and its explanation must stay in view.
    const before = previousIds.current ? previousIds.current.split(" ") : [];
    const now = ids ? ids.split(" ") : [];
    previousIds.current = ids;
    const added = now.length > before.length && before.every((id) => now.includes(id));
    if (added) listRef.current?.lastElementChild?.scrollIntoView?.({ block: "nearest" });
  }, [ids]);
  return (
    <section className="panel run-panel" aria-labelledby="runs-heading">
      <h2 id="runs-heading">Runs</h2>
      {runs.length === 0 && <p className="muted">No runs: add one.</p>}
      <ul className="run-list" ref={listRef}>
        {runs.map((run, index) => (
          <RunItem key={run.id} run={run} index={index} selected={run.id === selectedId} />
        ))}
      </ul>
      <div className="run-actions">
        <button
          type="button"
          onClick={() => {
            // The centre of the box, nudged along the diagonal when a run already starts there.
            const { box, surface } = useExplorerStore.getState();
            addRun(
              addedRunStart(
                box,
                surface.dimension,
                runs.map((run) => run.start),
              ),
            );
          }}
        >
          Add run
        </button>
        <label className="toggle">
          <input
            type="checkbox"
            checked={addMode}
            onChange={(event) => setView({ addMode: event.target.checked })}
          />
          Add run on click
        </label>
      </div>
      <ExportRuns />
    </section>
  );
}
