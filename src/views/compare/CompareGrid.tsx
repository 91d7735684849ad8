/**
 * Small multiples: one contour map per variant of the comparison, each a region named by what
 * sets it apart ("Contour map: lr = 0.45") with its path and how it ended. Every panel draws
 * the same surface model, so they share one colour scale; they share one pan and zoom (drag an
 * empty spot, or scroll), so they move together; the one playhead drives all of them.
 * All panels draw into one canvas behind the grid, each into its own rectangle: a canvas per
 * panel cost a software renderer a full frame each.
 */
import { useCallback, useMemo, useRef, useState } from "react";
import { variantTitle } from "../../core/compare/settings.ts";
import { briefRunStatus, describeRun } from "../../core/runStatus.ts";
import { useExplorerStore, type RunEntry } from "../../store/index.ts";
import { ContourView, FITTED_VIEWPORT, type ContourViewport } from "../ContourView.tsx";
import { SharedCanvas } from "../sharedCanvas.tsx";
import { useElementSize } from "../useElementSize.ts";
import { useCompareGroup } from "./useCompareGroup.ts";
import { useShownRuns } from "../presentation.ts";
import { LineSample } from "../LineSample.tsx";

/**
 * Columns for `count` panels in a `width` × `height` area: the layout whose panels have the
 * largest shorter side (a contour map reads best near square).
 */
export function gridColumns(count: number, width: number, height: number): number {
  if (count <= 1 || width <= 0 || height <= 0) return 1;
  let best = 1;
  let bestSide = -1;
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const side = Math.min(width / columns, height / rows);
    if (side > bestSide + 0.5) {
      best = columns;
      bestSide = side;
    }
  }
  return best;
}

export function CompareGrid() {
  // In presenter mode the panels' borders and swatches take the presenter colours too.
  const group = useShownRuns(useCompareGroup());
  const by = useExplorerStore((s) => s.compare?.by ?? "lr");
  const [viewport, setViewport] = useState<ContourViewport>(FITTED_VIEWPORT);
  const container = useRef<HTMLDivElement>(null);
  const size = useElementSize(container);
  const columns = gridColumns(group.length, size.width, size.height);
  const onViewportChange = useCallback((next: ContourViewport) => setViewport(next), []);
  const zoomed = viewport !== FITTED_VIEWPORT;
  return (
    <div className="compare-grid-wrap">
      <SharedCanvas className="compare-canvas">
        <div
          ref={container}
          className="compare-grid"
          style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
        >
          {group.map((run, index) => (
            <VariantPanel
              key={run.id}
              run={run}
              index={index}
              title={variantTitle(run, by)}
              viewport={viewport}
              onViewportChange={onViewportChange}
            />
          ))}
        </div>
      </SharedCanvas>
      {zoomed && (
        <button type="button" className="compare-fit" onClick={() => setViewport(FITTED_VIEWPORT)}>
          Fit the box
        </button>
      )}
    </div>
  );
}

function VariantPanel({
  run,
  index,
  title,
  viewport,
  onViewportChange,
}: {
  run: RunEntry;
  /** The variant's place, which gives its line pattern on the overlaid loss curves. */
  index: number;
  title: string;
  viewport: ContourViewport;
  onViewportChange: (viewport: ContourViewport) => void;
}) {
  const selected = useExplorerStore((s) => s.selectedRunId === run.id);
  const selectRun = useExplorerStore((s) => s.selectRun);
  // A data scenario's text describes the loss; only a typed function's text says why f has no
  // value somewhere.
  const surfaceText = useExplorerStore((s) => (s.data === null ? s.surface.text : undefined));
  const described = run.error
    ? null
    : describeRun(run.result, { optimizer: run.optimizer, surfaceText });
  const status = described ?? { tone: "danger", text: run.error ?? "" };
  // The panel shows the outcome briefly (a full sentence is cut off in a small panel); the
  // sentence is the tooltip, what a screen reader reads, and the run list's line.
  const brief = briefRunStatus(described, run.result.steps);
  const runs = useMemo(() => [run], [run]);
  return (
    <section
      role="region"
      aria-label={`Contour map: ${title}`}
      className={selected ? "variant selected" : "variant"}
      style={{ borderColor: run.color }}
      onPointerDown={() => {
        if (!selected) selectRun(run.id);
      }}
    >
      <h3 className="variant-title">
        <LineSample
          className="variant-line"
          color={run.color}
          index={index}
          width={28}
          strokeWidth={4}
        />
        {title}
      </h3>
      <div className="variant-body">
        <ContourView
          runs={runs}
          firstIndex={index}
          viewport={viewport}
          onViewportChange={onViewportChange}
          label={`Contour map: ${title}`}
          primary={false}
          shared
        />
      </div>
      <p className={`variant-status tone-${status.tone}`} title={status.text}>
        <span aria-hidden="true">{brief}</span>
        <span className="visually-hidden">{status.text}</span>
      </p>
    </section>
  );
}
