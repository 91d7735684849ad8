/**
 * THE math-to-world transform. Every view (3D surface, contour map, quiver, paths, markers)
 * places points through one {@link WorldTransform}, so a point is the same point everywhere.
 *
 * World axes follow three.js conventions (y up): world x = math x, world z = −math y (so math y
 * points away from a viewer looking down −z), world y = height of f. The longer side of the domain
 * box spans {@link WORLD_SIZE} world units, the shorter one keeps the true aspect ratio, and the
 * box centre sits at the world origin. A box whose sides differ by more than
 * {@link STRETCH_RATIO} (a loss over two parameters of very different ranges) would then be a
 * sliver, so each of its axes gets its own scale instead and the box fills a WORLD_SIZE square:
 * the transform is `stretched`. Heights run from 0 to {@link WORLD_HEIGHT} under a
 * {@link HeightRule} chosen from the sampled values.
 */
import { checkBox } from "./box.ts";
import { formatNumber } from "./format.ts";
import type { Box } from "./types.ts";
import { quantileSorted, sortedFinite } from "./contour.ts";

/** World length of the longer side of the domain box. */
export const WORLD_SIZE = 2;
/**
 * Largest ratio of the box's sides drawn at one scale. Beyond it, x and y get a scale each
 * (see {@link WorldTransform.stretched}); at exactly this ratio they still share one.
 */
export const STRETCH_RATIO = 4;
/** World height between the lowest and the highest sampled value. */
export const WORLD_HEIGHT = 1;
/**
 * Share of the value range that the median may sit from one end before the range counts as wild:
 * below it, nine tenths of the surface would be squashed into a twentieth of the height.
 */
export const WILD_RANGE_FRACTION = 0.05;

/**
 * How f becomes a normalised height n(f) in [0, 1] over the sampled range (and beyond it for
 * points outside the sample).
 * - "linear": n(f) = (f − fmin) / (fmax − fmin).
 * - "log": with G(f) = sign(f − c) · log10(1 + |f − c| / s), n(f) = (G(f) − G(fmin)) / (G(fmax) − G(fmin)).
 *   c is fmin when a few high values dwarf the rest, fmax when a few deep values do; s is a
 *   ninth of the distance from c to the median, so the median lands at |G| = 1.
 * The same n(f) drives the colour map, so colour and height always agree.
 */
export interface HeightRule {
  readonly mode: "linear" | "log";
  readonly fmin: number;
  readonly fmax: number;
  /** Centre c of the signed log (unused in linear mode). */
  readonly center: number;
  /** Scale s of the signed log (unused in linear mode). */
  readonly scale: number;
  /** The rule in words, for the UI. */
  readonly text: string;
}

/** A number with 3 significant digits for the height rule's text. */
function formatSignificant(value: number): string {
  return formatNumber(value, 3);
}

function signedLog(f: number, center: number, scale: number): number {
  const d = f - center;
  return Math.sign(d) * Math.log10(1 + Math.abs(d) / scale);
}

/**
 * Picks the height rule from sampled values (NaN and ±Infinity ignored). Linear unless the
 * median lies within {@link WILD_RANGE_FRACTION} of the range from one end, in which case a
 * signed log centred at that end keeps both the basin and the far values readable.
 * With no finite values, or all equal, the rule is linear over [v − 1, v + 1] (or [0, 1]).
 */
export function chooseHeightRule(values: ArrayLike<number>): HeightRule {
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return linearRule(0, 1);
  const fmin = sorted[0]!;
  const fmax = sorted[sorted.length - 1]!;
  if (!(fmax > fmin)) return linearRule(fmin - 1, fmax + 1);
  const range = fmax - fmin;
  const median = quantileSorted(sorted, 0.5);
  const spikesUp = median - fmin < WILD_RANGE_FRACTION * range;
  const spikesDown = fmax - median < WILD_RANGE_FRACTION * range;
  if (!spikesUp && !spikesDown) return linearRule(fmin, fmax);
  // Centre at the end the bulk of the values hugs.
  const center = spikesUp ? fmin : fmax;
  let distance = Math.abs(median - center);
  if (!(distance > 0)) {
    // More than half the samples sit exactly at c (a plateau): scale by the 90th percentile.
    distance = Math.abs(quantileSorted(sorted, spikesUp ? 0.9 : 0.1) - center);
  }
  const scale = distance > 0 ? distance / 9 : range * 1e-6;
  const text = spikesUp
    ? `Height and colour follow log10(1 + (f − ${formatSignificant(center)}) / ${formatSignificant(scale)}) ` +
      `because f spans ${formatSignificant(fmin)} to ${formatSignificant(fmax)} with most values near the bottom; ` +
      `equal height steps are equal ratios.`
    : `Height and colour follow −log10(1 + (${formatSignificant(center)} − f) / ${formatSignificant(scale)}) ` +
      `because f spans ${formatSignificant(fmin)} to ${formatSignificant(fmax)} with most values near the top; ` +
      `equal height steps are equal ratios.`;
  return { mode: "log", fmin, fmax, center, scale, text };
}

function linearRule(fmin: number, fmax: number): HeightRule {
  return {
    mode: "linear",
    fmin,
    fmax,
    center: fmin,
    scale: 1,
    text: `Height and colour are linear in f, from ${formatSignificant(fmin)} (bottom) to ${formatSignificant(fmax)} (top).`,
  };
}

/** n(f) of a rule (see {@link HeightRule}); NaN stays NaN, ±Infinity map to ±Infinity. */
export function normalizedHeight(rule: HeightRule, f: number): number {
  if (rule.mode === "linear") return (f - rule.fmin) / (rule.fmax - rule.fmin);
  const lo = signedLog(rule.fmin, rule.center, rule.scale);
  const hi = signedLog(rule.fmax, rule.center, rule.scale);
  return (signedLog(f, rule.center, rule.scale) - lo) / (hi - lo);
}

/** Inverse of {@link normalizedHeight}: the f whose normalised height is n. */
export function valueAtHeight(rule: HeightRule, n: number): number {
  if (rule.mode === "linear") return rule.fmin + n * (rule.fmax - rule.fmin);
  const lo = signedLog(rule.fmin, rule.center, rule.scale);
  const hi = signedLog(rule.fmax, rule.center, rule.scale);
  const g = lo + n * (hi - lo);
  return rule.center + Math.sign(g) * (Math.pow(10, Math.abs(g)) - 1) * rule.scale;
}

/** Normalised heights drawn for points outside the sampled range are clamped to this interval. */
export const HEIGHT_CLAMP: readonly [number, number] = [-0.1, 1.1];

/** The shared math-to-world mapping (see the module comment). All methods are allocation-free. */
export interface WorldTransform {
  readonly box: Box;
  readonly rule: HeightRule;
  /**
   * World units per math unit of the longer side: s = WORLD_SIZE / max(xmax − xmin, ymax − ymin).
   * Unless `stretched`, the one scale of both x and y; when stretched, the smaller of the two.
   */
  readonly unitsPerMath: number;
  /** World units per math unit along x: sx = s, or WORLD_SIZE / (xmax − xmin) when stretched. */
  readonly unitsPerMathX: number;
  /** World units per math unit along y: sy = s, or WORLD_SIZE / (ymax − ymin) when stretched. */
  readonly unitsPerMathY: number;
  /**
   * Whether x and y are drawn at different scales: the box's sides differ by more than a factor
   * of {@link STRETCH_RATIO}, and each axis is scaled to WORLD_SIZE, so the box is a square.
   */
  readonly stretched: boolean;
  /** Half the world extent of the box along world x and world z. */
  readonly halfWidth: number;
  readonly halfDepth: number;
  /** World x = sx (x − cx). */
  worldX(x: number): number;
  /** World z = −sy (y − cy). */
  worldZ(y: number): number;
  /** World y = WORLD_HEIGHT · n(f), with n clamped to {@link HEIGHT_CLAMP}; NaN f gives 0. */
  worldY(f: number): number;
  /** Math x of a world x (inverse of worldX). */
  mathX(worldX: number): number;
  /** Math y of a world z (inverse of worldZ). */
  mathY(worldZ: number): number;
  /**
   * World length of a math displacement (dx, dy): hypot(sx dx, sy dy), which is s · hypot(dx, dy)
   * with one scale.
   */
  worldLength(dx: number, dy: number): number;
  /** Colour-map parameter of f: n(f) clamped to [0, 1], NaN for NaN. */
  colorParameter(f: number): number;
}

/** Builds the transform for a box and a height rule. Throws RangeError on an empty box. */
export function createWorldTransform(box: Box, rule: HeightRule): WorldTransform {
  checkBox(box);
  const width = box.xmax - box.xmin;
  const depth = box.ymax - box.ymin;
  const s = WORLD_SIZE / Math.max(width, depth);
  const stretched = width > STRETCH_RATIO * depth || depth > STRETCH_RATIO * width;
  const sx = stretched ? WORLD_SIZE / width : s;
  const sy = stretched ? WORLD_SIZE / depth : s;
  const cx = (box.xmin + box.xmax) / 2;
  const cy = (box.ymin + box.ymax) / 2;
  const [clampLo, clampHi] = HEIGHT_CLAMP;
  return {
    box,
    rule,
    unitsPerMath: s,
    unitsPerMathX: sx,
    unitsPerMathY: sy,
    stretched,
    halfWidth: (width * sx) / 2,
    halfDepth: (depth * sy) / 2,
    worldX: (x) => sx * (x - cx),
    worldZ: (y) => -sy * (y - cy),
    worldY: (f) => {
      const n = normalizedHeight(rule, f);
      if (Number.isNaN(n)) return 0;
      return WORLD_HEIGHT * (n < clampLo ? clampLo : n > clampHi ? clampHi : n);
    },
    mathX: (wx) => cx + wx / sx,
    mathY: (wz) => cy - wz / sy,
    worldLength: stretched
      ? (dx, dy) => Math.hypot(sx * dx, sy * dy)
      : (dx, dy) => s * Math.hypot(dx, dy),
    colorParameter: (f) => {
      const n = normalizedHeight(rule, f);
      if (Number.isNaN(n)) return NaN;
      return n < 0 ? 0 : n > 1 ? 1 : n;
    },
  };
}

/**
 * A math arrow of length ℓ at angle a (radians from +x towards +y) as drawn in the floor plane:
 * the math vector (ℓ cos a, ℓ sin a) is the world vector (sx ℓ cos a, −sy ℓ sin a), so its
 * heading, a rotation about world +y from world +x towards world −z, is atan2(sy sin a, sx cos a)
 * and its world length ℓ · hypot(sx cos a, sy sin a). With one scale: heading a, length s · ℓ.
 */
export function worldArrow(
  transform: WorldTransform,
  angle: number,
  length: number,
): { heading: number; length: number } {
  if (!transform.stretched) return { heading: angle, length: length * transform.unitsPerMath };
  const ux = transform.unitsPerMathX * Math.cos(angle);
  const uy = transform.unitsPerMathY * Math.sin(angle);
  return { heading: Math.atan2(uy, ux), length: length * Math.hypot(ux, uy) };
}

/**
 * The axes' scales in words when they differ (a stretched transform), naming the axes `xName`
 * and `yName`; null when x and y share one scale.
 */
export function axisScaleText(transform: WorldTransform, xName = "x", yName = "y"): string | null {
  if (!transform.stretched) return null;
  const { box } = transform;
  const width = formatSignificant(box.xmax - box.xmin);
  const depth = formatSignificant(box.ymax - box.ymin);
  return (
    `Axes at different scales: ${xName} spans ${width} and ${yName} spans ${depth}, ` +
    `drawn the same length: shapes and angles are stretched.`
  );
}

/**
 * One coordinate of a point placed with the pointer on an axis from `lo` to `hi`: rounded to the
 * fewest decimals that still resolve a thousandth of the range (finer than any pixel of a view),
 * then clamped into [lo, hi]. A dragged start then reads −2.35, not −2.3456789012345.
 */
export function placeCoordinate(value: number, lo: number, hi: number): number {
  const extent = hi - lo;
  let placed = value;
  if (extent > 0 && Number.isFinite(extent) && Number.isFinite(value)) {
    const decimals = Math.ceil(-Math.log10(extent / 1000));
    // toFixed takes 0 to 100 decimals; past 20 the range is below any sensible box.
    if (decimals <= 0) {
      const step = 10 ** -decimals;
      placed = Math.round(value / step) * step;
    } else if (decimals <= 20) {
      placed = Number(value.toFixed(decimals));
    }
  }
  return Math.min(hi, Math.max(lo, placed));
}

/**
 * "Nice" axis ticks (Heckbert, Graphics Gems 1990): with r = (hi − lo) / target written as
 * m · 10^e (1 <= m < 10), the step is 1, 2, 5 or 10 times 10^e for m below 1.5, 3, 7 or above;
 * ticks are the multiples of the step inside [lo, hi].
 * Returns [] for an empty or non-finite range.
 */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi)) || !(hi > lo) || target < 1) return [];
  const rough = (hi - lo) / target;
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  const fraction = rough / power;
  const step = (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * power;
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) {
    // Rounding to the step's decimals removes 0.30000000000000004-style noise.
    const decimals = Math.max(0, -Math.floor(Math.log10(step)));
    ticks.push(Number((k * step).toFixed(Math.min(20, decimals))));
  }
  return ticks;
}
