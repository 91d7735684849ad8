/**
 * Run colours for presenter mode. A projector washes colours out: the lighter Okabe–Ito run
 * colours (sky blue, orange, yellow) nearly vanish against a white page and the light end of the
 * colour map. In presenter mode each run is drawn in a darker, saturated colour of the same
 * family, every one at least 4.5:1 against white (WCAG's contrast for normal text), and yellow,
 * which no dark version keeps recognisable, becomes violet.
 */
import { RUN_PALETTE } from "./scenario/document.ts";

/** The presenter colour of each RUN_PALETTE colour, in the same order. */
export const PRESENTER_PALETTE = [
  "#1F3A93",
  "#B33C00",
  "#00704F",
  "#A1306F",
  "#7A5C00",
  "#00798C",
  "#000000",
  "#6A45B0",
] as const;

/** Contrast every presenter colour has against white, at least. */
export const PRESENTER_MIN_CONTRAST = 4.5;

/** One sRGB channel (0..255) in linear light, as WCAG 2 defines relative luminance. */
function linearChannel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** A linear-light channel (0..1) back to sRGB (0..255). */
function srgbChannel(linear: number): number {
  const c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * linear ** (1 / 2.4) - 0.055;
  return Math.round(Math.min(1, Math.max(0, c)) * 255);
}

function channels(color: string): [number, number, number] {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex(rgb: readonly number[]): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, "0")).join("")}`.toUpperCase();
}

/** Relative luminance of an sRGB colour "#rrggbb": 0.2126 R + 0.7152 G + 0.0722 B, linear. */
export function relativeLuminance(color: string): number {
  const [r, g, b] = channels(color).map(linearChannel) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The colour a run is drawn in during presenter mode: its presenter-palette counterpart when it
 * is a palette colour, otherwise the colour itself, darkened in linear light just enough to reach
 * PRESENTER_MIN_CONTRAST against white ((1 + 0.05) / (L + 0.05) ≥ 4.5, so L ≤ 0.1833); a colour
 * already that dark is kept.
 */
export function presenterColor(color: string): string {
  const index = RUN_PALETTE.findIndex((entry) => entry.toLowerCase() === color.toLowerCase());
  if (index >= 0) return PRESENTER_PALETTE[index]!;
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) return color;
  const target = 1.05 / PRESENTER_MIN_CONTRAST - 0.05;
  const luminance = relativeLuminance(color);
  if (luminance <= target) return color.toUpperCase();
  // Scaling every linear channel by k scales the luminance by k; a little under, for rounding.
  const k = (target / luminance) * 0.98;
  return hex(channels(color).map((c) => srgbChannel(linearChannel(c) * k)));
}
