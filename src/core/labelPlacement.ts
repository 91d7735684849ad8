/**
 * Placing text labels around a projected 3D box on screen so that they never cover what the box
 * holds and never cover each other: each label sits beyond the supporting line of the box's
 * projected outline (its convex hull), and a label that would overlap one already placed, or
 * leave the canvas, is hidden. Screen coordinates: x to the right, y down, in CSS pixels.
 * Pure TypeScript.
 */

/** A point on screen. */
export interface ScreenPoint {
  x: number;
  y: number;
}

/** A label's rectangle on screen: its top-left corner and size. */
export interface ScreenRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

function cross(o: ScreenPoint, a: ScreenPoint, b: ScreenPoint): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/**
 * The convex hull of the points (Andrew's monotone chain, 1979): sort by x then y, build the lower
 * and upper chains keeping only turns of one sign, and join them. Collinear points on an edge are
 * left out; non-finite points are ignored. Fewer than three distinct points give those points.
 */
export function convexHull(points: readonly ScreenPoint[]): ScreenPoint[] {
  const sorted = points
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .slice()
    .sort((a, b) => a.x - b.x || a.y - b.y);
  const unique = sorted.filter(
    (p, i) => i === 0 || p.x !== sorted[i - 1]!.x || p.y !== sorted[i - 1]!.y,
  );
  if (unique.length < 3) return unique;
  const lower: ScreenPoint[] = [];
  for (const p of unique) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) {
      lower.pop();
    }
    lower.push(p);
  }
  const upper: ScreenPoint[] = [];
  for (let i = unique.length - 1; i >= 0; i--) {
    const p = unique[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) {
      upper.pop();
    }
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return [...lower, ...upper];
}

/**
 * The unit vector perpendicular to the segment from `a` to `b` that points away from `centre`:
 * n = ±(−(b − a).y, (b − a).x) / |b − a|, the sign making n · (m − centre) ≥ 0 for the midpoint m.
 * A segment seen end-on (shorter than 1e-9 px) gives the direction from `centre` to m instead,
 * and null when that is zero too.
 */
export function outwardNormal(
  a: ScreenPoint,
  b: ScreenPoint,
  centre: ScreenPoint,
): ScreenPoint | null {
  const mx = (a.x + b.x) / 2 - centre.x;
  const my = (a.y + b.y) / 2 - centre.y;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy);
  if (length > 1e-9) {
    const nx = -dy / length;
    const ny = dx / length;
    return nx * mx + ny * my >= 0 ? { x: nx, y: ny } : { x: -nx, y: -ny };
  }
  const away = Math.hypot(mx, my);
  return away > 1e-9 ? { x: mx / away, y: my / away } : null;
}

/**
 * How far the hull reaches beyond `anchor` along the unit direction n:
 * max(0, max over hull vertices v of (v − anchor) · n). 0 when the anchor is on the hull's edge
 * facing n (or outside it).
 */
export function hullSupport(
  anchor: ScreenPoint,
  direction: ScreenPoint,
  hull: readonly ScreenPoint[],
): number {
  let support = 0;
  for (const v of hull) {
    support = Math.max(support, (v.x - anchor.x) * direction.x + (v.y - anchor.y) * direction.y);
  }
  return support;
}

/**
 * Where a label of size w × h goes to lie beyond the hull, pushed from `anchor` along the unit
 * direction n: its centre is anchor + t n with
 *   t = {@link hullSupport} + gap + (|n.x| w + |n.y| h) / 2,
 * so the whole rectangle is at least `gap` beyond the hull's supporting line with normal n, and
 * no point of the hull (nor anything drawn inside it) lies under the label.
 */
export function placeBeyondHull(
  anchor: ScreenPoint,
  direction: ScreenPoint,
  hull: readonly ScreenPoint[],
  size: { width: number; height: number },
  gap: number,
): ScreenRect {
  const half = (Math.abs(direction.x) * size.width + Math.abs(direction.y) * size.height) / 2;
  const t = hullSupport(anchor, direction, hull) + gap + half;
  return {
    left: anchor.x + t * direction.x - size.width / 2,
    top: anchor.y + t * direction.y - size.height / 2,
    width: size.width,
    height: size.height,
  };
}

/** Whether two rectangles overlap once each is grown by `padding` on every side. */
export function rectsOverlap(a: ScreenRect, b: ScreenRect, padding = 0): boolean {
  return (
    a.left - padding < b.left + b.width + padding &&
    b.left - padding < a.left + a.width + padding &&
    a.top - padding < b.top + b.height + padding &&
    b.top - padding < a.top + a.height + padding
  );
}

/**
 * Which labels to show, greedily in the order given (most important first): a label is shown
 * when it is placed (not null), lies wholly inside the canvas of the given size, and overlaps
 * neither a label shown before it nor any `occupied` rectangle (text already on the canvas),
 * each grown by `padding`.
 */
export function visibleLabels(
  rects: readonly (ScreenRect | null)[],
  canvas: { width: number; height: number },
  padding: number,
  occupied: readonly ScreenRect[] = [],
): boolean[] {
  const shown: ScreenRect[] = [...occupied];
  return rects.map((rect) => {
    if (!rect) return false;
    const inside =
      rect.left >= 0 &&
      rect.top >= 0 &&
      rect.left + rect.width <= canvas.width &&
      rect.top + rect.height <= canvas.height;
    if (!inside || shown.some((other) => rectsOverlap(rect, other, padding))) return false;
    shown.push(rect);
    return true;
  });
}
