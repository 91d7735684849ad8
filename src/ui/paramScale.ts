/**
 * Where a parameter sits on its slider. Log-scale parameters (learning rates, epsilons) span
 * many decades, so the slider covers the useful part around the default — from 1/1000 to 100
 * times it, inside the valid range — evenly in log10; the text field still takes any valid value.
 */
import type { ParamSpec } from "../core/optimizers/index.ts";

/** Slider positions: 0 .. SLIDER_STEPS. */
export const SLIDER_STEPS = 1000;

export interface SliderRange {
  lo: number;
  hi: number;
  log: boolean;
}

/** The part of a parameter's range the slider covers. */
export function sliderRange(spec: ParamSpec): SliderRange {
  if (spec.scale === "log" && spec.default > 0) {
    return {
      lo: Math.max(spec.min, spec.default / 1000),
      hi: Math.min(spec.max, spec.default * 100),
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
  const rounded = integer ? Math.round(raw) : Number(raw.toPrecision(3));
  return Math.min(Math.max(rounded, lo), hi);
}
