import { trySurface } from "../core/surface.ts";
import type { Surface } from "../core/types.ts";
import { CliError } from "./common.ts";
import { printable } from "./format.ts";

/**
 * Parses the `--f` option into a Surface. Bad input becomes a CliError of three lines:
 * what is wrong and where, the expression, and a caret line under the offending characters.
 * `place` names where the text came from ("--f", or "--scenario file.json: f").
 */
export function surfaceOption(command: string, text: string | undefined, place = "--f"): Surface {
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
    `descent ${command}: ${place}: ${error.message}${suggestion} (at character ${error.start + 1})\n` +
      `  ${printable(text)}\n` +
      `  ${" ".repeat(column)}${"^".repeat(width)}`,
  );
}
