/**
 * Small 2D-canvas chart helpers for the loss curve and the one-variable curve: crisp canvas
 * sizing, linear and log scales, and axes with nice ticks.
 */
import { chartPixelRatio } from "./picture/pixelRatio.ts";
import { formatNumber } from "../core/format.ts";
import { niceTicks } from "../core/transform.ts";
import { formatTick } from "./sceneParts.tsx";

export interface PlotRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Tick label size (CSS px) the margins and spacings below are stated for. */
export const AXIS_TICK_PX = 12;

/**
 * Margins leave room for tick labels on the left and bottom; they grow with the labels
 * (`tickPx`, larger in presenter mode).
 */
export function plotRect(
  width: number,
  height: number,
  extraTop = 0,
  tickPx = AXIS_TICK_PX,
): PlotRect {
  const k = tickPx / AXIS_TICK_PX;
  const left = Math.round(66 * k);
  const top = 14 + extraTop;
  const right = 14;
  const bottom = Math.round(34 * k);
  return {
    left,
    top,
    width: Math.max(10, width - left - right),
    height: Math.max(10, height - top - bottom),
  };
}

/**
 * Sizes the canvas backing store to CSS size × its pixel ratio (the screen's, capped at 2, or an
 * exported picture's) and returns a context whose units are CSS pixels.
 */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const dpr = chartPixelRatio();
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const context = canvas.getContext("2d");
  if (!context) return null;
  context.setTransform(dpr, 0, 0, dpr, 0, 0);
  return context;
}

/** A 1D scale from data to pixels; `log` maps log10 of the data. */
export interface Scale {
  (value: number): number;
  invert(pixel: number): number;
  lo: number;
  hi: number;
  log: boolean;
}

export function makeScale(
  lo: number,
  hi: number,
  pixelLo: number,
  pixelHi: number,
  log = false,
): Scale {
  const a = log ? Math.log10(lo) : lo;
  const b = log ? Math.log10(hi) : hi;
  const span = b - a || 1;
  const scale = ((value: number) => {
    const v = log ? Math.log10(value) : value;
    return pixelLo + ((v - a) / span) * (pixelHi - pixelLo);
  }) as Scale;
  scale.invert = (pixel) => {
    const v = a + ((pixel - pixelLo) / (pixelHi - pixelLo)) * span;
    return log ? Math.pow(10, v) : v;
  };
  scale.lo = lo;
  scale.hi = hi;
  scale.log = log;
  return scale;
}

/** Ticks for a scale: nice numbers when linear, powers of ten (thinned) when log. */
export function scaleTicks(scale: Scale, target: number): number[] {
  if (!scale.log) return niceTicks(scale.lo, scale.hi, target);
  const a = Math.ceil(Math.log10(scale.lo) - 1e-9);
  const b = Math.floor(Math.log10(scale.hi) + 1e-9);
  const every = Math.max(1, Math.ceil((b - a + 1) / target));
  const ticks: number[] = [];
  for (let e = a; e <= b; e += every) ticks.push(Math.pow(10, e));
  return ticks;
}

/** The axes' font at `px` CSS pixels. */
export function axisFont(px: number = AXIS_TICK_PX): string {
  return `${px}px system-ui, -apple-system, "Segoe UI", sans-serif`;
}

/**
 * Where to centre a label of `labelWidth` px meant to sit centred at `at` on a canvas `width` px
 * wide: at `at`, or moved in just enough to stay whole (a tick at the plot's edge, say "10000"
 * at the end of the step axis, would otherwise be cut by the canvas edge). A label wider than
 * the canvas is centred on it.
 */
function keepLabelInside(at: number, labelWidth: number, width: number): number {
  const half = labelWidth / 2;
  if (labelWidth >= width) return width / 2;
  return Math.min(Math.max(at, half), width - half);
}

/** The canvas's width in the context's current units (CSS pixels after `prepareCanvas`). */
function contextWidth(context: CanvasRenderingContext2D): number {
  const scale = context.getTransform().a || 1;
  return context.canvas.width / scale;
}

/**
 * Grid lines, tick labels and axis names around the plot rectangle, the labels `tickPx` CSS
 * pixels high (the rectangle's margins from `plotRect` with the same size leave them room).
 */
export function drawAxes(
  context: CanvasRenderingContext2D,
  rect: PlotRect,
  x: Scale,
  y: Scale,
  names: { x: string; y: string },
  tickPx = AXIS_TICK_PX,
): void {
  const width = contextWidth(context);
  const k = tickPx / AXIS_TICK_PX;
  context.save();
  context.font = axisFont(tickPx);
  context.strokeStyle = "#e2e2e2";
  context.fillStyle = "#333333";
  context.lineWidth = 1;
  context.textAlign = "center";
  context.textBaseline = "top";
  for (const t of scaleTicks(x, Math.max(2, Math.floor(rect.width / (80 * k))))) {
    const px = Math.round(x(t)) + 0.5;
    context.beginPath();
    context.moveTo(px, rect.top);
    context.lineTo(px, rect.top + rect.height);
    context.stroke();
    const label = formatTick(t);
    const at = keepLabelInside(px, context.measureText(label).width + 2, width);
    context.fillText(label, at, rect.top + rect.height + 4 * k);
  }
  context.textAlign = "right";
  context.textBaseline = "middle";
  for (const t of scaleTicks(y, Math.max(2, Math.floor(rect.height / (40 * k))))) {
    const py = Math.round(y(t)) + 0.5;
    context.beginPath();
    context.moveTo(rect.left, py);
    context.lineTo(rect.left + rect.width, py);
    context.stroke();
    context.fillText(y.log ? formatPower(t) : formatTick(t), rect.left - 6 * k, py);
  }
  context.strokeStyle = "#888888";
  context.strokeRect(rect.left + 0.5, rect.top + 0.5, rect.width, rect.height);
  context.textAlign = "center";
  context.textBaseline = "bottom";
  context.fillText(names.x, rect.left + rect.width / 2, rect.top + rect.height + 33 * k);
  context.save();
  context.translate(10 * k, rect.top + rect.height / 2);
  context.rotate(-Math.PI / 2);
  context.textBaseline = "middle";
  context.fillText(names.y, 0, 0);
  context.restore();
  context.restore();
}

/** A power of ten as a tick label: 0.01, 1, 1000, or 1e-8 and 1e10 beyond that. */
function formatPower(t: number): string {
  const exponent = Math.round(Math.log10(t));
  return Math.abs(exponent) <= 3 ? formatTick(t) : `1e${exponent}`;
}

/** A value for readouts: 5 significant digits, read as everywhere else (core/format.ts). */
export function formatValue(value: number): string {
  return formatNumber(value, 5);
}
