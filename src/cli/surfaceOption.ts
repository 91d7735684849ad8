import { trySurface } from "../core/surface.ts";
import type { Surface } from "../core/types.ts";
import { CliError } from "./common.ts";

/** What the terminal shows for the expression: control characters become spaces so columns line up. */
const printable = (text: string) =>
  Array.from(text, (c) => (c.charCodeAt(0) < 32 || c === "\u007f" ? " " : c)).join("");

/**
 * Parses the `--f` option into a Surface. Bad input becomes a CliError of three lines:
 * what is wrong and where, the expression, and a caret line under the offending characters.
 */
export function surfaceOption(command: string, text: string | undefined): Surface {
  if (text === undefined) {
    throw new CliError(`descent ${command}: --f is required, e.g. --f "x^2 + y^2"`);
  }
  const result = trySurface(text);
  if (result.ok) return result.surface;
  const { error } = result;
  // Columns count code points, so a caret stays under the right character after astral symbols.
  const column = Array.from(text.slice(0, error.start)).length;
  const width = Math.max(1, Array.from(text.slice(error.start, error.end)).length);
  const suggestion =
    error.suggestion !== undefined && !error.message.includes("did you mean")
      ? ` (try "${error.suggestion}")`
      : "";
  throw new CliError(
    `descent ${command}: --f: ${error.message}${suggestion} (at character ${error.start + 1})\n` +
      `  ${printable(text)}\n` +
      `  ${" ".repeat(column)}${"^".repeat(width)}`,
  );
}
