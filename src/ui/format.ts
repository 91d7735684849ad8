/**
 * How numbers appear on screen. Values are shown with enough significant digits to be checked
 * by hand; the full double is always available in a title attribute via `formatFull`.
 */
import { formatNumber } from "../core/numberText.ts";

/** One formatter for settings and values, shared with core (see core/numberText.ts). */
export { formatNumber };

/** Every digit of the double, as JavaScript prints it (shortest round-trip form). */
export function formatFull(value: number): string {
  return String(value);
}

/** (x, y) or (x), each coordinate with `digits` significant digits. */
export function formatVector(values: readonly number[], digits = 6): string {
  return `(${values.map((v) => formatNumber(v, digits)).join(", ")})`;
}
