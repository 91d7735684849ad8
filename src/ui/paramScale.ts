/**
 * Where a parameter sits on its slider, and the words beside it. Log-scale parameters (learning
 * rates, epsilons) span eleven decades or more, so the slider covers the useful part: three
 * decades either side of the rule's default (the default sits in the middle), evenly in log10,
 * inside the valid range. The text field takes any valid value; one beyond the slider is kept,
 * the slider rests at its end and a note says so. The hint names both ranges, so what it says is
 * where the slider actually goes.
 */
import type { ParamSpec } from "../core/optimizers/index.ts";
import { formatNumber } from "../core/format.ts";

/** Slider positions: 0 .. SLIDER_STEPS. */
export const SLIDER_STEPS = 1000;

/** Decades a log parameter's slider spans on each side of its default. */
export const SLIDER_DECADES = 3;

export interface SliderRange {
  lo: number;
  hi: number;
  log: boolean;
}

/** Rounded to 3 significant digits, so the ends read as the numbers the hint prints. */
const clean = (value: number) => Number(value.toPrecision(3));

/**
 * The part of a parameter's range the slider covers: for a log parameter with default d,
 * [max(min, d / 10³), min(max, d · 10³)]; for a linear one, its whole valid range.
 */
export function sliderRange(spec: ParamSpec): SliderRange {
  if (spec.scale === "log" && spec.default > 0) {
    const span = 10 ** SLIDER_DECADES;
    return {
      lo: Math.max(spec.min, clean(spec.default / span)),
      hi: Math.min(spec.max, clean(spec.default * span)),
      log: true,
    };
  }
  return { lo: spec.min, hi: spec.max, log: false };
}

/** Slider position of a value (clamped to the ends). */
export function sliderPosition(value: number, range: SliderRange): number {
  const { lo, hi, log } = range;
  const t = log
    ? (Math.log10(value) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
    : (value - lo) / (hi - lo);
  if (!Number.isFinite(t)) return 0;
  return Math.round(Math.min(Math.max(t, 0), 1) * SLIDER_STEPS);
}

/** Value at a slider position, rounded to 3 significant digits so it reads cleanly. */
export function sliderValue(position: number, range: SliderRange, integer = false): number {
  const { lo, hi, log } = range;
  const t = Math.min(Math.max(position / SLIDER_STEPS, 0), 1);
  const raw = log
    ? 10 ** (Math.log10(lo) + t * (Math.log10(hi) - Math.log10(lo)))
    : lo + t * (hi - lo);
  const rounded = integer ? Math.round(raw) : clean(raw);
  return Math.min(Math.max(rounded, lo), hi);
}

/** What may be typed: the valid range, "1e-8 to 1000". */
function typedRange(spec: ParamSpec): string {
  return `${formatNumber(spec.min)} to ${formatNumber(spec.max)}`;
}

/**
 * The hint under a parameter's field: the valid range alone when the slider covers all of it
 * ("0 to 0.999"), else both, "slider 1e-5 to 10 · type 1e-8 to 1000".
 */
export function paramHint(spec: ParamSpec): string {
  const { lo, hi } = sliderRange(spec);
  if (lo === spec.min && hi === spec.max) return typedRange(spec);
  return `slider ${formatNumber(lo)} to ${formatNumber(hi)} · type ${typedRange(spec)}`;
}

/**
 * For a value beyond the slider's ends, the note that replaces the hint: the value is kept as
 * typed and the slider stops at its end, "20 kept: the slider stops at 10 · type 1e-8 to 1000".
 * Null while the value is on the slider.
 */
export function sliderNote(spec: ParamSpec, value: number): string | null {
  const { lo, hi } = sliderRange(spec);
  if (!(value < lo || value > hi)) return null;
  const end = value > hi ? hi : lo;
  return `${formatNumber(value)} kept: the slider stops at ${formatNumber(end)} · type ${typedRange(spec)}`;
}
