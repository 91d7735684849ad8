/**
 * How numbers read, in the page and on the command line alike: one spelling for values that
 * are not finite, one exponent style, and a chosen number of significant digits. The full
 * double is always available with `formatFull`.
 */

/** "NaN", "Infinity", "-Infinity", or null for a finite value. */
function nonFinite(value: number): string | null {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  return null;
}

/**
 * A number with `digits` significant digits, trailing zeros dropped: 0.09, 28.75, and the
 * exponent form 1.5e-7 or 2.5e12 when |value| ≥ 1e6 or < 1e-4.
 */
export function formatNumber(value: number, digits = 6): string {
  const special = nonFinite(value);
  if (special !== null) return special;
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-4) {
    const [mantissa = "", exponent = ""] = value.toExponential(digits - 1).split("e");
    const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
    return `${trimmed}e${exponent.replace("+", "")}`;
  }
  return String(Number(value.toPrecision(digits)));
}

/** Every digit of the double: the shortest text that reads back as the same number. */
export function formatFull(value: number): string {
  return nonFinite(value) ?? String(value);
}

/** A whole count with thousands separated: "1,234,567". */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ",");
}

/** (x, y) or (x), each coordinate with `digits` significant digits. */
export function formatVector(values: readonly number[], digits = 6): string {
  return `(${values.map((v) => formatNumber(v, digits)).join(", ")})`;
}
