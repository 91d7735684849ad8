/**
 * A run's path as a plot draws it: clipped to the plot's box, with the points that move less
 * than a pixel can show left out. A 10,000-step run crawling along a valley moves a hundredth of
 * a pixel per step; drawing every step costs a software renderer tens of milliseconds a frame
 * and changes no pixel.
 *
 * Coordinates are the drawing space of a view (world units): the box spans x and z, and y is the
 * height, which is carried along but never clipped (a 3D view's heights are already kept near
 * its box, a flat map's are constant).
 */

/** The plot's box in the drawing plane: xmin ≤ x ≤ xmax and zmin ≤ z ≤ zmax. */
export interface PlotBox {
  xmin: number;
  xmax: number;
  zmin: number;
  zmax: number;
}

/**
 * Liang–Barsky clipping of the segment a → b to a box: the part inside is a + t (b − a) for
 * t0 ≤ t ≤ t1, where for each edge with p = ±(b − a) along its axis and q the signed room from a
 * to that edge, t0 = max(0, q/p over edges with p < 0) and t1 = min(1, q/p over edges with
 * p > 0). Writes [t0, t1] into `out` and returns true, or returns false when no part is inside
 * (or a coordinate is not finite). A segment touching the box at one point gives t0 = t1.
 */
export function segmentClip(
  ax: number,
  az: number,
  bx: number,
  bz: number,
  box: PlotBox,
  out: [number, number],
): boolean {
  if (!(Number.isFinite(ax) && Number.isFinite(az) && Number.isFinite(bx) && Number.isFinite(bz))) {
    return false;
  }
  const dx = bx - ax;
  const dz = bz - az;
  let t0 = 0;
  let t1 = 1;
  // Each pair: p and q of one edge, inside where t·p ≤ q.
  const edges = [-dx, ax - box.xmin, dx, box.xmax - ax, -dz, az - box.zmin, dz, box.zmax - az];
  for (let e = 0; e < 8; e += 2) {
    const p = edges[e]!;
    const q = edges[e + 1]!;
    if (p === 0) {
      // Parallel to this edge: inside for every t or for none.
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t0) t0 = t;
    } else if (t < t1) {
      t1 = t;
    }
    if (t0 > t1) return false;
  }
  out[0] = t0;
  out[1] = t1;
  return true;
}

/** Where the tracer sends what is to be drawn. */
export interface TraceSink {
  /**
   * A drawn segment from a to b. `distance` is the drawn length before a (the sum of the
   * lengths of the segments sent before), for dash patterns that run on along the path.
   */
  segment(
    ax: number,
    ay: number,
    az: number,
    bx: number,
    by: number,
    bz: number,
    distance: number,
  ): void;
  /** The path leaves the box at (x, y, z), heading along (dx, dz) in the drawing plane. */
  exit(x: number, y: number, z: number, dx: number, dz: number): void;
}

/**
 * Turns a path, fed one point at a time, into the segments a plot draws. The rule:
 *
 * - Only what lies inside the box is drawn. Where the path crosses the box's edge, the crossing
 *   point is drawn exactly; each crossing outwards is reported (`exit`), so a view can mark it.
 * - Inside, a point is kept when it lies at least `tolerance` from the last kept point
 *   (Euclidean, in x, y and z); nearer points are left out. The first point inside the box, the
 *   last point of the path (`finish`) and every crossing are always kept.
 *
 * Every point left out lies within `tolerance` of the last kept point before it, so each drawn
 * segment stays within `tolerance` of the path it stands for and the path within `tolerance` of
 * the drawing (Hausdorff distance < tolerance, inside the box). With `tolerance` a fraction of a
 * pixel no pixel changes.
 *
 * After each `add`, `segments` and the pen tell how to draw the path up to that point exactly:
 * the first `segments` segments, then (when `penDown`) a last piece from the pen to the point
 * just added, shorter than `tolerance`. A view draws the played part of a run that way, so it
 * ends exactly at the current iterate while the drawing is thinned.
 */
export class PathTracer {
  /** Segments sent so far. */
  segments = 0;
  /** Whether the last point added is inside the box (so the path is being drawn there). */
  penDown = false;
  /** The last kept point (meaningful while `penDown`). */
  penX = 0;
  penY = 0;
  penZ = 0;
  /** Drawn length up to the pen. */
  penDistance = 0;

  private box: PlotBox = { xmin: 0, xmax: 0, zmin: 0, zmax: 0 };
  private tolerance = 0;
  private hasPrevious = false;
  private previousX = 0;
  private previousY = 0;
  private previousZ = 0;
  /** Whether the last point added was left out (and so still owed if it is the last). */
  private owed = false;
  private readonly clip: [number, number] = [0, 1];

  constructor(private readonly sink: TraceSink) {}

  /** Starts a new path in `box`, leaving out moves shorter than `tolerance`. */
  begin(box: PlotBox, tolerance: number): void {
    this.box = box;
    this.tolerance = tolerance > 0 ? tolerance : 0;
    this.segments = 0;
    this.penDown = false;
    this.penDistance = 0;
    this.hasPrevious = false;
    this.owed = false;
  }

  /** The next point of the path. A point that is not finite breaks the path there. */
  add(x: number, y: number, z: number): void {
    if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z))) {
      this.settle();
      this.penDown = false;
      this.hasPrevious = false;
      return;
    }
    if (!this.hasPrevious) {
      this.hasPrevious = true;
      this.setPrevious(x, y, z);
      const b = this.box;
      if (x >= b.xmin && x <= b.xmax && z >= b.zmin && z <= b.zmax) this.putPen(x, y, z);
      return;
    }
    const ax = this.previousX;
    const ay = this.previousY;
    const az = this.previousZ;
    this.setPrevious(x, y, z);
    if (!segmentClip(ax, az, x, z, this.box, this.clip)) {
      // Wholly outside: nothing to draw, and the pen is already up (a point inside would have
      // left part of this segment inside).
      this.penDown = false;
      this.owed = false;
      return;
    }
    const [t0, t1] = this.clip;
    if (t0 > 0 || !this.penDown) {
      // Coming in across an edge: the crossing is kept exactly.
      this.settle();
      this.putPen(ax + t0 * (x - ax), ay + t0 * (y - ay), az + t0 * (z - az));
    }
    if (t1 < 1) {
      // Going out: draw to the crossing, report it, lift the pen.
      const ex = ax + t1 * (x - ax);
      const ey = ay + t1 * (y - ay);
      const ez = az + t1 * (z - az);
      this.draw(ex, ey, ez);
      this.sink.exit(ex, ey, ez, x - ax, z - az);
      this.penDown = false;
      this.owed = false;
      return;
    }
    if (Math.hypot(x - this.penX, y - this.penY, z - this.penZ) >= this.tolerance) {
      this.draw(x, y, z);
      this.owed = false;
    } else {
      this.owed = true;
    }
  }

  /** Ends the path: the last point is drawn exactly even when it moved less than `tolerance`. */
  finish(): void {
    this.settle();
  }

  /** Draws a point that was left out, when nothing after it will stand for it. */
  private settle(): void {
    if (this.owed && this.penDown) this.draw(this.previousX, this.previousY, this.previousZ);
    this.owed = false;
  }

  /** Sends the segment pen → (x, y, z) (unless it has no length) and moves the pen there. */
  private draw(x: number, y: number, z: number): void {
    const length = Math.hypot(x - this.penX, y - this.penY, z - this.penZ);
    if (length > 0) {
      this.sink.segment(this.penX, this.penY, this.penZ, x, y, z, this.penDistance);
      this.segments += 1;
      this.penDistance += length;
    }
    this.penX = x;
    this.penY = y;
    this.penZ = z;
  }

  private putPen(x: number, y: number, z: number): void {
    this.penDown = true;
    this.penX = x;
    this.penY = y;
    this.penZ = z;
  }

  private setPrevious(x: number, y: number, z: number): void {
    this.previousX = x;
    this.previousY = y;
    this.previousZ = z;
  }
}

/**
 * The same rule for a path's points drawn as dots: a point is kept when it is inside the box and
 * at least `tolerance` from the last kept dot (the first point inside is always kept, and a
 * caller may force one, such as the run's last iterate). Dots nearer than that would cover the
 * same pixels.
 */
export class DotThinner {
  private box: PlotBox = { xmin: 0, xmax: 0, zmin: 0, zmax: 0 };
  private tolerance = 0;
  private any = false;
  private lastX = 0;
  private lastY = 0;
  private lastZ = 0;

  /** Starts a new set of dots in `box`, leaving out dots nearer than `tolerance`. */
  begin(box: PlotBox, tolerance: number): void {
    this.box = box;
    this.tolerance = tolerance > 0 ? tolerance : 0;
    this.any = false;
  }

  /** Whether the dot at (x, y, z) is drawn; `force` keeps it wherever it is inside the box. */
  keep(x: number, y: number, z: number, force = false): boolean {
    const b = this.box;
    if (!(x >= b.xmin && x <= b.xmax && z >= b.zmin && z <= b.zmax)) return false;
    if (!Number.isFinite(y)) return false;
    if (
      this.any &&
      !force &&
      Math.hypot(x - this.lastX, y - this.lastY, z - this.lastZ) < this.tolerance
    ) {
      return false;
    }
    this.any = true;
    this.lastX = x;
    this.lastY = y;
    this.lastZ = z;
    return true;
  }
}
