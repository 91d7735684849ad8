/**
 * The compare panel: "Compare" (key C) turns the selected run into a comparison, "Four regimes"
 * and "Race optimizers" set one up in one click; in compare mode, "Compare by" chooses the
 * setting varied and each variant's value is edited in place, removed, or a variant added.
 * For learning rates it states the stability edge 2/λmax and why each rate falls where it does.
 */
import { useMemo, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { curvatureOfGroup, explainRate } from "../core/compare/regimes.ts";
import {
  compareByKeys,
  compareSettings,
  MAX_VARIANTS,
  variantTitle,
  type CompareBy,
  type CompareValue,
} from "../core/compare/settings.ts";
import { formatNumber, formatVector } from "../core/format.ts";
import { gradientSourceKeys, gradientSources, isGradientSource } from "../core/gradientSources.ts";
import { getOptimizer, optimizerNames, type OptimizerName } from "../core/optimizers/index.ts";
import { getSchedule, scheduleNames, scheduleRegistry } from "../core/optimizers/schedules.ts";
import { compareGroup, useExplorerStore, type RunEntry } from "../store/index.ts";
import { RunSwatch } from "../views/LineSample.tsx";

export function ComparePanel() {
  const comparing = useExplorerStore((s) => s.compare !== null);
  const by = useExplorerStore((s) => s.compare?.by ?? "lr");
  const note = useExplorerStore((s) => s.compareNote);
  const group = useExplorerStore(useShallow((s) => compareGroup(s)));
  const surface = useExplorerStore((s) => s.surface);
  const store = useExplorerStore.getState;
  const curvature = useMemo(
    () =>
      comparing && by === "lr"
        ? curvatureOfGroup(
            surface,
            group.map((run) => run.result),
          )
        : null,
    [comparing, by, surface, group],
  );
  return (
    <section className="panel compare-panel" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare side by side</h2>
      <div className="compare-actions">
        <button
          type="button"
          aria-pressed={comparing}
          aria-keyshortcuts="C"
          title="Compare (C)"
          onClick={() => (comparing ? store().stopCompare() : store().startCompare())}
        >
          Compare
        </button>
        <button type="button" onClick={() => store().setFourRegimes()}>
          Four regimes
        </button>
        <button type="button" onClick={() => store().raceOptimizers()}>
          Race optimizers
        </button>
      </div>
      {note && (
        <p className="compare-note" role="status">
          {note}
        </p>
      )}
      {comparing && (
        <>
          <div className="field">
            <label htmlFor="compare-by">Compare by</label>
            <select
              id="compare-by"
              value={by}
              onChange={(event) => store().setCompareBy(event.target.value as CompareBy)}
            >
              {compareByKeys.map((key) => (
                <option key={key} value={key}>
                  {compareSettings[key].label}
                </option>
              ))}
            </select>
          </div>
          {curvature && (
            <p className="compare-edge" role="status">
              {curvature.ok
                ? `Hessian at ${curvature.curvature.where === "minimum" ? "the minimum reached" : "the start"} ${formatVector(curvature.curvature.point, 3)}: λmax = ${formatNumber(curvature.curvature.lambdaMax, 4)}, so 2/λmax = ${formatNumber(curvature.curvature.edge, 4)}. Plain descent is stable there only for lr < 2/λmax.`
                : curvature.message}
            </p>
          )}
          {by === "schedule" && (
            <p className="compare-hint">
              Each schedule starts at PyTorch&apos;s defaults; select its run in the run list to set
              γ, the step size or the period.
            </p>
          )}
          <ol className="variant-list" aria-label="Variants">
            {group.map((run, index) => (
              <VariantRow
                key={run.id}
                run={run}
                by={by}
                index={index}
                why={
                  curvature?.ok && run.params.lr !== undefined && run.optimizer === "gd"
                    ? explainRate(run.params.lr, curvature.curvature, run.maxSteps).why
                    : null
                }
                removable={group.length > 1}
              />
            ))}
          </ol>
          <button
            type="button"
            disabled={group.length >= MAX_VARIANTS}
            onClick={() => store().addVariant()}
          >
            Add variant
          </button>
        </>
      )}
    </section>
  );
}

function VariantRow({
  run,
  by,
  index,
  why,
  removable,
}: {
  run: RunEntry;
  by: CompareBy;
  index: number;
  why: string | null;
  removable: boolean;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const title = variantTitle(run, by);
  const setting = compareSettings[by];
  const value = setting.valueOf(run);
  const apply = (next: CompareValue) =>
    setProblem(useExplorerStore.getState().setVariantValue(run.id, next));
  const name = `variant ${index + 1}`;
  return (
    <li className="variant-row">
      <div className="variant-row-head">
        <RunSwatch color={run.color} index={index} />
        <span className="variant-row-title">{title}</span>
        <button
          type="button"
          className="run-remove"
          aria-label={`Remove ${name} (${title})`}
          disabled={!removable}
          onClick={() => useExplorerStore.getState().removeVariant(run.id)}
        >
          ×
        </button>
      </div>
      <div className="variant-editor">
        {value.kind === "number" && (
          <NumberField
            label={`${by === "lr" ? "Learning rate" : "Momentum μ"} of ${name}`}
            value={value.value}
            onValue={(v) => apply({ kind: "number", value: v })}
            invalid={problem !== null}
          />
        )}
        {value.kind === "optimizer" && (
          <select
            aria-label={`Optimizer of ${name}`}
            value={value.value}
            onChange={(event) =>
              apply({ kind: "optimizer", value: event.target.value as OptimizerName })
            }
          >
            {optimizerNames.map((optimizer) => (
              <option key={optimizer} value={optimizer}>
                {getOptimizer(optimizer)?.label ?? optimizer}
              </option>
            ))}
          </select>
        )}
        {value.kind === "schedule" && (
          <select
            aria-label={`Schedule of ${name}`}
            value={value.value}
            onChange={(event) => {
              const schedule = getSchedule(event.target.value);
              if (schedule) apply({ kind: "schedule", value: schedule.name });
            }}
          >
            {scheduleNames.map((schedule) => (
              <option key={schedule} value={schedule}>
                {scheduleRegistry[schedule].label}
              </option>
            ))}
          </select>
        )}
        {value.kind === "gradient" && (
          <>
            <select
              aria-label={`Gradient source of ${name}`}
              value={value.value}
              onChange={(event) => {
                const source = event.target.value;
                if (isGradientSource(source))
                  apply({ kind: "gradient", value: source, h: value.h ?? 1e-4 });
              }}
            >
              {gradientSourceKeys.map((source) => (
                <option key={source} value={source}>
                  {gradientSources[source].short}
                </option>
              ))}
            </select>
            {value.value !== "analytic" && (
              <NumberField
                label={`Step h of ${name}`}
                value={value.h ?? 1e-4}
                onValue={(h) => apply({ kind: "gradient", value: value.value, h })}
                invalid={problem !== null}
              />
            )}
          </>
        )}
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {why && <p className="variant-why">{why}</p>}
    </li>
  );
}

/** A number typed in place: applied on every valid keystroke, kept as typed while invalid. */
function NumberField({
  label,
  value,
  onValue,
  invalid,
}: {
  label: string;
  value: number;
  onValue: (value: number) => void;
  invalid: boolean;
}) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value && Number(text) !== value) {
    // The value changed elsewhere (a new comparison): show it.
    setShown(value);
    setText(String(value));
  }
  return (
    <input
      type="text"
      inputMode="decimal"
      aria-label={label}
      aria-invalid={invalid || !Number.isFinite(Number(text)) || text.trim() === ""}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const parsed = Number(event.target.value);
        if (event.target.value.trim() !== "" && Number.isFinite(parsed)) {
          setShown(parsed);
          onValue(parsed);
        }
      }}
    />
  );
}
