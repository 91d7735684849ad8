/** How the command line prints its tables and help; numbers read as in the page (core). */
import { formatFull, formatNumber } from "../core/format.ts";

/** Every digit of the double (CSV and exact values). */
export { formatFull as formatNumber };

/** Compact text for tables: 10 significant digits, the page's spelling and exponent style. */
export function formatShort(value: number): string {
  return formatNumber(value, 10);
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
