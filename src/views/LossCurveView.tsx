/**
 * The loss curve: f against step for every run in its colour, on a linear or log axis, with a
 * marker at the current step and a hover readout that highlights that iterate in the other views.
 *
 * Drawn on a 2D canvas rather than WebGL: it is a chart of a few thousand points with text,
 * which the 2D canvas draws crisply in well under a millisecond, and it keeps the page to two
 * WebGL contexts, each of which costs a full software-rendered frame on machines without a GPU.
 * The curves are drawn once into an offscreen layer; a playhead change only copies that layer and
 * draws the marker.
 */
import { useLayoutEffect, useMemo, useRef } from "react";
import { useExplorerStore, type RunEntry } from "../store/index.ts";
import { runSummariesApart, runSummary, summaryText } from "../core/runSummary.ts";
import { SummaryPieces } from "./SummaryPieces.tsx";
import { getPlayhead, setHoverIterate, subscribePlayhead } from "../store/playhead.ts";
import { renderStats } from "./renderStats.ts";
import {
  AXIS_TICK_PX,
  drawAxes,
  formatValue,
  makeScale,
  plotRect,
  prepareCanvas,
  type PlotRect,
  type Scale,
} from "./chart2d.ts";
import { usePresentation, useShownRuns } from "./presentation.ts";
import { LineSample } from "./LineSample.tsx";
import { markerShape, traceShape } from "./markerShapes.ts";
import { lineDash } from "./linePatterns.ts";
import { useElementSize } from "./useElementSize.ts";
import { usePictureScale } from "./picture/pixelRatio.ts";

/** On a linear axis, values more than this many start-heights above the lowest value are clipped. */
const LINEAR_CLIP_FACTOR = 10;
const DIVERGED_COLOR = "#c00000";
/** Height of one line of the note above the plot (0.75rem at 18px, line height 1.25), in px. */
const NOTE_LINE = 18;

interface LossLayout {
  rect: PlotRect;
  x: Scale;
  y: Scale;
  /** Value actually plotted for f (shifted on a log axis when some f <= 0). */
  plotted: (f: number) => number;
  /** Largest plotted value shown; anything above is drawn on the top edge and marked. */
  ceiling: number;
  note: string | null;
  lastStep: number;
  /** Runs plotted against epochs (passes over the data) rather than steps. */
  byEpoch: boolean;
  /** Pixel x of run's iterate k: x(k), or x(k / steps per epoch) by epoch. */
  at(run: RunEntry, k: number): number;
  /** The iterate of `run` nearest a pixel x. */
  iterateAt(run: RunEntry, px: number): number;
  /** Size of the tick labels and flag words, in CSS pixels (larger in presenter mode). */
  tickPx: number;
}

/**
 * Axis ranges from the data. Linear: from the lowest finite f to the highest, but no higher than
 * lowest + 10 × (highest start − lowest), so one diverging run does not flatten the others.
 * Log: f itself when every f > 0, else f − min f + ε with ε = 1e-9 · (range) so zero is plottable.
 */
/** Steps in one pass over the data: a mini-batch run's, else 1 (each step sees every row). */
function stepsPerEpoch(run: RunEntry): number {
  return run.result.batch?.stepsPerEpoch ?? 1;
}

function layoutLoss(
  runs: readonly RunEntry[],
  log: boolean,
  epochs: boolean,
  width: number,
  height: number,
  noteHeight: number,
  tickPx: number,
): LossLayout {
  let lo = Infinity;
  let hi = -Infinity;
  let startHi = -Infinity;
  let lastStep = 1;
  for (const run of runs) {
    const values = run.result.values;
    lastStep = Math.max(lastStep, run.result.steps);
    const start = values[0]!;
    if (Number.isFinite(start)) startHi = Math.max(startHi, start);
    for (let k = 0; k <= run.result.steps; k++) {
      const v = values[k]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) {
    lo = 0;
    hi = 1;
  }
  if (!Number.isFinite(startHi)) startHi = hi;
  const clip = startHi > lo ? lo + LINEAR_CLIP_FACTOR * (startHi - lo) : hi;
  const ceiling = log ? Infinity : Math.min(hi, clip);
  let note: string | null = null;
  if (log && !(lo > 0)) note = "Log axis shows f − min f + ε, because some values of f are ≤ 0.";
  if (!log && hi > ceiling) {
    note = `Clipped above f = ${formatValue(ceiling)}; ▲ marks where a run leaves the scale.`;
  }
  // A note takes the lines it wraps to above the plot, so it never covers a curve; until it has
  // been measured, one line.
  const rect = plotRect(width, height, note ? Math.max(NOTE_LINE, noteHeight) : 0, tickPx);
  // By epoch, a run of s steps per epoch reaches step k at epoch k/s: a mini-batch run beside
  // a full-batch one shows how much each pass over the data buys.
  const byEpoch = epochs && runs.some((run) => run.result.batch !== undefined);
  let lastX = lastStep;
  if (byEpoch) {
    lastX = 0;
    for (const run of runs) lastX = Math.max(lastX, run.result.steps / stepsPerEpoch(run));
    if (!(lastX > 0)) lastX = 1;
  }
  const x = makeScale(0, lastX, rect.left, rect.left + rect.width);
  const per = (run: RunEntry) => (byEpoch ? stepsPerEpoch(run) : 1);
  const at = (run: RunEntry, k: number) => x(k / per(run));
  const iterateAt = (run: RunEntry, px: number) =>
    Math.min(run.result.steps, Math.max(0, Math.round(x.invert(px) * per(run))));
  const common = { note, lastStep, byEpoch, at, iterateAt, tickPx };
  if (log) {
    const shift = lo > 0 ? 0 : -lo + Math.max(1e-12, 1e-9 * (hi - lo || 1));
    const plotted = (f: number) => f + shift;
    const bottom = Math.max(Number.MIN_VALUE, plotted(lo));
    let top = plotted(hi);
    if (!(top > bottom)) top = bottom * 10;
    const decadesBelow = Math.floor(Math.log10(bottom));
    const decadesAbove = Math.ceil(Math.log10(top));
    const y = makeScale(
      Math.pow(10, decadesBelow),
      Math.pow(10, Math.max(decadesAbove, decadesBelow + 1)),
      rect.top + rect.height,
      rect.top,
      true,
    );
    return { rect, x, y, plotted, ceiling: Infinity, ...common };
  }
  const pad = (ceiling - lo || Math.abs(lo) || 1) * 0.05;
  const y = makeScale(lo - pad, ceiling + pad, rect.top + rect.height, rect.top);
  return { rect, x, y, plotted: (f) => f, ceiling, ...common };
}

/** Pixel y of a value, pinned to the top edge when above the ceiling or not finite. */
function pixelY(layout: LossLayout, f: number): { py: number; clipped: boolean } {
  const v = layout.plotted(f);
  if (!Number.isFinite(v) || v > layout.ceiling) return { py: layout.rect.top, clipped: true };
  const py = layout.y(Math.max(v, layout.y.lo));
  if (py < layout.rect.top) return { py: layout.rect.top, clipped: true };
  return { py: Math.min(layout.rect.top + layout.rect.height, py), clipped: false };
}

export interface LossCurveViewProps {
  className?: string;
  /** The runs drawn (default: every run; in compare mode the variants, overlaid). */
  runs?: readonly RunEntry[];
  /** The legend over the plot; left out where the page shows a run legend of its own. */
  legend?: boolean;
}

export function LossCurveView({ className, runs: shownRuns, legend = true }: LossCurveViewProps) {
  const runs = useShownRuns(shownRuns);
  const presentation = usePresentation();
  const logLoss = useExplorerStore((s) => s.view.logLoss);
  const lossByEpoch = useExplorerStore((s) => s.view.lossByEpoch);
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const tooltip = useRef<HTMLDivElement>(null);
  const layerCanvas = useRef<HTMLCanvasElement>(null);
  const noteRef = useRef<HTMLParagraphElement>(null);
  const size = useElementSize(wrapper);
  const noteSize = useElementSize(noteRef);
  // An exported picture at 2× redraws both canvases at its scale.
  const pictureScale = usePictureScale();

  const layout = useMemo(
    () =>
      layoutLoss(
        runs,
        logLoss,
        lossByEpoch,
        size.width,
        size.height,
        noteSize.height,
        presentation.tickPx,
      ),
    [runs, logLoss, lossByEpoch, size.width, size.height, noteSize.height, presentation.tickPx],
  );

  useLayoutEffect(() => {
    const target = canvas.current;
    const layer = layerCanvas.current;
    if (!target || !layer || size.width === 0 || size.height === 0) return;
    // Two stacked canvases: the still layer below (axes and every run's curve), drawn only when
    // data, scale or size change, and above it the playhead's marks, the only pixels a playhead
    // change redraws. A software compositor then re-uploads only the small top layer per frame.
    const { lineWidth, markerScale } = presentation;
    if (!drawLossLayer(layer, layout, runs, logLoss, size.width, size.height, lineWidth)) return;
    const draw = () => {
      const context = prepareCanvas(target, size.width, size.height);
      if (!context) return;
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, target.width, target.height);
      const dpr = target.width / Math.max(1, size.width);
      context.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawPlayhead(context, layout, runs, markerScale);
      renderStats.frames++;
    };
    draw();
    return subscribePlayhead(draw);
  }, [layout, runs, logLoss, size.width, size.height, presentation, pictureScale]);

  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const element = canvas.current;
    const tip = tooltip.current;
    if (!element || !tip || runs.length === 0) return;
    const bounds = element.getBoundingClientRect();
    const px = event.clientX - bounds.left;
    const py = event.clientY - bounds.top;
    const { rect } = layout;
    if (
      px < rect.left ||
      px > rect.left + rect.width ||
      py < rect.top - 4 ||
      py > rect.top + rect.height + 4
    ) {
      hideTooltip();
      return;
    }
    let best: { run: RunEntry; k: number; distance: number } | null = null;
    for (const run of runs) {
      const k = layout.iterateAt(run, px);
      const distance = Math.abs(pixelY(layout, run.result.values[k]!).py - py);
      if (!best || distance < best.distance) best = { run, k, distance };
    }
    if (!best) return;
    setHoverIterate({ runId: best.run.id, step: best.k });
    tip.hidden = false;
    const epoch = layout.byEpoch ? ` (epoch ${formatValue(best.k / stepsPerEpoch(best.run))})` : "";
    tip.textContent = `${best.run.label} · step ${best.k}${epoch} · f = ${formatValue(best.run.result.values[best.k]!)}`;
    tip.style.borderColor = best.run.color;
    const flip = px > size.width / 2;
    tip.style.left = `${flip ? px - 10 : px + 12}px`;
    tip.style.top = `${Math.max(0, py - 30)}px`;
    tip.style.transform = flip ? "translateX(-100%)" : "none";
  };

  const hideTooltip = () => {
    if (tooltip.current) tooltip.current.hidden = true;
    setHoverIterate(null);
  };

  const finalText = runs
    .map(
      (run) =>
        `${run.label} (${runSummary(run)}): ${formatValue(run.result.final.value)} after ${run.result.steps} steps (${run.result.status})`,
    )
    .join("; ");

  return (
    <div
      ref={wrapper}
      className={className}
      style={{ position: "relative", width: "100%", height: "100%" }}
    >
      <canvas
        ref={layerCanvas}
        aria-hidden="true"
        style={{ position: "absolute", inset: 0, width: "100%", height: "100%" }}
      />
      <canvas
        ref={canvas}
        role="img"
        aria-label={`f against ${layout.byEpoch ? "epoch" : "step"} for ${runs.length} run${runs.length === 1 ? "" : "s"}${logLoss ? " on a log axis" : ""}. ${finalText}`}
        style={{ position: "absolute", inset: 0, width: "100%", height: "100%" }}
        onPointerMove={onPointerMove}
        onPointerLeave={hideTooltip}
      />
      {legend && <LossLegend runs={runs} layout={layout} width={size.width} />}
      <div
        ref={tooltip}
        hidden
        role="status"
        style={{
          position: "absolute",
          pointerEvents: "none",
          background: "rgba(255,255,255,0.95)",
          border: "2px solid #333",
          borderRadius: 4,
          padding: "2px 6px",
          fontSize: "0.85rem",
          whiteSpace: "nowrap",
        }}
      />
      {/* Always rendered, so its size is watched from the start; it wraps rather than being
          cut, and the plot starts below however many lines it takes. */}
      <p
        ref={noteRef}
        hidden={!layout.note}
        style={{
          position: "absolute",
          left: 8,
          right: 8,
          top: 2,
          margin: 0,
          fontSize: "0.75rem",
          lineHeight: 1.25,
          color: "#444",
          overflowWrap: "anywhere",
          pointerEvents: "none",
        }}
      >
        {layout.note}
      </p>
    </div>
  );
}

/** Draws the axes and every run's curve into the offscreen layer; false when it has no context. */
function drawLossLayer(
  layer: HTMLCanvasElement,
  layout: LossLayout,
  runs: readonly RunEntry[],
  logLoss: boolean,
  width: number,
  height: number,
  lineWidth: number,
): boolean {
  const context = prepareCanvas(layer, width, height);
  if (!context) return false;
  context.clearRect(0, 0, width, height);
  drawAxes(
    context,
    layout.rect,
    layout.x,
    layout.y,
    { x: layout.byEpoch ? "epoch" : "step", y: logLoss ? "f (log scale)" : "f" },
    layout.tickPx,
  );
  context.save();
  context.beginPath();
  context.rect(layout.rect.left, layout.rect.top - 1, layout.rect.width, layout.rect.height + 2);
  context.clip();
  let labelRow = 0;
  runs.forEach((run, index) => {
    if (drawRunCurve(context, layout, run, labelRow, lineDash(index, lineWidth), lineWidth)) {
      labelRow++;
    }
  });
  context.restore();
  return true;
}

function drawRunCurve(
  context: CanvasRenderingContext2D,
  layout: LossLayout,
  run: RunEntry,
  labelRow: number,
  dash: readonly number[],
  lineWidth: number,
): boolean {
  const { values, steps } = run.result;
  context.strokeStyle = run.color;
  context.lineWidth = lineWidth;
  context.setLineDash(dash);
  context.lineJoin = "round";
  context.beginPath();
  let firstClip = -1;
  for (let k = 0; k <= steps; k++) {
    const { py, clipped } = pixelY(layout, values[k]!);
    if (clipped && firstClip < 0) firstClip = k;
    const px = layout.at(run, k);
    if (k === 0) context.moveTo(px, py);
    else context.lineTo(px, py);
  }
  context.stroke();
  context.setLineDash([]);
  if (firstClip >= 0 || run.result.status === "diverged") {
    const k = firstClip >= 0 ? firstClip : steps;
    const px = layout.at(run, k);
    const f = layout.tickPx / AXIS_TICK_PX;
    context.fillStyle = DIVERGED_COLOR;
    context.beginPath();
    context.moveTo(px, layout.rect.top + 1);
    context.lineTo(px - 6 * f, layout.rect.top + 1 + 10 * f);
    context.lineTo(px + 6 * f, layout.rect.top + 1 + 10 * f);
    context.closePath();
    context.fill();
    context.font = `bold ${layout.tickPx}px system-ui, sans-serif`;
    const label = flagLabel(layout, run, k, labelRow);
    context.textAlign = label.flip ? "right" : "left";
    context.textBaseline = "top";
    context.fillText(label.text, label.x, label.y);
    return true;
  }
  return false;
}

/** The words beside a flagged run's ▲ at step k: where they start and which way they run. */
function flagLabel(
  layout: LossLayout,
  run: RunEntry,
  k: number,
  row: number,
): { text: string; x: number; y: number; flip: boolean } {
  const px = layout.at(run, k);
  const f = layout.tickPx / AXIS_TICK_PX;
  const flip = px > layout.rect.left + layout.rect.width - 110 * f;
  return {
    text: run.result.status === "diverged" ? `${run.label} diverged` : `${run.label} off the scale`,
    x: flip ? px - 8 * f : px + 8 * f,
    // Each flagged run gets its own line so labels at the same step do not overlap.
    y: layout.rect.top + 12 * f + 15 * f * row,
    flip,
  };
}

function drawPlayhead(
  context: CanvasRenderingContext2D,
  layout: LossLayout,
  runs: readonly RunEntry[],
  markerScale: number,
): void {
  const { step, hover } = getPlayhead();
  const { rect } = layout;
  // By epoch the runs reach this step at different epochs: each run's marker says where.
  if (!layout.byEpoch) {
    const px = layout.x(Math.min(step, layout.lastStep));
    context.strokeStyle = "rgba(0,0,0,0.55)";
    context.lineWidth = 1;
    context.setLineDash([4, 3]);
    context.beginPath();
    context.moveTo(px, rect.top);
    context.lineTo(px, rect.top + rect.height);
    context.stroke();
    context.setLineDash([]);
  }
  runs.forEach((run, index) => {
    const k = Math.min(step, run.result.steps);
    const { py } = pixelY(layout, run.result.values[k]!);
    context.fillStyle = run.color;
    context.strokeStyle = "#ffffff";
    context.lineWidth = 2;
    context.beginPath();
    traceShape(context, markerShape(index), layout.at(run, k), py, 5 * markerScale);
    context.fill();
    context.stroke();
  });
  if (hover) {
    const run = runs.find((r) => r.id === hover.runId);
    if (run) {
      const k = Math.min(hover.step, run.result.steps);
      const { py } = pixelY(layout, run.result.values[k]!);
      context.strokeStyle = "#000000";
      context.lineWidth = 2;
      context.beginPath();
      context.arc(layout.at(run, k), py, 8 * markerScale, 0, 2 * Math.PI);
      context.stroke();
    }
  }
}

/**
 * The legend: each run's colour and label with what sets it apart (core's runSummariesApart):
 * what all runs share is said once above the entries, so four runs of gradient descent read
 * "All runs: Gradient descent" and "Run 1: lr 0.01", …. It hugs the plot's right edge at the
 * height where it covers the fewest curves and flag labels (see `legendTop`), and lets the
 * pointer through to the chart.
 */
function LossLegend(props: { runs: readonly RunEntry[]; layout: LossLayout; width: number }) {
  const { runs, layout, width } = props;
  const element = useRef<HTMLDivElement>(null);
  const cover = useMemo(() => coverage(layout, runs), [layout, runs]);
  const { shared, apart } = useMemo(() => runSummariesApart(runs), [runs]);
  useLayoutEffect(() => {
    // The legend's size is known only once laid out; its height is set here, before paint.
    const legend = element.current;
    if (!legend) return;
    legend.style.top = `${legendTop(layout, cover, legend.offsetWidth, legend.offsetHeight)}px`;
  }, [layout, cover, runs]);
  if (runs.length === 0 || width === 0) return null;
  const { rect } = layout;
  const sharedText = summaryText(shared);
  return (
    <div
      ref={element}
      role="group"
      aria-label="Legend"
      style={{
        position: "absolute",
        right: Math.max(0, width - rect.left - rect.width) + LEGEND_INSET,
        maxWidth: Math.max(120, rect.width - 2 * LEGEND_INSET),
        padding: "1px 6px",
        background: "rgba(255,255,255,0.9)",
        border: "1px solid #bbb",
        borderRadius: 4,
        fontSize: "0.75rem",
        lineHeight: 1.3,
        color: "#222",
        pointerEvents: "none",
      }}
    >
      {sharedText !== "" && (
        <p style={{ margin: 0 }}>
          All runs: <SummaryPieces parts={shared} />
        </p>
      )}
      <ul style={{ margin: 0, padding: 0, listStyle: "none" }}>
        {runs.map((run, index) => {
          const parts = apart[index]!;
          return (
            <li key={run.id} style={{ display: "flex", gap: 5, alignItems: "baseline" }}>
              <LineSample
                className="legend-line"
                color={run.color}
                index={index}
                width={22}
                strokeWidth={2.5}
              />
              <span>
                <b style={{ whiteSpace: "nowrap" }}>{run.label}</b>
                {summaryText(parts) !== "" && (
                  <>
                    : <SummaryPieces parts={parts} />
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Gap between the legend and the plot's edges, in pixels. */
const LEGEND_INSET = 6;
/** Side of the cells in which the legend's placement counts what it would cover, in pixels. */
const CELL = 4;

/** Which CELL-sized cells of the plot something is drawn in, as a summed-area table. */
interface Coverage {
  cols: number;
  rows: number;
  /** sums[(r) * (cols + 1) + c]: covered cells above row r and left of column c. */
  sums: Int32Array;
}

/**
 * The cells of the plot that the curves pass through (each segment sampled every CELL pixels)
 * and that the flag labels ("Run 4 diverged") take, as a summed-area table so any box's count
 * is four lookups.
 */
function coverage(layout: LossLayout, runs: readonly RunEntry[]): Coverage {
  const { rect } = layout;
  const cols = Math.max(1, Math.ceil(rect.width / CELL));
  const rows = Math.max(1, Math.ceil(rect.height / CELL));
  const covered = new Uint8Array(cols * rows);
  const mark = (px: number, py: number) => {
    const c = Math.floor((px - rect.left) / CELL);
    const r = Math.floor((py - rect.top) / CELL);
    if (c >= 0 && c < cols && r >= 0 && r < rows) covered[r * cols + c] = 1;
  };
  let flagRow = 0;
  for (const run of runs) {
    const { values, steps } = run.result;
    let lastX = layout.at(run, 0);
    let lastY = pixelY(layout, values[0]!).py;
    let flagged = -1;
    mark(lastX, lastY);
    for (let k = 1; k <= steps; k++) {
      const { py, clipped } = pixelY(layout, values[k]!);
      if (clipped && flagged < 0) flagged = k;
      const px = layout.at(run, k);
      const samples = Math.ceil(Math.max(Math.abs(px - lastX), Math.abs(py - lastY)) / CELL);
      for (let i = 1; i <= samples; i++) {
        mark(lastX + ((px - lastX) * i) / samples, lastY + ((py - lastY) * i) / samples);
      }
      lastX = px;
      lastY = py;
    }
    if (values[0] !== undefined && pixelY(layout, values[0]).clipped) flagged = 0;
    if (flagged < 0 && run.result.status === "diverged") flagged = steps;
    if (flagged < 0) continue;
    // The flag's words, as drawLossLayer writes them (bold, about 0.6 of the size a character).
    const label = flagLabel(layout, run, flagged, flagRow++);
    const width = label.text.length * 0.6 * layout.tickPx;
    const from = label.flip ? label.x - width : label.x;
    for (let y = label.y; y <= label.y + 1.2 * layout.tickPx; y += CELL / 2) {
      for (let x = from; x <= from + width; x += CELL / 2) mark(x, y);
    }
  }
  const sums = new Int32Array((rows + 1) * (cols + 1));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      sums[(r + 1) * (cols + 1) + c + 1] =
        covered[r * cols + c]! +
        sums[r * (cols + 1) + c + 1]! +
        sums[(r + 1) * (cols + 1) + c]! -
        sums[r * (cols + 1) + c]!;
    }
  }
  return { cols, rows, sums };
}

/**
 * The legend's top edge: of the heights where a box of `width` × `height` fits against the plot's
 * right edge, the one covering the fewest drawn cells, the highest among equals (descending
 * curves leave the top empty; an ascending one or a flag label pushes the legend down).
 */
function legendTop(layout: LossLayout, cover: Coverage, width: number, height: number): number {
  const { rect } = layout;
  const first = rect.top + LEGEND_INSET;
  const last = rect.top + rect.height - LEGEND_INSET - height;
  if (!(last > first)) return first;
  const { cols, rows, sums } = cover;
  const clampCol = (px: number) => Math.min(cols, Math.max(0, Math.floor((px - rect.left) / CELL)));
  const clampRow = (py: number) => Math.min(rows, Math.max(0, Math.floor((py - rect.top) / CELL)));
  const right = clampCol(rect.left + rect.width - LEGEND_INSET + CELL - 1);
  const left = clampCol(rect.left + rect.width - LEGEND_INSET - width);
  const count = (top: number) => {
    const r0 = clampRow(top);
    const r1 = clampRow(top + height + CELL - 1);
    const at = (r: number, c: number) => sums[r * (cols + 1) + c]!;
    return at(r1, right) - at(r0, right) - at(r1, left) + at(r0, left);
  };
  let best = first;
  let bestCount = count(first);
  for (let top = first + CELL; top <= last; top += CELL) {
    const n = count(top);
    if (n < bestCount) {
      best = top;
      bestCount = n;
    }
  }
  return best;
}
