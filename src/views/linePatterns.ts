/**
 * Each run's line pattern, by its place in the legend's order: colour is never the only thing
 * that tells two runs apart. Solid, long dashes, dots, dash-dot, short dashes, long
 * dash-dot-dot; then again. Stated in CSS pixels for a 2 px line.
 */
export const LINE_DASHES: readonly (readonly number[])[] = [
  [],
  [9, 4],
  [2, 3],
  [9, 3, 2, 3],
  [5, 3],
  [12, 3, 2, 3, 2, 3],
];

/**
 * The line pattern of the run at `index` in the legend's order, for a line `lineWidth` px wide:
 * a wider line spaces the pattern out in proportion.
 */
export function lineDash(index: number, lineWidth = 2): number[] {
  return LINE_DASHES[index % LINE_DASHES.length]!.map((length) => (length * lineWidth) / 2);
}
