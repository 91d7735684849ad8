/**
 * The contour map's picture of the selected run's current point (its iterate at the playhead
 * step): with "Curvature" on, the level curve of the local quadratic model q(d) = ½ dᵀH d and
 * the Hessian's eigenvector axes labelled λ₁, λ₂ (core/localGeometry.ts); with "Step vectors"
 * on, the vectors the step rule combined and the step it took, as labelled arrows, with its
 * look-ahead and trial points (core/stepAnatomy.ts). Drawn over the paths, under the current
 * markers; redrawn only when the step, the run or the view changes, inside a frame callback.
 */
import { useEffect, useMemo, useRef } from "react";
import { useFrame, useThree } from "@react-three/fiber";
import * as THREE from "three";
import { selectedRun, useExplorerStore, type RunEntry } from "../store/index.ts";
import { getPlayhead } from "../store/playhead.ts";
import type { WorldTransform } from "../core/transform.ts";
import { worldPlotBox } from "../core/pathVertices.ts";
import { segmentClip } from "../core/thin.ts";
import type { ScreenRect } from "../core/labelPlacement.ts";
import type { Surface } from "../core/types.ts";
import { formatNumber } from "../core/format.ts";
import { localGeometryAt, quadraticPicture, type Vec2 } from "../core/localGeometry.ts";
import { arrowMagnification, stepAnatomy, type StepArrowKind } from "../core/stepAnatomy.ts";
import { usePresentation } from "./presentation.ts";
import { OverlaySketch, type FloorPoint, type StrokeStyle } from "./overlaySketch.ts";

/** Above the paths (5) and start rings (7), under the current markers (8). */
const RENDER_ORDER = 7.5;
const HEIGHT = 0.045;
/** Dark border under every stroke, so it reads on both ends of the colour map. */
const CASING = "#111111";

/** Arrow colours (Okabe–Ito, which colour-blind viewers tell apart), by what they stand for. */
const ARROW_COLORS: Record<StepArrowKind, string> = {
  gradient: "#E69F00",
  momentum: "#56B4E9",
  velocity: "#56B4E9",
  correction: "#E69F00",
  adaptive: "#CC79A7",
  decay: "#BBBBBB",
  newton: "#D55E00",
  rule: "#F0E442",
  step: "#111111",
};
const CURVATURE_COLOR = "#FFFFFF";
const PROBE_COLOR = "#FFFFFF";

/** Which labels keep their places on a crowded map: lower first. */
const PRIORITY = { step: 0, axis: 1, arrow: 2, mark: 3 } as const;

/** The share of the box's shorter on-screen side that the model's widest reach takes. */
const MODEL_REACH = 0.24;
/**
 * The longest arrow is drawn magnified when it is shorter than the first share of the box's
 * shorter on-screen side, and shrunk when it is longer than the second.
 */
const ARROW_MIN_SHARE = 0.2;
const ARROW_MAX_SHARE = 0.75;

interface Sizes {
  line: number;
  step: number;
  head: number;
  dot: number;
}

function sizesFor(presenter: boolean): Sizes {
  const scale = presenter ? 1.5 : 1;
  return { line: 3 * scale, step: 4 * scale, head: 13 * scale, dot: 4.5 * scale };
}

export interface LocalGeometryLayerProps {
  transform: WorldTransform;
  /** The runs the map shows; the layer draws only when the selected run is one of them. */
  runs: readonly RunEntry[];
  /** World units per CSS pixel of the map. */
  worldPerPixel: number;
}

export function LocalGeometryLayer({ transform, runs, worldPerPixel }: LocalGeometryLayerProps) {
  const curvature = useExplorerStore((s) => s.view.curvature);
  const stepVectors = useExplorerStore((s) => s.view.stepVectors);
  const comparing = useExplorerStore((s) => s.compare !== null);
  const surface = useExplorerStore((s) => s.surface);
  const selected = useExplorerStore((s) => selectedRun(s));
  const { presenter } = usePresentation();
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  const run = selected ? runs.find((r) => r.id === selected.id) : undefined;
  const active =
    !comparing && surface.dimension === 2 && run !== undefined && (curvature || stepVectors);

  const sketch = useMemo(() => new OverlaySketch(HEIGHT, RENDER_ORDER), []);
  useEffect(() => {
    sketch.attach(gl.domElement.parentElement);
    return () => sketch.dispose();
  }, [sketch, gl]);

  // What the last drawing was of; a frame redraws only when something in it changed.
  const drawn = useRef<unknown[]>([]);
  useEffect(() => {
    sketch.setVisible(active);
    invalidate();
  }, [sketch, active, invalidate]);

  useFrame(({ camera, size }) => {
    if (!active || !run) return;
    const k = Math.min(getPlayhead().step, run.result.steps);
    const key: unknown[] = [run.result, k, curvature, stepVectors, transform, surface];
    key.push(worldPerPixel, presenter, size.width, size.height);
    const last = drawn.current;
    if (key.length === last.length && key.every((value, i) => value === last[i])) return;
    drawn.current = key;
    sketch.begin(worldPlotBox(transform));
    const picture = { sketch, transform, worldPerPixel, sizes: sizesFor(presenter), size };
    if (inBox(transform, run, k)) {
      if (curvature) drawCurvature(picture, surface, run, k);
      if (stepVectors) drawStep(picture, run, k);
    }
    sketch.end();
    sketch.placeLabels(camera, size, boxRect(transform, camera, size));
  });

  return <primitive object={sketch.group} />;
}

interface Picture {
  sketch: OverlaySketch;
  transform: WorldTransform;
  worldPerPixel: number;
  sizes: Sizes;
  size: { width: number; height: number };
}

function inBox(transform: WorldTransform, run: RunEntry, k: number): boolean {
  const { box } = transform;
  const x = run.result.xs[k] ?? NaN;
  const y = run.result.ys[k] ?? NaN;
  return x >= box.xmin && x <= box.xmax && y >= box.ymin && y <= box.ymax;
}

function floor(transform: WorldTransform, x: number, y: number): FloorPoint {
  return { x: transform.worldX(x), z: transform.worldZ(y) };
}

/** Unit screen direction (x right, y down) of a math displacement: world x and world z. */
function screenDirection(transform: WorldTransform, d: Vec2): { x: number; y: number } {
  const wx = transform.worldX(d[0]) - transform.worldX(0);
  const wz = transform.worldZ(d[1]) - transform.worldZ(0);
  const length = Math.hypot(wx, wz);
  return length > 0 ? { x: wx / length, y: wz / length } : { x: 1, y: 0 };
}

const corner = new THREE.Vector3();

/**
 * Where labels may go, in CSS pixels of the canvas: the box, and the free room above it and to
 * its right (not over the tick labels on its left and below it).
 */
function boxRect(
  transform: WorldTransform,
  camera: THREE.Camera,
  size: { width: number; height: number },
): ScreenRect {
  const { box } = transform;
  const toScreen = (x: number, y: number) => {
    corner.set(transform.worldX(x), HEIGHT, transform.worldZ(y)).project(camera);
    return { x: ((corner.x + 1) / 2) * size.width, y: ((1 - corner.y) / 2) * size.height };
  };
  const topLeft = toScreen(box.xmin, box.ymax);
  const bottomRight = toScreen(box.xmax, box.ymin);
  // Tick labels sit left of the box and below it; above it and right of it is free room.
  const left = Math.max(0, topLeft.x);
  const bottom = Math.min(size.height, bottomRight.y);
  return { left, top: 0, width: Math.max(0, size.width - left), height: Math.max(0, bottom) };
}

/** The box's shorter side on screen, in CSS pixels. */
function boxPixels({ transform, worldPerPixel }: Picture): number {
  return (2 * Math.min(transform.halfWidth, transform.halfDepth)) / worldPerPixel;
}

const SUBSCRIPTS = ["₁", "₂"];

/**
 * The level curve of q(d) = ½ dᵀH d, its widest reach a fixed share of the box, and both
 * eigen-axes (dashed where λ < 0) with their labels; for an indefinite H, the asymptotes dotted.
 */
function drawCurvature(picture: Picture, surface: Surface, run: RunEntry, k: number): void {
  const { sketch, transform, worldPerPixel, sizes } = picture;
  const x = run.result.xs[k] ?? NaN;
  const y = run.result.ys[k] ?? NaN;
  const geometry = localGeometryAt(surface, [x, y]);
  const model = quadraticPicture(geometry.eigen, 1);
  // The model is drawn at size 1 (math units) and scaled as the screen needs: the transform is
  // linear in each axis, so scaling d scales the drawing about the point.
  let reach = 0;
  for (const curve of model.curves) {
    for (const d of curve) reach = Math.max(reach, transform.worldLength(d[0], d[1]));
  }
  for (const axis of model.axes) {
    const [dx, dy] = axis.direction;
    if (Number.isFinite(dx)) reach = Math.max(reach, transform.worldLength(dx, dy));
  }
  if (!(reach > 0)) return;
  const scale = (MODEL_REACH * boxPixels(picture) * worldPerPixel) / reach;
  const at = (d: Vec2, factor = 1): FloorPoint =>
    floor(transform, x + scale * factor * d[0], y + scale * factor * d[1]);
  const style: StrokeStyle = {
    color: CURVATURE_COLOR,
    width: sizes.line * 0.8,
    casing: CASING,
    casingWidth: 3,
    join: 2 * worldPerPixel,
  };
  for (const curve of model.curves)
    sketch.stroke(
      curve.map((d) => at(d)),
      style,
    );
  for (const direction of model.asymptotes) {
    sketch.stroke([at(direction, -1), at(direction, 1)], {
      ...style,
      width: sizes.line * 0.5,
      dash: 5 * worldPerPixel,
    });
  }
  for (const axis of model.axes) {
    if (!Number.isFinite(axis.lambda)) continue;
    // Past the ellipse a little, so the label sits clear of the curve.
    const half = Math.max(axis.halfLength * 1.15, 0.35);
    const dash = axis.negative ? 9 * worldPerPixel : undefined;
    const axisStyle = { ...style, width: sizes.line, avoid: true, ...(dash ? { dash } : {}) };
    sketch.stroke([at(axis.direction, -half), at(axis.direction, half)], axisStyle);
    sketch.label({
      text: `λ${SUBSCRIPTS[axis.index - 1]} = ${formatNumber(axis.lambda, 4)}`,
      anchor: at(axis.direction, half),
      toward: screenDirection(transform, axis.direction),
      swatch: CURVATURE_COLOR,
      dashed: axis.negative,
      priority: PRIORITY.axis,
      required: true,
    });
  }
}

const clipped: [number, number] = [0, 1];

/** The step's arrows and points, magnified together when they are too short to see. */
function drawStep(picture: Picture, run: RunEntry, k: number): void {
  const { sketch, transform, worldPerPixel, sizes } = picture;
  const anatomy = stepAnatomy(run, k);
  const [x, y] = anatomy.from;
  const origin = floor(transform, x, y);
  if (anatomy.note !== null) {
    sketch.label({
      text: anatomy.note,
      anchor: origin,
      toward: { x: 0, y: -1 },
      swatch: ARROW_COLORS.step,
      priority: PRIORITY.step,
      required: true,
    });
    return;
  }
  // The scale is set by the step taken (when it moved), so that arrow is always readable; a
  // longer vector, drawn at the same scale, may run off the map.
  const step = anatomy.arrows.find((arrow) => arrow.kind === "step");
  let longest = 0;
  for (const arrow of step ? [step] : anatomy.arrows) {
    longest = Math.max(longest, transform.worldLength(...arrow.vector) / worldPerPixel);
  }
  const boxSide = boxPixels(picture);
  const factor = arrowMagnification(longest, ARROW_MIN_SHARE * boxSide, ARROW_MAX_SHARE * boxSide);
  // Everything about xₖ scales by one factor, so lengths and points stay comparable.
  const place = (p: Vec2): FloorPoint =>
    floor(transform, x + factor * (p[0] - x), y + factor * (p[1] - y));
  const plot = worldPlotBox(transform);
  const onMap = (p: FloorPoint) =>
    p.x >= plot.xmin && p.x <= plot.xmax && p.z >= plot.zmin && p.z <= plot.zmax;
  // The label of the trial points goes on the one shown farthest from where the step ended
  // (the labelled one may be off the map, and trials crowd around the accepted one).
  const labelOf = (kind: "probe" | "look-ahead") =>
    anatomy.marks.find((mark) => mark.kind === kind && mark.label !== "")?.label ?? "";
  const end = step ? place([x + step.vector[0], y + step.vector[1]]) : origin;
  let farProbe: FloorPoint | null = null;
  let lookAhead: FloorPoint | null = null;
  for (const mark of anatomy.marks) {
    const at = place(mark.point);
    if (!onMap(at)) continue;
    const look = mark.kind === "look-ahead";
    const radius = (look ? sizes.dot * 1.6 : sizes.dot) * worldPerPixel;
    const color = look ? ARROW_COLORS.velocity : PROBE_COLOR;
    sketch.polygon(at, radius + 1.5 * worldPerPixel, look ? 4 : 12, CASING);
    sketch.polygon(at, radius, look ? 4 : 12, color);
    const distance = (p: FloorPoint) => Math.hypot(p.x - end.x, p.z - end.z);
    if (look) lookAhead = at;
    else if (farProbe === null || distance(at) > distance(farProbe)) farProbe = at;
  }
  for (const [at, text, color] of [
    [lookAhead, labelOf("look-ahead"), ARROW_COLORS.velocity],
    [farProbe, labelOf("probe"), PROBE_COLOR],
  ] as const) {
    if (at === null || text === "") continue;
    sketch.label({
      text,
      anchor: at,
      toward: { x: 0.7, y: 0.7 },
      swatch: color,
      priority: PRIORITY.mark,
    });
  }
  // Each arrow as drawn: its head, or where it leaves the map (no head is drawn there).
  const drawn = anatomy.arrows.map((arrow) => {
    const tail = place(arrow.from);
    const head = place([arrow.from[0] + arrow.vector[0], arrow.from[1] + arrow.vector[1]]);
    if (onMap(head) || !segmentClip(tail.x, tail.z, head.x, head.z, plot, clipped)) {
      return { arrow, tail, head, end: head, headShown: onMap(head) };
    }
    const exit = {
      x: tail.x + (head.x - tail.x) * clipped[1],
      z: tail.z + (head.z - tail.z) * clipped[1],
    };
    return { arrow, tail, head, end: exit, headShown: false };
  });
  for (const { arrow, tail, head, headShown } of drawn) {
    drawArrow(picture, tail, head, ARROW_COLORS[arrow.kind], arrow.kind, arrow.dashed, headShown);
  }
  // Drawn at another scale, the step's label says so: one label that always has a place.
  const scale = factor === 1 ? "" : `\narrows ×${formatNumber(factor, 3)}`;
  for (const { arrow, end: anchor } of drawn) {
    if (arrow.label === "") continue;
    sketch.label({
      text: arrow.kind === "step" ? arrow.label + scale : arrow.label,
      anchor,
      toward: screenDirection(transform, arrow.vector),
      swatch: ARROW_COLORS[arrow.kind],
      dashed: arrow.dashed,
      priority: arrow.kind === "step" ? PRIORITY.step : PRIORITY.arrow,
      required: arrow.kind === "step",
    });
  }
}

/**
 * A wide shaft with a filled head (unless `headShown` is false: the arrow runs off the map),
 * both over a dark (for the step: light) casing.
 */
function drawArrow(
  picture: Picture,
  tail: FloorPoint,
  head: FloorPoint,
  color: string,
  kind: StepArrowKind,
  dashed: boolean,
  headShown: boolean,
): void {
  const { sketch, worldPerPixel, sizes } = picture;
  const dx = head.x - tail.x;
  const dz = head.z - tail.z;
  const length = Math.hypot(dx, dz);
  if (!(length > 0)) return;
  const step = kind === "step";
  const casing = step ? "#FFFFFF" : CASING;
  const ux = dx / length;
  const uz = dz / length;
  // The head is at most half the arrow, so a short arrow still shows its shaft.
  const headLength = Math.min(sizes.head * worldPerPixel, length / 2);
  const halfWidth = headLength * 0.45;
  const neck = { x: head.x - ux * headLength, z: head.z - uz * headLength };
  sketch.stroke([tail, neck], {
    color,
    width: step ? sizes.step : sizes.line,
    casing,
    casingWidth: 3,
    avoid: true,
    ...(dashed ? { dash: 8 * worldPerPixel } : {}),
  });
  const border = 1.6 * worldPerPixel;
  const corners = (grow: number) => {
    const back = headLength + grow * 1.6;
    const side = halfWidth + grow;
    const base = { x: head.x - ux * back, z: head.z - uz * back };
    return [
      { x: head.x + ux * grow * 1.6, z: head.z + uz * grow * 1.6 },
      { x: base.x - uz * side, z: base.z + ux * side },
      { x: base.x + uz * side, z: base.z - ux * side },
    ] as const;
  };
  if (!headShown) return;
  sketch.triangle(...corners(border), casing);
  sketch.triangle(...corners(0), color);
}
