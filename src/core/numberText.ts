/**
 * Numbers as people read them on screen: one formatter for every layer that shows a setting or
 * a value with enough digits to be checked by hand.
 */

/**
 * `value` with `digits` significant digits and no trailing zeros: plain decimals for
 * 1e-4 ≤ |value| < 1e6 ("0.09", "28.75"), exponent form outside that ("1e-8", "2.5e6"), so a
 * learning rate of 1e-8 never reads as "0.00000001". NaN and ±Infinity are spelled out.
 */
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
