/**
 * How numbers appear on screen. Values are shown with enough significant digits to be checked
 * by hand; the full double is always available in a title attribute via `formatFull`.
 */

/** A number with `digits` significant digits, exponent form for very large or small ones. */
export function formatNumber(value: number, digits = 6): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-4) {
    const [mantissa = "", exponent = ""] = value.toExponential(digits - 1).split("e");
    const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
    return `${trimmed}e${exponent.replace("+", "")}`;
  }
  return String(Number(value.toPrecision(digits)));
}

/** Every digit of the double, as JavaScript prints it (shortest round-trip form). */
export function formatFull(value: number): string {
  return String(value);
}

/** (x, y) or (x), each coordinate with `digits` significant digits. */
export function formatVector(values: readonly number[], digits = 6): string {
  return `(${values.map((v) => formatNumber(v, digits)).join(", ")})`;
}
