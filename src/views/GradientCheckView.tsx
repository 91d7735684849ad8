/**
 * The error of each finite difference against its step h, on log-log axes: one line each for
 * forward, backward and central differences, each kind's best h marked, and guide lines of
 * slope 1 and 2 beside the truncation side. It draws what it is given (core's `errorCurves`)
 * and computes nothing of its own but pixels.
 *
 * A 2D canvas, like the loss curve: a few hundred points with text, redrawn only when the
 * point, the size or the type size changes.
 */
import { useLayoutEffect, useRef } from "react";
import { ERROR_FLOOR, type ErrorCurve, type TruncationFit } from "../core/gradientCheck.ts";
import { gradientSources } from "../core/gradientSources.ts";
import type { FiniteDifferenceKind } from "../core/finiteDifference.ts";
import { formatNumber } from "../core/format.ts";
import {
  AXIS_TICK_PX,
  drawAxes,
  makeScale,
  plotRect,
  prepareCanvas,
  type PlotRect,
  type Scale,
} from "./chart2d.ts";
import { lineDash } from "./linePatterns.ts";
import { LineSample } from "./LineSample.tsx";
import { markerShape, traceShape } from "./markerShapes.ts";
import { usePictureScale } from "./picture/pixelRatio.ts";
import { usePresentation } from "./presentation.ts";
import { useElementSize } from "./useElementSize.ts";

/**
 * Each kind's colour (Okabe–Ito, told apart with colour blindness) and its place in the shared
 * line-pattern and marker-shape order: central solid with circles, forward long dashes with
 * squares, backward dash-dot with diamonds, so the one-sided lines, which lie on top of each
 * other on the truncation side, stay two lines.
 */
const KIND_STYLE: Readonly<Record<FiniteDifferenceKind, { color: string; pattern: number }>> = {
  central: { color: "#0072b2", pattern: 0 },
  forward: { color: "#d55e00", pattern: 1 },
  backward: { color: "#009e73", pattern: 3 },
};

const GUIDE_COLOR = "#555555";
const GUIDE_DASH = [2, 4];
/** Guides sit this factor below the fitted line they run beside, so they never cover it. */
const GUIDE_OFFSET = 6;

export interface GradientCheckViewProps {
  /** The steps h, ascending. */
  hs: readonly number[];
  /** Each kind's error at every h of `hs`, with its best h and truncation fit. */
  curves: readonly ErrorCurve[];
  className?: string;
}

/** The chart of relative error against h, with its legend. */
export function GradientCheckView({ hs, curves, className }: GradientCheckViewProps) {
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(wrapper);
  const presentation = usePresentation();
  const pictureScale = usePictureScale();

  useLayoutEffect(() => {
    const target = canvas.current;
    const element = wrapper.current;
    if (!target || !element || size.width === 0 || size.height === 0) return;
    // Tick labels take the page's tick size (--tick-size, set on the wrapper), so the chart
    // reads like the text around it and grows with it in presenter mode.
    const tickPx = parseFloat(getComputedStyle(element).fontSize) || presentation.tickPx;
    const context = prepareCanvas(target, size.width, size.height);
    if (!context) return;
    drawChart(context, hs, curves, size.width, size.height, tickPx, presentation.lineWidth);
  }, [hs, curves, size.width, size.height, presentation, pictureScale]);

  const clamped = curves.some((curve) => curve.errors.some((error) => error === ERROR_FLOOR));
  return (
    <div className={["gc-chart", className].filter(Boolean).join(" ")}>
      <ul className="gc-legend" aria-label="Lines">
        {curves.map((curve) => (
          <li key={curve.kind}>
            <LineSample
              color={KIND_STYLE[curve.kind].color}
              index={KIND_STYLE[curve.kind].pattern}
              width={34}
              strokeWidth={presentation.lineWidth}
            />
            {gradientSources[curve.kind].label}
          </li>
        ))}
        <li>
          <svg aria-hidden="true" width={34} height={8} style={{ flex: "none" }}>
            <line
              x1={0}
              y1={4}
              x2={34}
              y2={4}
              stroke={GUIDE_COLOR}
              strokeWidth={1.5}
              strokeDasharray={GUIDE_DASH.join(" ")}
            />
          </svg>
          slopes 1 and 2
        </li>
      </ul>
      <div ref={wrapper} className="gc-plot">
        <canvas ref={canvas} role="img" aria-label={chartDescription(curves, clamped)} />
      </div>
      {clamped && (
        <p className="gc-note">An error of exactly 0 is drawn at 10⁻¹⁷, the foot of the axis.</p>
      )}
    </div>
  );
}

/** What a screen reader hears for the chart: the axes, and each kind's best h and slope. */
function chartDescription(curves: readonly ErrorCurve[], clamped: boolean): string {
  const parts = curves.map((curve) => {
    const name = gradientSources[curve.kind].label;
    const best = curve.best
      ? `least error ${formatNumber(curve.best.error, 3)} at h = ${formatNumber(curve.best.h, 3)}`
      : "no finite error";
    const slope = curve.truncation
      ? `, slope ${formatNumber(curve.truncation.slope, 3)} on the truncation side`
      : "";
    return `${name}: ${best}${slope}`;
  });
  const floor = clamped ? " Errors of exactly 0 are drawn at 1e-17." : "";
  return `Relative error against step h, both on log scales. ${parts.join("; ")}.${floor}`;
}

/** The error axis: whole decades around every finite error, from 10⁻¹⁷ up to at most 10. */
function errorScale(curves: readonly ErrorCurve[], rect: PlotRect): Scale {
  let lo = Infinity;
  let hi = -Infinity;
  for (const curve of curves) {
    for (const error of curve.errors) {
      if (!Number.isFinite(error)) continue;
      lo = Math.min(lo, error);
      hi = Math.max(hi, error);
    }
  }
  if (!(lo <= hi)) [lo, hi] = [1e-16, 1];
  const bottom = Math.max(-17, Math.floor(Math.log10(lo)));
  const top = Math.min(1, Math.max(bottom + 2, Math.ceil(Math.log10(hi))));
  return makeScale(10 ** bottom, 10 ** top, rect.top + rect.height, rect.top, true);
}

function drawChart(
  context: CanvasRenderingContext2D,
  hs: readonly number[],
  curves: readonly ErrorCurve[],
  width: number,
  height: number,
  tickPx: number,
  lineWidth: number,
): void {
  context.clearRect(0, 0, width, height);
  const rect = plotRect(width, height, 0, tickPx);
  const first = hs[0] ?? 1e-12;
  const last = hs[hs.length - 1] ?? 1e-1;
  const x = makeScale(first, last, rect.left, rect.left + rect.width, true);
  const y = errorScale(curves, rect);
  drawAxes(context, rect, x, y, { x: "step h", y: "relative error" }, tickPx);
  context.save();
  context.beginPath();
  context.rect(rect.left, rect.top - 1, rect.width, rect.height + 2);
  context.clip();
  const k = tickPx / AXIS_TICK_PX;
  const one = curves.find((curve) => curve.kind === "forward")?.truncation ?? null;
  const two = curves.find((curve) => curve.kind === "central")?.truncation ?? null;
  drawGuide(context, x, y, 1, one ?? two, tickPx);
  drawGuide(context, x, y, 2, two ?? one, tickPx);
  for (const curve of curves) {
    const { color, pattern } = KIND_STYLE[curve.kind];
    context.strokeStyle = color;
    context.lineWidth = lineWidth;
    context.lineJoin = "round";
    context.setLineDash(lineDash(pattern, lineWidth));
    context.beginPath();
    let drawing = false;
    hs.forEach((h, i) => {
      const error = curve.errors[i] ?? NaN;
      // A step across the edge of f's domain has no error: the line breaks there.
      if (!Number.isFinite(error)) {
        drawing = false;
        return;
      }
      const px = x(h);
      const py = y(Math.max(error, y.lo));
      if (drawing) context.lineTo(px, py);
      else context.moveTo(px, py);
      drawing = true;
    });
    context.stroke();
    context.setLineDash([]);
  }
  // The best h of each kind on top of every line, with a white edge to stand out on them.
  for (const curve of curves) {
    if (!curve.best) continue;
    const { color, pattern } = KIND_STYLE[curve.kind];
    context.beginPath();
    traceShape(
      context,
      markerShape(pattern),
      x(curve.best.h),
      y(Math.max(curve.best.error, y.lo)),
      5.5 * k,
    );
    context.fillStyle = color;
    context.strokeStyle = "#ffffff";
    context.lineWidth = 1.5;
    context.fill();
    context.stroke();
  }
  context.restore();
}

/**
 * A dashed line of slope `order` on the log-log axes, ending below the large-h end of a fitted
 * truncation line (by GUIDE_OFFSET) and running over at most four decades of it: its own kind's
 * fit, or where that has none (a quadratic f has no central truncation error) the other's, so
 * the two guides fan out from one point; with no fit at all, from the top right corner over
 * three decades of h. Labelled "slope 1" / "slope 2" below
 * and right of its middle, where a line rising to the right leaves room.
 */
function drawGuide(
  context: CanvasRenderingContext2D,
  x: Scale,
  y: Scale,
  order: number,
  fit: TruncationFit | null,
  tickPx: number,
): void {
  const to = fit ? fit.to : x.hi;
  const from = fit ? Math.max(fit.from, to / 1e4) : to / 1e3;
  // e = e(to)·(h/to)^order, through the fitted value at `to` / GUIDE_OFFSET, or the top's tenth.
  const atTo = fit ? 10 ** (fit.intercept + fit.slope * Math.log10(to)) / GUIDE_OFFSET : y.hi / 10;
  const at = (h: number) => atTo * (h / to) ** order;
  context.save();
  context.strokeStyle = GUIDE_COLOR;
  context.lineWidth = 1.5;
  context.setLineDash(GUIDE_DASH);
  context.beginPath();
  context.moveTo(x(from), y(at(from)));
  context.lineTo(x(to), y(at(to)));
  context.stroke();
  context.setLineDash([]);
  const middle = Math.sqrt(from * to);
  context.font = `${tickPx}px system-ui, -apple-system, "Segoe UI", sans-serif`;
  context.fillStyle = GUIDE_COLOR;
  context.textAlign = "left";
  context.textBaseline = "top";
  context.fillText(`slope ${order}`, x(middle) + 6, y(at(middle)) + 4);
  context.restore();
}
