/**
 * One-variable mode: the curve of f over [xmin, xmax], the tangent line at the current point of
 * the selected run (its slope f′(x) is what the step follows), and each run's iterates as points
 * on the curve. Start points can be dragged along x; Shift-click (or add mode) adds a run.
 * A 2D canvas chart: the tangent must stay a straight line, so the axis is linear in f.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { useExplorerStore, type RunEntry } from "../store/index.ts";
import { getPlayhead, subscribePlayhead } from "../store/playhead.ts";
import { gridResolution, sampleCurve } from "../core/grid.ts";
import { quantileSorted, sortedFinite } from "../core/contour.ts";
import { chooseHeightRule } from "../core/transform.ts";
import type { Surface } from "../core/types.ts";
import { registerProjector, renderStats } from "./renderStats.ts";
import {
  drawAxes,
  formatValue,
  makeScale,
  plotRect,
  prepareCanvas,
  type PlotRect,
  type Scale,
} from "./chart2d.ts";
import { usePresentation, useShownRuns, type Presentation } from "./presentation.ts";
import { useElementSize } from "./useElementSize.ts";
import { usePictureScale } from "./picture/pixelRatio.ts";
import { START_KEY_SHORTCUTS, START_KEYS_NOTE, useStartDrag } from "./useStartDrag.ts";

interface CurveLayout {
  rect: PlotRect;
  x: Scale;
  y: Scale;
  clipped: boolean;
}

/**
 * y range: the sampled min and max padded by 8 %; when a few values dwarf the rest (the same
 * test that switches the 3D surface to a log height), the 2nd to 98th percentile instead, and
 * the chart says it is clipped.
 */
function layoutCurve(
  values: Float64Array,
  xmin: number,
  xmax: number,
  width: number,
  height: number,
  tickPx: number,
): CurveLayout {
  const rect = plotRect(width, height, 0, tickPx);
  const sorted = sortedFinite(values);
  let lo = sorted.length ? sorted[0]! : 0;
  let hi = sorted.length ? sorted[sorted.length - 1]! : 1;
  let clipped = false;
  if (sorted.length > 2 && chooseHeightRule(sorted).mode === "log") {
    lo = quantileSorted(sorted, 0.02);
    hi = quantileSorted(sorted, 0.98);
    clipped = true;
  }
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.08;
  return {
    rect,
    x: makeScale(xmin, xmax, rect.left, rect.left + rect.width),
    y: makeScale(lo - pad, hi + pad, rect.top + rect.height, rect.top),
    clipped,
  };
}

/** Client position of the point (x, f(x)) on the drawn curve, clamped to the plot. */
function curveToClient(
  canvas: HTMLCanvasElement | null,
  layout: CurveLayout,
  surface: Surface,
  x: number,
): { clientX: number; clientY: number } {
  const bounds = canvas?.getBoundingClientRect();
  const fy = surface.f(x, 0);
  const py = Number.isFinite(fy)
    ? layout.y(Math.min(layout.y.hi, Math.max(layout.y.lo, fy)))
    : layout.rect.top;
  return { clientX: (bounds?.left ?? 0) + layout.x(x), clientY: (bounds?.top ?? 0) + py };
}

export interface CurveViewProps {
  className?: string;
}

export function CurveView({ className }: CurveViewProps) {
  const surface = useExplorerStore((s) => s.surface);
  const box = useExplorerStore((s) => s.box);
  const runs = useShownRuns();
  const presentation = usePresentation();
  const selectedRunId = useExplorerStore((s) => s.selectedRunId);
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(wrapper);
  // An exported picture at 2× redraws the canvas at its scale.
  const pictureScale = usePictureScale();

  const samples = useMemo(
    () => sampleCurve(surface.f, box.xmin, box.xmax, gridResolution("full", 1)),
    [surface, box.xmin, box.xmax],
  );
  const layout = useMemo(
    () =>
      layoutCurve(samples.values, box.xmin, box.xmax, size.width, size.height, presentation.tickPx),
    [samples, box.xmin, box.xmax, size.width, size.height, presentation.tickPx],
  );
  const selected = runs.find((r) => r.id === selectedRunId) ?? runs[0] ?? null;

  useLayoutEffect(() => {
    const target = canvas.current;
    if (!target || size.width === 0 || size.height === 0) return;
    const draw = () => {
      const context = prepareCanvas(target, size.width, size.height);
      if (!context) return;
      context.clearRect(0, 0, size.width, size.height);
      drawCurve(context, layout, samples.xs, samples.values, surface, runs, selected, presentation);
      renderStats.frames++;
    };
    draw();
    return subscribePlayhead(draw);
  }, [
    layout,
    samples,
    surface,
    runs,
    selected,
    size.width,
    size.height,
    presentation,
    pictureScale,
  ]);

  useEffect(() => {
    registerProjector("contour", (x) => curveToClient(canvas.current, layout, surface, x));
    return () => registerProjector("contour", null);
  }, [layout, surface]);

  const pointer = useStartDrag({
    startOnScreen: (run) => curveToClient(canvas.current, layout, surface, run.result.xs[0]!),
    toMath: (clientX) => {
      const bounds = canvas.current?.getBoundingClientRect();
      return [layout.x.invert(clientX - (bounds?.left ?? 0))];
    },
  });

  return (
    <div
      ref={wrapper}
      className={className}
      style={{
        position: "relative",
        width: "100%",
        height: "100%",
        touchAction: "none",
      }}
    >
      <canvas
        ref={canvas}
        role="img"
        aria-label={`Curve of f(x) = ${surface.normalized} over x from ${box.xmin} to ${box.xmax}, with the tangent line at the current point. ${START_KEYS_NOTE}`}
        aria-keyshortcuts={START_KEY_SHORTCUTS}
        tabIndex={0}
        style={{ position: "absolute", inset: 0, width: "100%", height: "100%" }}
        {...pointer}
      />
      {layout.clipped ? (
        <p
          style={{
            position: "absolute",
            right: 16,
            top: 16,
            margin: 0,
            fontSize: "var(--tick-size)",
            color: "#444",
            pointerEvents: "none",
          }}
        >
          f is clipped to its 2nd–98th percentile so the shape stays visible.
        </p>
      ) : null}
    </div>
  );
}

function drawCurve(
  context: CanvasRenderingContext2D,
  layout: CurveLayout,
  xs: Float64Array,
  values: Float64Array,
  surface: Surface,
  runs: readonly RunEntry[],
  selected: RunEntry | null,
  presentation: Presentation,
): void {
  const { rect, x, y } = layout;
  const { tickPx, lineWidth, markerScale: m } = presentation;
  drawAxes(context, rect, x, y, { x: "x", y: "f(x)" }, tickPx);
  context.save();
  context.beginPath();
  context.rect(rect.left, rect.top, rect.width, rect.height);
  context.clip();
  // f = 0 line, when in view, so a student sees where f changes sign.
  if (y.lo < 0 && y.hi > 0) {
    context.strokeStyle = "#999999";
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(rect.left, y(0));
    context.lineTo(rect.left + rect.width, y(0));
    context.stroke();
  }
  context.strokeStyle = "#1f1f1f";
  context.lineWidth = lineWidth + 0.5;
  context.beginPath();
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    const px = x(xs[i]!);
    const py = y(v);
    if (pen) context.lineTo(px, py);
    else context.moveTo(px, py);
    pen = true;
  }
  context.stroke();

  const { step, hover } = getPlayhead();
  if (selected) {
    const k = Math.min(step, selected.result.steps);
    const x0 = selected.result.xs[k]!;
    const f0 = selected.result.values[k]!;
    const slope = surface.dfdx(x0, 0);
    if (Number.isFinite(slope) && Number.isFinite(f0)) {
      // The tangent y = f(x0) + f'(x0)(x − x0) across a quarter of the range either side.
      const half = (x.hi - x.lo) / 4;
      context.strokeStyle = "#e4002b";
      context.lineWidth = lineWidth;
      context.setLineDash([4 * lineWidth, 2.5 * lineWidth]);
      context.beginPath();
      context.moveTo(x(x0 - half), y(f0 - slope * half));
      context.lineTo(x(x0 + half), y(f0 + slope * half));
      context.stroke();
      context.setLineDash([]);
      // The slope readout sits in the plot's top-left corner, where it never runs off the canvas.
      let labelPx = Math.round(tickPx * 1.1);
      context.font = `bold ${labelPx}px system-ui, sans-serif`;
      // The short form where the plot is too narrow for the whole sentence, in smaller type if
      // even that does not fit: never cut off.
      const room = rect.width - 16;
      const full = `tangent at x = ${formatValue(x0)}: slope f′(x) = ${formatValue(slope)}`;
      const short = `slope f′(${formatValue(x0)}) = ${formatValue(slope)}`;
      const label = context.measureText(full).width <= room ? full : short;
      let labelWidth = context.measureText(label).width;
      if (labelWidth > room && room > 0) {
        labelPx = Math.max(8, Math.floor((labelPx * room) / labelWidth));
        context.font = `bold ${labelPx}px system-ui, sans-serif`;
        labelWidth = context.measureText(label).width;
      }
      // Top-left corner, or bottom-left when the current point is in the upper half.
      const boxHeight = labelPx + 5;
      const top =
        y(f0) < rect.top + rect.height / 2 ? rect.top + rect.height - boxHeight - 6 : rect.top + 4;
      context.fillStyle = "rgba(255,255,255,0.85)";
      context.fillRect(rect.left + 4, top, labelWidth + 8, boxHeight);
      context.fillStyle = "#e4002b";
      context.textAlign = "left";
      context.textBaseline = "middle";
      context.fillText(label, rect.left + 8, top + boxHeight / 2);
    }
  }

  for (const run of runs) {
    const last = Math.min(step, run.result.steps);
    context.fillStyle = run.color;
    for (let k = 0; k <= last; k++) {
      const v = run.result.values[k]!;
      if (!Number.isFinite(v)) continue;
      context.globalAlpha = k === last ? 1 : 0.55;
      context.beginPath();
      context.arc(x(run.result.xs[k]!), y(v), (k === last ? 6 : 3.5) * m, 0, 2 * Math.PI);
      context.fill();
    }
    context.globalAlpha = 1;
    // Start marker: a ring the person can drag.
    const s = run.result.values[0]!;
    if (Number.isFinite(s)) {
      context.strokeStyle = run.color;
      context.lineWidth = 3 * m;
      context.beginPath();
      context.arc(x(run.result.xs[0]!), y(s), 9 * m, 0, 2 * Math.PI);
      context.stroke();
    }
  }
  if (hover) {
    const run = runs.find((r) => r.id === hover.runId);
    const k = run ? Math.min(hover.step, run.result.steps) : -1;
    if (run && k >= 0 && Number.isFinite(run.result.values[k]!)) {
      context.strokeStyle = "#000000";
      context.lineWidth = 2;
      context.beginPath();
      context.arc(x(run.result.xs[k]!), y(run.result.values[k]!), 10 * m, 0, 2 * Math.PI);
      context.stroke();
    }
  }
  context.restore();
}
