import { lineDash } from "./linePatterns.ts";
import { markerShape, shapeCorners, type MarkerShape } from "./markerShapes.ts";

/**
 * A short piece of a run's loss-curve line, in its colour and line pattern, with its marker shape
 * in the middle, for the legends that name runs beside their curves: the loss curve's own, the
 * presenter run legend, the compare panels' titles. The pattern is stated for a 2 px line and spaced out in proportion to
 * `strokeWidth`, as the loss curve draws a wider line.
 */
export function LineSample({
  color,
  index,
  width,
  strokeWidth,
  className,
}: {
  color: string;
  /** The run's place in the loss curve's order, which picks its pattern. */
  index: number;
  width: number;
  strokeWidth: number;
  className?: string;
}) {
  const radius = strokeWidth * 1.5;
  const height = Math.ceil(Math.max(strokeWidth * 2, radius * 2.6));
  const dash = lineDash(index, strokeWidth);
  const shape = markerShape(index);
  const [cx, cy] = [width / 2, height / 2];
  return (
    <svg
      aria-hidden="true"
      className={className}
      width={width}
      height={height}
      style={{ flex: "none", alignSelf: "center" }}
    >
      <line
        x1={0}
        y1={height / 2}
        x2={width}
        y2={height / 2}
        stroke={color}
        strokeWidth={strokeWidth}
        strokeDasharray={dash.join(" ") || undefined}
      />
      <ShapeMark shape={shape} cx={cx} cy={cy} radius={radius} color={color} named />
    </svg>
  );
}

/**
 * A run's marker shape in its colour, with a dark edge, where a list names the run: the run
 * list, the step panel's heading, the compare panel's rows. 0.9em across, so it sits in text.
 */
export function RunSwatch({ color, index }: { color: string; index: number }) {
  const shape = markerShape(index);
  const [size, radius] = [20, 7.5];
  return (
    <svg
      aria-hidden="true"
      className="run-swatch"
      data-shape={shape.name}
      viewBox={`0 0 ${size} ${size}`}
    >
      <ShapeMark shape={shape} cx={size / 2} cy={size / 2} radius={radius} color={color} />
    </svg>
  );
}

/** A marker shape as SVG, its name in `data-shape` when `named`. */
function ShapeMark({
  shape,
  cx,
  cy,
  radius,
  color,
  named = false,
}: {
  shape: MarkerShape;
  cx: number;
  cy: number;
  radius: number;
  color: string;
  named?: boolean;
}) {
  const name = named ? shape.name : undefined;
  if (shape.sides === 0)
    return <circle data-shape={name} cx={cx} cy={cy} r={radius} fill={color} />;
  const points = shapeCorners(shape, cx, cy, radius)
    .map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`)
    .join(" ");
  return <polygon data-shape={name} points={points} fill={color} />;
}
