/**
 * Perceptual colour maps as plain data, shared by the 3D surface, the contour fill and any legend.
 * Pure TypeScript: colours come out as linear numbers in [0, 1] (sRGB-encoded), ready to copy
 * into a vertex-colour buffer or format as CSS.
 */

/**
 * Viridis (van der Walt and Smith, matplotlib 2.0 default; released under CC0), sampled at every
 * 16th entry of its published 256-entry table plus the last one. Each stop is
 * `[t, r, g, b]` with `t = index / 255`. Linear interpolation between these 17 stops stays within
 * 0.004 of the full table, well under one 8-bit step.
 */
export const VIRIDIS_STOPS: readonly (readonly [number, number, number, number])[] = [
  [0 / 255, 0.267004, 0.004874, 0.329415],
  [16 / 255, 0.282327, 0.094955, 0.417331],
  [32 / 255, 0.278826, 0.17549, 0.483397],
  [48 / 255, 0.258965, 0.251537, 0.524736],
  [64 / 255, 0.229739, 0.322361, 0.545706],
  [80 / 255, 0.19943, 0.387607, 0.554642],
  [96 / 255, 0.172719, 0.448791, 0.557885],
  [112 / 255, 0.149039, 0.508051, 0.55725],
  [128 / 255, 0.127568, 0.566949, 0.550556],
  [144 / 255, 0.120638, 0.625828, 0.533488],
  [160 / 255, 0.157851, 0.683765, 0.501686],
  [176 / 255, 0.24607, 0.73891, 0.452024],
  [192 / 255, 0.369214, 0.788888, 0.382914],
  [208 / 255, 0.515992, 0.831158, 0.294279],
  [224 / 255, 0.678489, 0.863742, 0.189503],
  [240 / 255, 0.845561, 0.887322, 0.099702],
  [255 / 255, 0.993248, 0.906157, 0.143936],
];

/** Colour shown where f is undefined (NaN): a neutral grey that viridis never produces. */
export const UNDEFINED_COLOR: readonly [number, number, number] = [0.55, 0.55, 0.55];

/** Anything with numeric slots, e.g. a Float32Array colour buffer or a plain array. */
export interface ColorSink {
  [index: number]: number;
}

/**
 * Writes viridis(t) as r, g, b into `out` at `offset`. `t` is clamped to [0, 1]; NaN gives
 * {@link UNDEFINED_COLOR}. Between stops t_k <= t <= t_{k+1}:
 * c(t) = c_k + (t - t_k) / (t_{k+1} - t_k) * (c_{k+1} - c_k). Allocation-free.
 */
export function colormapViridis(t: number, out: ColorSink, offset = 0): void {
  if (Number.isNaN(t)) {
    out[offset] = UNDEFINED_COLOR[0];
    out[offset + 1] = UNDEFINED_COLOR[1];
    out[offset + 2] = UNDEFINED_COLOR[2];
    return;
  }
  const clamped = t <= 0 ? 0 : t >= 1 ? 1 : t;
  const last = VIRIDIS_STOPS.length - 1;
  // Stops are evenly spaced except the last; a short scan from the estimate is exact.
  let k = Math.min(last - 1, Math.floor(clamped * 255) >> 4);
  while (k > 0 && clamped < VIRIDIS_STOPS[k]![0]) k--;
  while (k < last - 1 && clamped > VIRIDIS_STOPS[k + 1]![0]) k++;
  const a = VIRIDIS_STOPS[k]!;
  const b = VIRIDIS_STOPS[k + 1]!;
  const u = (clamped - a[0]) / (b[0] - a[0]);
  out[offset] = a[1] + u * (b[1] - a[1]);
  out[offset + 1] = a[2] + u * (b[2] - a[2]);
  out[offset + 2] = a[3] + u * (b[3] - a[3]);
}

const scratch: number[] = [0, 0, 0];

/** viridis(t) as a CSS hex colour `#rrggbb` (each channel rounded from c * 255). */
export function colormapViridisCss(t: number): string {
  colormapViridis(t, scratch, 0);
  let text = "#";
  for (let c = 0; c < 3; c++) {
    const byte = Math.round(Math.min(1, Math.max(0, scratch[c]!)) * 255);
    text += byte.toString(16).padStart(2, "0");
  }
  return text;
}
