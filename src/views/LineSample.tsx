import { lineDash } from "./LossCurveView.tsx";

/**
 * A short piece of a run's loss-curve line, in its colour and line pattern, for the legends that
 * name runs beside their curves: the loss curve's own, the presenter run legend, the compare
 * panels' titles. The pattern is stated for a 2 px line and spaced out in proportion to
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
  const height = Math.ceil(strokeWidth * 2);
  const dash = lineDash(index).map((length) => (length * strokeWidth) / 2);
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
    </svg>
  );
}
