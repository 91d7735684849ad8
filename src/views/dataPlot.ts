/**
 * The arithmetic of the data view (./DataView.tsx), apart from any canvas: the axes' ranges over
 * a dataset, the model's curve sampled across them, the curve and the residuals clipped to the
 * plot's y range, and the words the view shows and reads out.
 */
import { sampleCurve } from "../core/grid.ts";
import type { Model } from "../core/data/models.ts";
import { formatValue } from "./chart2d.ts";

/** A closed interval [lo, hi] of data values. */
export interface Range {
  readonly lo: number;
  readonly hi: number;
}

/** Share of a range's span added on each side, so no point sits on the plot's frame. */
export const DATA_MARGIN = 0.06;

/**
 * How far beyond the data the y axis may reach to show more of the fitted curve, as a share of
 * the data's span on each side: enough to see a curve that misses the data, never enough for a
 * wild one to squeeze the points into a line.
 */
export const CURVE_ALLOWANCE = 0.25;

/** The smallest and largest finite value, or null when there is none. */
export function finiteExtent(values: ArrayLike<number>): Range | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? { lo, hi } : null;
}

/**
 * `extent` widened by `margin` × its span on each side. A single value v (zero span) gets a span
 * of its own, |v| (1 when v = 0), centred on it, so it still has room around it.
 */
export function paddedRange(extent: Range, margin: number = DATA_MARGIN): Range {
  const span = extent.hi - extent.lo;
  if (span > 0) return { lo: extent.lo - margin * span, hi: extent.hi + margin * span };
  const half = (Math.abs(extent.lo) || 1) / 2;
  return { lo: extent.lo - half, hi: extent.hi + half };
}

/** The x axis: the data's x values with a margin ([-1, 1] for no finite value). */
export function dataXRange(xs: ArrayLike<number>, margin: number = DATA_MARGIN): Range {
  return paddedRange(finiteExtent(xs) ?? { lo: -1, hi: 1 }, margin);
}

/**
 * The y axis: the data's y values, stretched towards the extent of a curve (`curve`, when given)
 * by at most `allowance` × the data's span on each side, then widened by `margin` × the result's
 * span. The data always fill most of the height; what the curve does beyond the allowance is
 * clipped.
 */
export function dataYRange(
  ys: ArrayLike<number>,
  curve: Range | null = null,
  allowance: number = CURVE_ALLOWANCE,
  margin: number = DATA_MARGIN,
): Range {
  const data = finiteExtent(ys) ?? { lo: -1, hi: 1 };
  if (!curve) return paddedRange(data, margin);
  const span = data.hi - data.lo || Math.abs(data.lo) || 1;
  const lo = Math.max(Math.min(data.lo, curve.lo), data.lo - allowance * span);
  const hi = Math.min(Math.max(data.hi, curve.hi), data.hi + allowance * span);
  return paddedRange({ lo, hi }, margin);
}

/** Samples of the model's curve F(x; p1, p2) at `count` evenly spaced x across `x`. */
export interface CurveSamples {
  readonly xs: Float64Array;
  readonly values: Float64Array;
}

/**
 * F(x; p1, p2) at `count` evenly spaced points of [x.lo, x.hi] (count from 2 to 65536), with the
 * extent of its finite values (null when none is finite).
 */
export function modelCurve(
  model: Pick<Model, "value">,
  p1: number,
  p2: number,
  x: Range,
  count: number,
): CurveSamples & { extent: Range | null } {
  const samples = sampleCurve((at) => model.value(p1, p2, at), x.lo, x.hi, count);
  const extent = Number.isNaN(samples.min) ? null : { lo: samples.min, hi: samples.max };
  return { xs: samples.xs, values: samples.values, extent };
}

/** Samples of a curve about every `pixelsPerSample` pixels of a plot `width` wide, at least 64. */
export function curveSampleCount(width: number, pixelsPerSample = 2): number {
  return Math.min(65536, Math.max(64, Math.ceil(width / pixelsPerSample) + 1));
}

/**
 * The polyline through (xs[i], ys[i]) cut to the band lo ≤ y ≤ hi: each segment keeps the part
 * inside the band (where it crosses lo or hi, by linear interpolation, so the drawn line does not
 * bend), and a point that is not finite lifts the pen. Returns the pieces drawn with the pen down,
 * each as flat [x0, y0, x1, y1, ...] of at least two points.
 */
export function clipPolylineY(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  band: Range,
): number[][] {
  const pieces: number[][] = [];
  let piece: number[] | null = null;
  const close = () => {
    if (piece && piece.length >= 4) pieces.push(piece);
    piece = null;
  };
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i + 1 < n; i++) {
    const x0 = xs[i]!;
    const y0 = ys[i]!;
    const x1 = xs[i + 1]!;
    const y1 = ys[i + 1]!;
    if (![x0, y0, x1, y1].every(Number.isFinite)) {
      close();
      continue;
    }
    // The parameters t in [0, 1] of the segment (x0, y0) + t·(x1 − x0, y1 − y0) inside the band.
    let enter = 0;
    let exit = 1;
    if (y0 === y1) {
      if (y0 < band.lo || y0 > band.hi) enter = 2;
    } else {
      const tLo = (band.lo - y0) / (y1 - y0);
      const tHi = (band.hi - y0) / (y1 - y0);
      enter = Math.max(0, Math.min(tLo, tHi));
      exit = Math.min(1, Math.max(tLo, tHi));
    }
    if (enter > exit) {
      close();
      continue;
    }
    const at = (t: number): [number, number] =>
      t === 0 ? [x0, y0] : t === 1 ? [x1, y1] : [x0 + t * (x1 - x0), y0 + t * (y1 - y0)];
    // The pen stays down only where this segment starts where the last one ended in the band.
    if (enter > 0) close();
    if (!piece) piece = [...at(enter)];
    piece.push(...at(exit));
    if (exit < 1) close();
  }
  close();
  return pieces;
}

/**
 * The residual line of a point (x, y) to the curve's value f at x, as the y values [from, to] it
 * spans inside the band: from y, to f held to the band (a curve off the plot is met at the
 * frame). Null when f is NaN or y is outside the band.
 */
export function residualSpan(y: number, f: number, band: Range): [number, number] | null {
  if (Number.isNaN(f) || !(y >= band.lo && y <= band.hi)) return null;
  return [y, Math.min(band.hi, Math.max(band.lo, f))];
}

/**
 * The readout at iterate k: "step 12: w = 1.84, b = 0.93, MSE = 0.271", each number as every
 * readout of the page writes it (`formatValue`).
 */
export function fitReadout(
  step: number,
  paramLabels: readonly [string, string],
  params: readonly [number, number],
  lossShort: string,
  loss: number,
): string {
  const [l1, l2] = paramLabels;
  const [p1, p2] = params;
  return (
    `step ${step}: ${l1} = ${formatValue(p1)}, ${l2} = ${formatValue(p2)}, ` +
    `${lossShort} = ${formatValue(loss)}`
  );
}

/**
 * What a screen reader hears for the plot: "50 points of noisy line; the line at step 12", or
 * without a curve "50 points of noisy line; no fitted curve".
 */
export function dataPlotSummary(
  count: number,
  datasetLabel: string,
  modelLabel: string,
  step: number | null,
): string {
  const points = `${count} point${count === 1 ? "" : "s"} of ${datasetLabel}`;
  return step === null
    ? `${points}; no fitted curve`
    : `${points}; the ${modelLabel} at step ${step}`;
}
