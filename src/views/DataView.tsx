/**
 * The data beside their loss landscape: the dataset's points, and the model's curve
 * F(x; p1, p2) at the current step of the selected run, with a line giving the parameters and
 * the loss there. As the run walks downhill on the loss surface, the curve settles onto the data.
 *
 * A 2D canvas chart, like the loss curve: the axes and the points are drawn into a layer of
 * their own only when the data, the scale or the size change; a playhead change redraws just the
 * curve (and the residuals) on the canvas above and writes the readout's text.
 */
import { useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { selectedRun, useExplorerStore, type RunEntry } from "../store/index.ts";
import { getPlayhead, subscribePlayhead } from "../store/playhead.ts";
import { isDataSurface } from "../core/data/miniBatch.ts";
import type { DataSurface } from "../core/data/loss.ts";
import type { Dataset } from "../core/data/datasets.ts";
import { renderStats } from "./renderStats.ts";
import {
  drawAxes,
  makeScale,
  plotRect,
  prepareCanvas,
  type PlotRect,
  type Scale,
} from "./chart2d.ts";
import { usePresentation, useShownRuns, type Presentation } from "./presentation.ts";
import { useElementSize } from "./useElementSize.ts";
import { usePictureScale } from "./picture/pixelRatio.ts";
import {
  clipPolylineY,
  curveSampleCount,
  dataPlotSummary,
  dataXRange,
  dataYRange,
  fitReadout,
  modelCurve,
  residualSpan,
  type Range,
} from "./dataPlot.ts";

const POINT_COLOR = "rgba(40,40,40,0.72)";
/** Samples of the last iterate's curve, enough to find how far it reaches for the y axis. */
const EXTENT_SAMPLES = 256;

interface DataLayout {
  rect: PlotRect;
  x: Scale;
  y: Scale;
  /** The y band the curve and the residuals are clipped to: the y axis's range. */
  band: Range;
  tickPx: number;
}

export interface DataViewProps {
  className?: string;
}

/**
 * The data view of a loss over data (the store's surface a `DataSurface`); nothing on a typed
 * function. It fills its parent, as the other views do inside their region.
 */
export function DataView({ className }: DataViewProps) {
  const surface = useExplorerStore((s) => s.surface);
  if (!isDataSurface(surface)) return null;
  return <DataPlot surface={surface} className={className} />;
}

function DataPlot({ surface, className }: { surface: DataSurface; className?: string }) {
  const runs = useShownRuns();
  const selectedRunId = useExplorerStore((s) => s.selectedRunId);
  const presentation = usePresentation();
  // An exported picture at 2× redraws both canvases at its scale.
  const pictureScale = usePictureScale();
  const [residuals, setResiduals] = useState(false);
  const residualsId = useId();
  const chart = useRef<HTMLDivElement>(null);
  const layerCanvas = useRef<HTMLCanvasElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const readout = useRef<HTMLParagraphElement>(null);
  const size = useElementSize(chart);

  const { dataset, model } = surface;
  const run = selectedRun({ runs, selectedRunId });
  // A run that could not be computed has no path: the data are shown alone.
  const fitted = run && run.error === null ? run : null;

  const xRange = useMemo(() => dataXRange(dataset.xs), [dataset]);
  // The y axis follows the data, stretched a little towards where the run's last curve goes.
  const reach = useMemo(() => {
    if (!fitted) return null;
    const last = fitted.result.steps;
    const p1 = fitted.result.xs[last]!;
    const p2 = fitted.result.ys[last]!;
    return modelCurve(model, p1, p2, xRange, EXTENT_SAMPLES).extent;
  }, [fitted, model, xRange]);
  const layout = useMemo((): DataLayout => {
    const rect = plotRect(size.width, size.height, 0, presentation.tickPx);
    const band = dataYRange(dataset.ys, reach);
    return {
      rect,
      x: makeScale(xRange.lo, xRange.hi, rect.left, rect.left + rect.width),
      y: makeScale(band.lo, band.hi, rect.top + rect.height, rect.top),
      band,
      tickPx: presentation.tickPx,
    };
  }, [dataset, reach, xRange, size.width, size.height, presentation.tickPx]);

  useLayoutEffect(() => {
    const layer = layerCanvas.current;
    if (!layer || size.width === 0 || size.height === 0) return;
    drawDataLayer(layer, layout, dataset, size.width, size.height, presentation);
  }, [layout, dataset, size.width, size.height, presentation, pictureScale]);

  useLayoutEffect(() => {
    const target = canvas.current;
    const text = readout.current;
    const draw = () => {
      const k = fitted ? Math.min(getPlayhead().step, fitted.result.steps) : null;
      if (text && fitted && k !== null) {
        text.textContent = fitReadout(
          k,
          surface.paramNames,
          [fitted.result.xs[k]!, fitted.result.ys[k]!],
          surface.loss.short,
          fitted.result.values[k]!,
        );
      }
      target?.setAttribute(
        "aria-label",
        dataPlotSummary(surface.count, dataset.label, model.label, k),
      );
      if (!target || size.width === 0 || size.height === 0) return;
      const context = prepareCanvas(target, size.width, size.height);
      if (!context) return;
      context.clearRect(0, 0, size.width, size.height);
      if (fitted && k !== null) {
        drawFit(context, layout, surface, fitted, k, residuals, presentation);
      }
      renderStats.frames++;
    };
    draw();
    return subscribePlayhead(draw);
  }, [
    layout,
    surface,
    dataset,
    model,
    fitted,
    residuals,
    size.width,
    size.height,
    presentation,
    pictureScale,
  ]);

  const note = noteFor(run, model.label);
  return (
    <div
      className={className}
      style={{ display: "flex", flexDirection: "column", width: "100%", height: "100%" }}
    >
      <div
        style={{
          display: "flex",
          flexWrap: "wrap",
          alignItems: "baseline",
          gap: "0.25rem 1rem",
          padding: "2px 8px",
          fontSize: "0.85rem",
          lineHeight: 1.3,
        }}
      >
        {/* Written per frame by the effect above, never through React. */}
        <p
          ref={readout}
          hidden={fitted === null}
          style={{
            flex: "1 1 auto",
            margin: 0,
            paddingLeft: 6,
            borderLeft: `4px solid ${fitted?.color ?? "transparent"}`,
            fontVariantNumeric: "tabular-nums",
          }}
        />
        {note !== null && <p style={{ flex: "1 1 auto", margin: 0, color: "#444" }}>{note}</p>}
        <span style={{ whiteSpace: "nowrap" }}>
          <input
            id={residualsId}
            type="checkbox"
            checked={residuals}
            disabled={fitted === null}
            onChange={(event) => setResiduals(event.target.checked)}
          />{" "}
          <label htmlFor={residualsId}>Residuals</label>
        </span>
      </div>
      <div ref={chart} style={{ position: "relative", flex: "1 1 auto", minHeight: 0 }}>
        <canvas
          ref={layerCanvas}
          aria-hidden="true"
          style={{ position: "absolute", inset: 0, width: "100%", height: "100%" }}
        />
        <canvas
          ref={canvas}
          role="img"
          style={{ position: "absolute", inset: 0, width: "100%", height: "100%" }}
        />
      </div>
    </div>
  );
}

/** Why no curve is drawn, or null when there is one. */
function noteFor(run: RunEntry | null, modelLabel: string): string | null {
  if (!run) return `No run yet: add a start on the loss surface to fit the ${modelLabel}.`;
  if (run.error !== null) return `No curve: ${run.label} could not be computed (${run.error}).`;
  return null;
}

/** The axes and the data's points, into the layer under the curve. */
function drawDataLayer(
  layer: HTMLCanvasElement,
  layout: DataLayout,
  dataset: Dataset,
  width: number,
  height: number,
  presentation: Presentation,
): void {
  const context = prepareCanvas(layer, width, height);
  if (!context) return;
  context.clearRect(0, 0, width, height);
  const { rect, x, y } = layout;
  drawAxes(context, rect, x, y, { x: dataset.xLabel, y: dataset.yLabel }, layout.tickPx);
  context.save();
  context.beginPath();
  context.rect(rect.left, rect.top, rect.width, rect.height);
  context.clip();
  context.fillStyle = POINT_COLOR;
  const radius = 3 * presentation.markerScale;
  context.beginPath();
  for (let i = 0; i < dataset.xs.length; i++) {
    const px = x(dataset.xs[i]!);
    const py = y(dataset.ys[i]!);
    context.moveTo(px + radius, py);
    context.arc(px, py, radius, 0, 2 * Math.PI);
  }
  context.fill();
  context.restore();
}

/** The curve at iterate k of `run`, clipped to the plot, and the residuals when asked. */
function drawFit(
  context: CanvasRenderingContext2D,
  layout: DataLayout,
  surface: DataSurface,
  run: RunEntry,
  k: number,
  residuals: boolean,
  presentation: Presentation,
): void {
  const { rect, x, y, band } = layout;
  const { dataset, model } = surface;
  const p1 = run.result.xs[k]!;
  const p2 = run.result.ys[k]!;
  context.save();
  context.beginPath();
  context.rect(rect.left, rect.top, rect.width, rect.height);
  context.clip();
  context.lineCap = "round";
  context.lineJoin = "round";
  if (residuals) {
    context.strokeStyle = run.color;
    context.globalAlpha = 0.6;
    context.lineWidth = Math.max(1, presentation.lineWidth / 2);
    context.beginPath();
    for (let i = 0; i < dataset.xs.length; i++) {
      const xi = dataset.xs[i]!;
      const span = residualSpan(dataset.ys[i]!, model.value(p1, p2, xi), band);
      if (!span) continue;
      const px = x(xi);
      context.moveTo(px, y(span[0]));
      context.lineTo(px, y(span[1]));
    }
    context.stroke();
    context.globalAlpha = 1;
  }
  const curve = modelCurve(model, p1, p2, { lo: x.lo, hi: x.hi }, curveSampleCount(rect.width));
  const pieces = clipPolylineY(curve.xs, curve.values, band);
  const trace = () => {
    context.beginPath();
    for (const piece of pieces) {
      context.moveTo(x(piece[0]!), y(piece[1]!));
      for (let j = 2; j < piece.length; j += 2) context.lineTo(x(piece[j]!), y(piece[j + 1]!));
    }
  };
  // In presenter mode a light casing keeps the curve clear of the points under it.
  if (presentation.pathCasing) {
    trace();
    context.strokeStyle = presentation.pathCasing;
    context.lineWidth = presentation.lineWidth + 3;
    context.stroke();
  }
  trace();
  context.strokeStyle = run.color;
  context.lineWidth = presentation.lineWidth;
  context.stroke();
  context.restore();
}
