/** How the command line prints numbers and points in its tables and summaries. */

/** Shortest text that reads back as the same double. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  return String(value);
}

/** Compact text for tables: 10 significant digits. */
export function formatShort(value: number): string {
  if (!Number.isFinite(value)) return formatNumber(value);
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e10) return String(Number(value.toPrecision(10)));
  return value.toExponential(6);
}

/** A point as "(x, y)" in `formatShort` digits. */
export function formatPoint(values: readonly number[]): string {
  return `(${values.map(formatShort).join(", ")})`;
}

/**
 * Lays `text` out after a `lead` (an option and its argument), breaking at spaces so no line
 * passes `width`; continuation lines start under the description's first character.
 */
export function helpLine(lead: string, text: string, column = 24, width = 98): string {
  const first = lead.length < column - 1 ? lead.padEnd(column) : `${lead} `;
  const indent = " ".repeat(column);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(" ")) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line += (empty ? "" : " ") + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join("\n");
}

/**
 * Text as the terminal should show it: control characters become spaces, so a label or an
 * expression from a file or a link cannot move the cursor, recolour the screen or break columns.
 */
export function printable(text: string): string {
  return Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) ? " " : c;
  }).join("");
}
