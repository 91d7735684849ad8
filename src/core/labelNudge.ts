/**
 * Placing a text label next to a point of a drawing (the tip of an arrow, the end of an axis)
 * so that it covers neither the labels placed before it nor the lines it names. Screen
 * coordinates: x to the right, y down, in CSS pixels. Pure TypeScript.
 */
import { rectsOverlap, type ScreenPoint, type ScreenRect } from "./labelPlacement.ts";
import { segmentClip } from "./thin.ts";

/** A straight piece of a drawing on screen, which labels should not cover. */
export interface ScreenSegment {
  a: ScreenPoint;
  b: ScreenPoint;
}

const clipped: [number, number] = [0, 0];

/**
 * Whether the segment from a to b crosses the rectangle grown by `padding`: some part of it
 * survives Liang–Barsky clipping to the rectangle (core `segmentClip`).
 */
export function segmentCrossesRect(
  a: ScreenPoint,
  b: ScreenPoint,
  rect: ScreenRect,
  padding = 0,
): boolean {
  const box = {
    xmin: rect.left - padding,
    xmax: rect.left + rect.width + padding,
    zmin: rect.top - padding,
    zmax: rect.top + rect.height + padding,
  };
  return segmentClip(a.x, a.y, b.x, b.y, box, clipped);
}

/** Gaps between a label and its anchor that are tried, in CSS pixels, nearest first. */
export const LABEL_GAPS: readonly number[] = [5, 18, 34];

/** Turns from the asked direction that are tried, nearest first: 0°, ±30°, ±60°, … 180°. */
const TURNS = Array.from(
  { length: 12 },
  (_, i) => (Math.ceil(i / 2) * (i % 2 === 0 ? -1 : 1) * Math.PI) / 6,
);

/**
 * A rectangle of `size` beyond `anchor` in the screen direction `toward` (its centre where its
 * edge clears the anchor by a gap of LABEL_GAPS). Tried, in order: each gap, and at each the
 * directions 0°, ±30°, ±60°, … from `toward`; the first that lies inside `bounds`, overlaps
 * no rectangle of `placed` (grown by 2 px) and crosses no segment of `avoid` is returned. When
 * none is free of the segments, the first free of the placed rectangles. When none is, a label
 * that is not `required` is better left out (null: place the important ones first); a required
 * one takes, of all the places tried moved inside the bounds, the one covering the least area
 * of the placed labels (the first such, so the one asked for when all cover equally).
 */
export function placeLabelNear(
  anchor: ScreenPoint,
  toward: ScreenPoint,
  size: { width: number; height: number },
  placed: readonly ScreenRect[],
  avoid: readonly ScreenSegment[],
  bounds: ScreenRect,
  required = false,
): ScreenRect | null {
  const { width, height } = size;
  const angle = Math.atan2(toward.y, toward.x);
  const base = Number.isFinite(angle) ? angle : 0;
  const at = (direction: number, gap: number): ScreenRect => {
    const dx = Math.cos(direction);
    const dy = Math.sin(direction);
    // From the centre to the edge of the rectangle along (dx, dy), plus the gap.
    const reach =
      Math.min(
        Math.abs(dx) > 1e-9 ? width / 2 / Math.abs(dx) : Infinity,
        Math.abs(dy) > 1e-9 ? height / 2 / Math.abs(dy) : Infinity,
      ) + gap;
    return {
      left: anchor.x + dx * reach - width / 2,
      top: anchor.y + dy * reach - height / 2,
      width,
      height,
    };
  };
  const inside = (rect: ScreenRect) =>
    rect.left >= bounds.left &&
    rect.top >= bounds.top &&
    rect.left + rect.width <= bounds.left + bounds.width &&
    rect.top + rect.height <= bounds.top + bounds.height;
  let secondBest: ScreenRect | null = null;
  for (const gap of LABEL_GAPS) {
    for (const turn of TURNS) {
      const rect = at(base + turn, gap);
      if (!inside(rect) || placed.some((other) => rectsOverlap(rect, other, 2))) continue;
      if (!avoid.some((segment) => segmentCrossesRect(segment.a, segment.b, rect, 1))) {
        return rect;
      }
      secondBest ??= rect;
    }
  }
  if (secondBest || !required) return secondBest;
  // A required label with no free place: of every place tried, moved inside the bounds, the
  // one that covers the least area of the labels already placed.
  let best: ScreenRect | null = null;
  let bestCover = Infinity;
  for (const gap of LABEL_GAPS) {
    for (const turn of TURNS) {
      const rect = clampInto(at(base + turn, gap), bounds);
      const cover = placed.reduce((sum, other) => sum + overlapArea(rect, other), 0);
      if (cover < bestCover) {
        best = rect;
        bestCover = cover;
      }
    }
  }
  return best;
}

/** `rect` moved (not resized) to lie inside `bounds`, its left and top edges first. */
function clampInto(rect: ScreenRect, bounds: ScreenRect): ScreenRect {
  const clamp = (value: number, low: number, high: number) =>
    Math.max(low, Math.min(value, Math.max(low, high)));
  return {
    ...rect,
    left: clamp(rect.left, bounds.left, bounds.left + bounds.width - rect.width),
    top: clamp(rect.top, bounds.top, bounds.top + bounds.height - rect.height),
  };
}

/** The area two rectangles share. */
function overlapArea(a: ScreenRect, b: ScreenRect): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return width > 0 && height > 0 ? width * height : 0;
}
