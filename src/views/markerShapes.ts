/**
 * Each run's marker shape, by its place in the legend's order (as its line pattern is): colour
 * is never the only thing that tells two runs apart. Circle, square, triangle, diamond, pentagon,
 * hexagon; then again. Every shape covers the area of the circle of the same size, so none looks
 * more important than another.
 */
import * as THREE from "three";

export interface MarkerShape {
  name: "circle" | "square" | "triangle" | "diamond" | "pentagon" | "hexagon";
  /** Corners; 0 for the circle. */
  sides: number;
  /** Angle of the first corner, radians anticlockwise from +x (y up). */
  rotation: number;
}

export const MARKER_SHAPES: readonly MarkerShape[] = [
  { name: "circle", sides: 0, rotation: 0 },
  { name: "square", sides: 4, rotation: Math.PI / 4 },
  { name: "triangle", sides: 3, rotation: Math.PI / 2 },
  { name: "diamond", sides: 4, rotation: Math.PI / 2 },
  { name: "pentagon", sides: 5, rotation: Math.PI / 2 },
  { name: "hexagon", sides: 6, rotation: 0 },
];

/** The marker shape of the run at `index` in the legend's order. */
export function markerShape(index: number): MarkerShape {
  return MARKER_SHAPES[
    ((index % MARKER_SHAPES.length) + MARKER_SHAPES.length) % MARKER_SHAPES.length
  ]!;
}

/**
 * The corner distance that gives a regular polygon the area of a circle of radius `radius`:
 * an n-gon of circumradius R has area (n/2)·R²·sin(2π/n), so R = r·√(π / ((n/2)·sin(2π/n))).
 */
function equalAreaRadius(shape: MarkerShape, radius: number): number {
  if (shape.sides === 0) return radius;
  const n = shape.sides;
  return radius * Math.sqrt(Math.PI / ((n / 2) * Math.sin((2 * Math.PI) / n)));
}

/**
 * The corners of a shape centred at (cx, cy) with the area of a circle of radius `radius`, in
 * screen coordinates (y down); empty for the circle.
 */
export function shapeCorners(
  shape: MarkerShape,
  cx: number,
  cy: number,
  radius: number,
): [number, number][] {
  const r = equalAreaRadius(shape, radius);
  return Array.from({ length: shape.sides }, (_, k) => {
    const angle = shape.rotation + (2 * Math.PI * k) / shape.sides;
    return [cx + r * Math.cos(angle), cy - r * Math.sin(angle)] as [number, number];
  });
}

/** Adds a shape's outline to a 2D canvas path (a circle as an arc). */
export function traceShape(
  context: CanvasRenderingContext2D,
  shape: MarkerShape,
  cx: number,
  cy: number,
  radius: number,
): void {
  if (shape.sides === 0) {
    context.arc(cx, cy, radius, 0, 2 * Math.PI);
    return;
  }
  shapeCorners(shape, cx, cy, radius).forEach(([x, y], k) => {
    if (k === 0) context.moveTo(x, y);
    else context.lineTo(x, y);
  });
  context.closePath();
}

/**
 * A flat marker of the shape and unit circle's area, lying in the floor plane (the contour map's
 * view, looking down -y with +x right and +z down the screen).
 */
export function shapeGeometry(shape: MarkerShape): THREE.BufferGeometry {
  const segments = shape.sides === 0 ? 24 : shape.sides;
  return new THREE.CircleGeometry(equalAreaRadius(shape, 1), segments, shape.rotation).rotateX(
    -Math.PI / 2,
  );
}
