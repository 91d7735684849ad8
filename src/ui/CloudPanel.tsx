/**
 * Random starts: a cloud of many seeded starts stepped with the selected run's settings, to see
 * which minima a rule reaches from where. "Number of starts" and "Random starts" add (or resize)
 * the cloud, "Remove random starts" takes it away; while it is computed a progress bar with
 * Cancel shows, then a summary: each minimum reached with its count, the starts that diverged or
 * did not converge, the lowest value found and the best start, which one click makes a run.
 */
import { useId, useRef, useState } from "react";
import { formatCount, formatNumber, formatVector } from "../core/format.ts";
import { MAX_CLOUD_STARTS } from "../core/scenario/document.ts";
import type { CloudSummary } from "../core/landscape/cloud.ts";
import { selectedRun, useExplorerStore } from "../store/index.ts";
import { useCloudJob } from "../store/cloudJob.ts";
import { JobProgress } from "./JobProgress.tsx";

/** The number of starts offered before a cloud has been asked for. */
export const DEFAULT_CLOUD_STARTS = 500;

/** "1 start", "2,000 starts". */
function starts(count: number): string {
  return `${formatCount(count)} ${count === 1 ? "start" : "starts"}`;
}

/** Why `text` is not a number of starts (1 to MAX_CLOUD_STARTS, whole), or null. */
export function startCountProblem(text: string): string | null {
  const trimmed = text.trim();
  const value = Number(trimmed);
  const range = `from 1 to ${formatCount(MAX_CLOUD_STARTS)}`;
  if (trimmed === "" || !Number.isFinite(value)) return `Type a whole number ${range}.`;
  if (!Number.isInteger(value)) return `Type a whole number ${range}, not ${trimmed}.`;
  if (value < 1 || value > MAX_CLOUD_STARTS) return `Type a number ${range}, not ${trimmed}.`;
  return null;
}

export function CloudPanel() {
  const cloud = useExplorerStore((s) => s.cloud);
  const progress = useCloudJob((s) => s.progress);
  const computed = useCloudJob((s) => s.cloud);
  const error = useCloudJob((s) => s.error);
  const setCloud = useExplorerStore((s) => s.setCloud);

  return (
    <section className="panel cloud-panel">
      <h2>Random starts</h2>
      <p className="field-hint">
        Many seeded starts in the box, each stepped with the selected run&rsquo;s settings.
      </p>
      {/* A cloud opened from a link or a file shows its own number. */}
      <CloudControls key={cloud?.count ?? "none"} />
      {cloud !== null && progress !== null && (
        <JobProgress
          label={`Computing ${starts(progress.count)}`}
          done={progress.done}
          total={progress.total}
          // Stopping a cloud takes it away: the document never holds one that is not shown.
          onCancel={() => setCloud(null)}
        />
      )}
      {cloud !== null && error !== null && (
        <p className="cloud-error" role="alert">
          The random starts could not be computed: {error}.
        </p>
      )}
      {cloud !== null && computed !== null && (
        <CloudSummaryRegion summary={computed.summary} stride={computed.paths.stride} />
      )}
    </section>
  );
}

/**
 * "Number of starts" and the buttons. What is typed is kept as typed until "Random starts"
 * applies it; a number that cannot be used is explained beside the field and applies nothing.
 */
function CloudControls() {
  const cloud = useExplorerStore((s) => s.cloud);
  const setCloud = useExplorerStore((s) => s.setCloud);
  const hasRun = useExplorerStore((s) => selectedRun(s) !== null);
  const [text, setText] = useState(String(cloud?.count ?? DEFAULT_CLOUD_STARTS));
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const problem = startCountProblem(text);
  return (
    <>
      <div className="field">
        <label htmlFor={id}>Number of starts</label>
        <input
          ref={input}
          id={id}
          type="text"
          inputMode="numeric"
          value={text}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setText(event.target.value)}
        />
        <span id={`${id}-hint`} className={problem ? "field-hint field-problem" : "field-hint"}>
          {problem ?? `1 to ${formatCount(MAX_CLOUD_STARTS)}`}
        </span>
      </div>
      <div className="cloud-actions">
        <button
          type="button"
          disabled={!hasRun}
          title={hasRun ? undefined : "Add a run first: the starts take its settings"}
          onClick={() => {
            // A number that cannot be used changes nothing; the field says why.
            if (problem !== null) input.current?.focus();
            else setCloud({ count: Number(text.trim()) });
          }}
        >
          Random starts
        </button>
        {cloud !== null && (
          <button type="button" onClick={() => setCloud(null)}>
            Remove random starts
          </button>
        )}
      </div>
    </>
  );
}

/** Where the starts ended, as a region named "Random starts". */
function CloudSummaryRegion({ summary, stride }: { summary: CloudSummary; stride: number }) {
  const addRun = useExplorerStore((s) => s.addRun);
  const selectRun = useExplorerStore((s) => s.selectRun);
  const { minima, best } = summary;
  const others = [
    { label: "Diverged", count: summary.diverged, always: true },
    { label: "Not converged", count: summary.notConverged, always: true },
    { label: "Stopped at a saddle or maximum", count: summary.notMinimum, always: false },
    { label: "f not defined at the start", count: summary.undefinedStart, always: false },
  ].filter((outcome) => outcome.always || outcome.count > 0);
  return (
    <div role="region" aria-label="Random starts" className="cloud-summary">
      <p className="cloud-summary-head">
        {starts(summary.count)}:{" "}
        {minima.length === 0
          ? "no minimum reached"
          : `${minima.length} ${minima.length === 1 ? "minimum" : "minima"} reached`}
      </p>
      {minima.length > 0 && (
        <ul className="cloud-minima">
          {minima.map((minimum) => (
            <li key={minimum.point.join(",")}>
              <strong>{starts(minimum.count)}</strong> at{" "}
              <span className="cloud-point">{formatVector(minimum.point, 5)}</span>,{" "}
              <span className="cloud-value">f = {formatNumber(minimum.value, 5)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="cloud-others">
        {others.map((outcome, index) => (
          <span key={outcome.label}>
            {index > 0 && " · "}
            {outcome.label}: {formatCount(outcome.count)}
          </span>
        ))}
      </p>
      {best !== null && (
        <div className="cloud-best">
          <p>
            Lowest value found: <strong>f = {formatNumber(best.value, 5)}</strong>, from the start{" "}
            {formatVector(best.start, 5)}.
          </p>
          <button
            type="button"
            onClick={() => {
              // The new run takes the selected run's settings; the cloud keeps following the run
              // it was made from, so it does not change under the person's eyes.
              const from = useExplorerStore.getState().selectedRunId;
              addRun(best.start.slice());
              if (from !== null) selectRun(from);
            }}
          >
            Add the best start as a run
          </button>
        </div>
      )}
      {stride > 1 && (
        <p className="field-hint">
          Long runs: the cloud moves every {stride} steps, to keep its memory in bounds.
        </p>
      )}
    </div>
  );
}
