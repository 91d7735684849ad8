import { useCallback, useId, useRef, useState } from "react";
import { csvLimitsText, maxCsvBytes, parseCsv } from "../core/data/csv.ts";
import { leastSquares } from "../core/data/leastSquares.ts";
import { losses, lossKeys, type LossKey } from "../core/data/loss.ts";
import { isDataSurface } from "../core/data/miniBatch.ts";
import { models, modelKeys, type ModelKey } from "../core/data/models.ts";
import {
  builtinSources,
  resolveData,
  sourceDefaults,
  type DataSourceKey,
} from "../core/data/sources.ts";
import { formatNumber } from "../core/format.ts";
import type { DataSettings } from "../core/scenario/document.ts";

/** A person's own points as the document carries them. */
type OwnPoints = NonNullable<DataSettings["points"]>;
import { selectedRun, useExplorerStore } from "../store/index.ts";
import { usePlayheadWriter } from "./usePlayhead.ts";

/** The Dataset choice that goes back to the typed function. */
const NONE = "none";

/** A CSV's text as a person's own data, or the reason it cannot be used; skipped lines listed. */
export function readCsvPoints(
  text: string,
  name: string,
): { ok: true; points: OwnPoints; skipped: string[] } | { ok: false; message: string } {
  const parsed = parseCsv(text, { key: "csv", label: name });
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { data } = parsed;
  return {
    ok: true,
    points: {
      label: name.slice(0, 80) || "your data",
      xLabel: (data.xLabel || "x").slice(0, 80),
      yLabel: (data.yLabel || "y").slice(0, 80),
      xs: Array.from(data.xs),
      ys: Array.from(data.ys),
    },
    skipped: parsed.skipped.map((row) => `line ${row.line}: ${row.reason}`),
  };
}

/** What opening a CSV did: whether it is now the data, and what to tell the person. */
export interface CsvOpened {
  ok: boolean;
  message: string;
  /** "line 4: …" for each row left out. */
  skipped: string[];
}

/**
 * Opens CSV text as the data scenario (keeping the model, loss and standardizing of the one on
 * screen), or says why it cannot be used; nothing changes then.
 */
export function openCsvText(text: string, name: string): CsvOpened {
  const read = readCsvPoints(text, name);
  if (!read.ok) return { ok: false, message: `${name}: ${read.message}`, skipped: [] };
  const { data, setData } = useExplorerStore.getState();
  const fit = sourceDefaults.csv;
  setData({
    source: "csv",
    model: data?.model ?? fit.model,
    loss: data?.loss ?? fit.loss,
    standardize: data?.standardize ?? false,
    points: read.points,
  });
  const used = `${name}: ${read.points.xs.length} rows used`;
  const skipped = read.skipped.length;
  return {
    ok: true,
    message: skipped > 0 ? `${used}, ${skipped} skipped:` : `${used}.`,
    skipped: read.skipped,
  };
}

/** Opens a CSV file as the data scenario (see `openCsvText`), refusing one over the size limit. */
export async function openCsvFile(file: File): Promise<CsvOpened> {
  const name = file.name || "your data";
  if (file.size > maxCsvBytes) {
    return {
      ok: false,
      message: `Data file "${name}" is too large: ${csvLimitsText} Nothing was changed.`,
      skipped: [],
    };
  }
  return openCsvText(await file.text(), name);
}

/** True for a file that reads as CSV data rather than a scenario document. */
export function isCsvFile(file: File): boolean {
  return /\.(csv|tsv|txt)$/i.test(file.name) || file.type === "text/csv";
}

/**
 * Fit data: the dataset whose loss is the surface (or none: the typed function), the model, the
 * loss, standardized inputs, a person's own CSV (pasted, opened or dropped), and for squared
 * error on a model linear in its parameters the least-squares fit with the selected run's
 * distance from it at the current step.
 */
export function DataPanel() {
  const data = useExplorerStore((s) => s.data);
  const setData = useExplorerStore((s) => s.setData);
  const surface = useExplorerStore((s) => s.surface);
  const dataNote = useExplorerStore((s) => s.dataNote);
  const [own, setOwn] = useState<OwnPoints | null>(null);
  const [csvText, setCsvText] = useState("");
  const [csvMessage, setCsvMessage] = useState<string | null>(null);
  const [skipped, setSkipped] = useState<string[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const ownPoints = data?.source === "csv" ? (data.points ?? own) : own;

  const choose = (source: DataSourceKey | typeof NONE) => {
    if (source === NONE) {
      setData(null);
      return;
    }
    const fit = sourceDefaults[source];
    const choice: DataSettings = {
      source,
      model: fit.model,
      loss: fit.loss,
      standardize: false,
      ...(source === "csv" && ownPoints ? { points: ownPoints } : {}),
    };
    setData(choice);
  };

  const takeCsv = (text: string, name: string) => {
    const opened = openCsvText(text, name);
    setCsvMessage(opened.message);
    setSkipped(opened.skipped);
    const points = useExplorerStore.getState().data?.points;
    if (opened.ok && points) setOwn(points);
  };

  const openFile = async (file: File) => {
    const opened = await openCsvFile(file);
    setCsvMessage(opened.message);
    setSkipped(opened.skipped);
    const points = useExplorerStore.getState().data?.points;
    if (opened.ok && points) setOwn(points);
  };

  return (
    <section className="panel data-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Fit data</h2>
      <div className="field">
        <label htmlFor={`${id}-source`}>Dataset</label>
        <select
          id={`${id}-source`}
          value={data?.source ?? NONE}
          onChange={(event) => choose(event.target.value as DataSourceKey | typeof NONE)}
        >
          <option value={NONE}>None: the typed function</option>
          {builtinSources.map((source) => (
            <option key={source.key} value={source.key}>
              {source.label}
            </option>
          ))}
          {ownPoints && <option value="csv">Your data: {ownPoints.label}</option>}
        </select>
      </div>
      {data && (
        <>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-model`}>Model</label>
              <select
                id={`${id}-model`}
                value={data.model}
                onChange={(event) => setData({ ...data, model: event.target.value as ModelKey })}
              >
                {modelKeys.map((key) => (
                  <option key={key} value={key}>
                    {models[key].formula}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-loss`}>Loss</label>
              <select
                id={`${id}-loss`}
                value={data.loss}
                onChange={(event) => setData({ ...data, loss: event.target.value as LossKey })}
              >
                {lossKeys.map((key) => (
                  <option key={key} value={key}>
                    {losses[key].label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <label className="toggle">
            <input
              type="checkbox"
              checked={data.standardize}
              onChange={(event) => setData({ ...data, standardize: event.target.checked })}
            />{" "}
            Standardize inputs
          </label>
          {isDataSurface(surface) && (
            <p className="data-facts">
              {surface.count} points
              {surface.dataset.dropped
                ? ` (${surface.dataset.dropped} rows with a missing value left out)`
                : ""}
              ; the landscape is the {surface.loss.label} over ({surface.paramNames.join(", ")}).
              {dataNote ? ` ${dataNote}` : ""}
            </p>
          )}
          <LeastSquaresLine />
        </>
      )}
      <details className="data-own">
        <summary>Your own data (CSV)</summary>
        <p className="field-hint">
          {csvLimitsText} You can also drop a .csv file on the page. Your own data travels in saved
          scenario files, not in links.
        </p>
        <label htmlFor={`${id}-csv`}>CSV text</label>
        <textarea
          id={`${id}-csv`}
          rows={4}
          value={csvText}
          onChange={(event) => setCsvText(event.target.value)}
          spellCheck={false}
        />
        <div className="field-row">
          <button type="button" onClick={() => takeCsv(csvText, "pasted data")}>
            Use pasted data
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Open CSV file
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv,text/plain"
            hidden
            aria-label="CSV file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) void openFile(file);
            }}
          />
        </div>
        {csvMessage && (
          <div role="status" className="data-csv-message">
            <p>{csvMessage}</p>
            {skipped.length > 0 && (
              <ul>
                {skipped.slice(0, 8).map((line) => (
                  <li key={line}>{line}</li>
                ))}
                {skipped.length > 8 && <li>and {skipped.length - 8} more</li>}
              </ul>
            )}
          </div>
        )}
      </details>
    </section>
  );
}

/**
 * For squared error on a line or the quadratic template: the closed-form least-squares fit, and
 * how far the selected run is from it at the current step.
 */
function LeastSquaresLine() {
  const surface = useExplorerStore((s) => s.surface);
  const run = useExplorerStore(selectedRun);
  const distance = useRef<HTMLSpanElement>(null);
  const fit =
    isDataSurface(surface) &&
    surface.loss.key === "mse" &&
    (surface.model.key === "line" || surface.model.key === "quadratic")
      ? leastSquares(surface.dataset, surface.model.key)
      : null;
  const solution = fit?.ok ? fit.params : null;
  const write = useCallback(
    ({ step }: { step: number }) => {
      const span = distance.current;
      if (!span || !solution || !run) return;
      const k = Math.min(step, run.result.steps);
      const d = Math.hypot(run.result.xs[k]! - solution[0], run.result.ys[k]! - solution[1]);
      span.textContent = `${run.label} is ${formatNumber(d)} from it at step ${k}.`;
    },
    [solution, run],
  );
  usePlayheadWriter(write);
  if (!isDataSurface(surface) || !solution) return null;
  const [p1, p2] = surface.paramNames;
  return (
    <>
      <p className="data-facts" data-testid="least-squares">
        Least squares: {p1} = {formatNumber(solution[0])}, {p2} = {formatNumber(solution[1])}, loss{" "}
        {formatNumber(surface.f(solution[0], solution[1]))} (◆ on the contour map).{" "}
        <span ref={distance} />
      </p>
      <HighBias />
    </>
  );
}

/**
 * The high-bias lesson beside a line fitted to the noisy line or the noisy parabola: the best
 * line's loss on each dataset, side by side. A line fits the first well and the second poorly,
 * however well it is descended.
 */
function HighBias() {
  const data = useExplorerStore((s) => s.data);
  if (
    data === null ||
    data.model !== "line" ||
    data.loss !== "mse" ||
    data.standardize ||
    (data.source !== "line" && data.source !== "parabola")
  ) {
    return null;
  }
  const best = (source: "line" | "parabola") => {
    const surface = resolveData({ ...data, source }, {}).surface;
    const fit = leastSquares(surface.dataset, "line");
    return fit.ok ? formatNumber(surface.f(fit.params[0], fit.params[1])) : "—";
  };
  return (
    <p className="data-facts" data-testid="high-bias">
      The best line&apos;s MSE: noisy line {best("line")}, noisy parabola {best("parabola")}. On the
      parabola even the minimum stays high: the model is too simple (high bias).
    </p>
  );
}
