/**
 * The basin map's legend, the region "Basins": one item per minimum in its colour with its point,
 * value and share of the box, then the starts that diverged, did not converge, or stopped at
 * another critical point; while a finer map is computed, its progress bar and "Cancel".
 */
import { useEffect, useRef } from "react";
import { basinShares, basinColor, legendPoint } from "../core/landscape/basinMapView.ts";
import { basinDiverged, basinNotConverged, basinNotMinimum } from "../core/batch.ts";
import { formatNumber, formatVector } from "../core/format.ts";
import { useExplorerStore } from "../store/index.ts";
import { cancelBasinMap, useBasinJob } from "../store/landscapeJobs.ts";
import { JobProgress } from "./JobProgress.tsx";

/** A share in percent as the legend writes it: one decimal, "<0.1" for a sliver. */
function percentText(share: number): string {
  if (share > 0 && share < 0.05) return "<0.1%";
  return `${share.toFixed(1)}%`;
}

function Swatch({ color }: { color: string }) {
  return <span className="basin-swatch" style={{ background: color }} aria-hidden="true" />;
}

/**
 * The legend. `compact`: inside presenter mode's run legend (the settings column is hidden
 * there), the list and progress only, in the legend's large type.
 */
export function BasinsPanel({ compact = false }: { compact?: boolean }) {
  const panel = useRef<HTMLElement>(null);
  const on = useExplorerStore((s) => s.view.basinMap && s.surface.dimension === 2);
  const comparing = useExplorerStore((s) => s.compare !== null);
  const hasRun = useExplorerStore((s) => s.runs.length > 0);
  const map = useBasinJob((s) => s.map);
  const progress = useBasinJob((s) => s.progress);
  const stopped = useBasinJob((s) => s.stopped);
  const finest = useBasinJob((s) => s.finest);
  const error = useBasinJob((s) => s.error);
  // Turned on, the legend comes into view below the toggle (the settings column scrolls).
  useEffect(() => {
    if (on && !compact) panel.current?.scrollIntoView?.({ block: "nearest" });
  }, [on, compact]);
  if (!on) return null;
  const shares = map ? basinShares(map) : null;
  const others = map
    ? [
        { label: basinDiverged, name: "diverged", share: shares!.diverged },
        { label: basinNotConverged, name: "not converged", share: shares!.notConverged },
        { label: basinNotMinimum, name: "other critical points", share: shares!.notMinimum },
      ].filter((other) => other.share > 0 || other.label === basinDiverged)
    : [];
  return (
    <section
      ref={panel}
      className={compact ? "basins basins-compact" : "panel basins"}
      aria-label="Basins"
    >
      {compact ? <h3>Basins</h3> : <h2>Basins</h2>}
      {comparing ? (
        <p className="note">The basin map shows outside compare mode.</p>
      ) : !hasRun ? (
        <p className="note">Add a run: the map uses the selected run&apos;s step rule.</p>
      ) : (
        <>
          {!compact && (
            <p className="note">
              Where a run with the selected run&apos;s settings ends, from every point of the box
              {map ? ` (${map.columns}×${map.rows} starts)` : ""}.
            </p>
          )}
          {progress && (
            <JobProgress
              label={`Basin map ${progress.resolution}×${progress.resolution}`}
              done={progress.done}
              total={progress.total}
              onCancel={cancelBasinMap}
            />
          )}
          {stopped && map && finest !== null && map.columns < finest && (
            <p className="note">
              Stopped at {map.columns}×{map.rows}; change a setting to compute it again.
            </p>
          )}
          {error && (
            <p className="note" role="alert">
              The basin map could not be computed: {error}
            </p>
          )}
          {map && shares && (
            <ul className="basin-list">
              {map.minima.map((minimum, index) => (
                <li key={index}>
                  <Swatch color={basinColor(index)} />
                  minimum {formatVector(legendPoint(minimum.point, map.box), 4)}, f ={" "}
                  {formatNumber(minimum.value, 4)}: {percentText(shares.minima[index]!)} of the box
                </li>
              ))}
              {others.map((other) => (
                <li key={other.name}>
                  <Swatch color={basinColor(other.label)} />
                  {other.name}: {percentText(other.share)}
                </li>
              ))}
              {map.undefinedStart > 0 && (
                <li>f not defined at the start: {percentText(shares.undefinedStart)}</li>
              )}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
