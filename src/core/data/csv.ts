/**
 * Reads a pasted or dropped two-column CSV file into a dataset (x from the first column, y from
 * the second). The file comes from a stranger, so this never throws, refuses what is too large
 * before parsing it, and says of every row it leaves out which line it is on and what is wrong.
 * Parsing itself (quotes, delimiters) is papaparse's.
 */
import Papa from "papaparse";
import type { Dataset } from "./datasets.ts";
import { formatCount } from "../format.ts";
import { withoutInvisibles } from "../invisible.ts";

/** The largest file accepted, in bytes of UTF-8 (1 MB). */
export const maxCsvBytes = 1_000_000;

/** The most data rows accepted (a header line comes on top). */
export const maxCsvRows = 10_000;

/** A row left out: its 1-based line in the file and why. */
export interface CsvSkip {
  readonly line: number;
  readonly reason: string;
}

/** What `parseCsv` makes of a file: a dataset with the rows it skipped, or why there is none. */
export type CsvResult =
  | {
      readonly ok: true;
      readonly data: Dataset;
      readonly skipped: readonly CsvSkip[];
      /** The first row's two names when it is a header, else null. */
      readonly header: readonly [string, string] | null;
    }
  | { readonly ok: false; readonly message: string };

/** Names for the dataset a file becomes. */
export interface CsvOptions {
  /** Dataset key (default "csv"). */
  key?: string;
  /** Dataset label, a noun phrase read after "the" (default "pasted data"). */
  label?: string;
}

/** Longest text of a number accepted; anything longer is not a number a person typed. */
const MAX_NUMBER_LENGTH = 64;

/**
 * Decimal numbers only: optional sign, digits with an optional point, optional exponent. No
 * hexadecimal, no "Infinity", no digit separators (which `Number` would take or misread). Each
 * part is followed by a different character class, so matching is linear in the length.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal comma ("1,5"), which needs its own hint. */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** How a field reads in a message: quoted, escaped, and cut short when long. */
function quoteField(field: string): string {
  const shown = field.length > 24 ? `${field.slice(0, 24)}…` : field;
  return JSON.stringify(shown);
}

/** A field as a finite number, or what is wrong with it. */
function readNumber(field: string | undefined, column: "x" | "y"): number | string {
  const text = (field ?? "").trim();
  if (text === "") return `the ${column} value is missing`;
  if (text.length > MAX_NUMBER_LENGTH || !DECIMAL.test(text)) {
    if (text.length <= MAX_NUMBER_LENGTH && DECIMAL_COMMA.test(text)) {
      return `${quoteField(text)} is not a number (write decimals with a point)`;
    }
    return `${quoteField(text)} is not a number`;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : `${quoteField(text)} is too large`;
}

/** True when a field reads as a number (used to tell a header from data). */
function isNumeric(field: string | undefined): boolean {
  return typeof readNumber(field, "x") === "number";
}

/**
 * A header field as an axis label: control and invisible characters (../invisible.ts) dropped,
 * at most 40 characters.
 */
function columnName(field: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const printable = withoutInvisibles((field ?? "").replace(/[\u0000-\u001f\u007f]/g, "")).trim();
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

/** UTF-8 length of `text`, stopping early once past `limit`. */
function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 for each half.
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
  }
  return bytes;
}

/** Number of lines with something other than white space (lines end at "\n"). */
function countFilledLines(text: string): number {
  let count = 0;
  let filled = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      if (filled) count++;
      filled = false;
    } else if (!filled && code !== 32 && code !== 9 && code !== 11 && code !== 12) {
      filled = true;
    }
  }
  return filled ? count + 1 : count;
}

/**
 * Parses a two-column CSV text into a dataset: x from the first column, y from the second.
 *
 * - Limits, checked before parsing: at most `maxCsvBytes` bytes and `maxCsvRows` data rows.
 * - A UTF-8 byte order mark is dropped; line ends may be "\r\n", "\n" or "\r".
 * - The delimiter is detected (comma, semicolon, tab, bar); quoted fields are read as CSV.
 * - The first row is a header when neither of its first two fields is a number.
 * - Blank lines are skipped silently. A row with a missing, non-numeric or non-finite value is
 *   skipped and reported with its 1-based line, e.g. `line 7: "abc" is not a number`.
 * - Columns after the second are ignored, and the dataset's note says so.
 * - Fewer than two usable rows: refused, with the first reasons.
 *
 * Never throws: any failure comes back as `{ ok: false, message }`.
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvResult {
  try {
    return parseCsvText(text, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `the file could not be read: ${reason}` };
  }
}

function parseCsvText(text: string, options: CsvOptions): CsvResult {
  if (typeof text !== "string") return { ok: false, message: "the input is not text" };
  const bytes = utf8Length(text, maxCsvBytes);
  if (bytes > maxCsvBytes) {
    return {
      ok: false,
      message:
        `the file is larger than the limit of 1 MB (${formatCount(maxCsvBytes)} bytes); ` +
        `keep at most ${formatCount(maxCsvRows)} rows`,
    };
  }
  // One line end, so that papaparse's guess of it cannot glue lines with another end together.
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, "\n");
  const filledLines = countFilledLines(body);
  if (filledLines === 0) return { ok: false, message: "the file is empty" };
  if (filledLines > maxCsvRows + 1) {
    return {
      ok: false,
      message:
        `the file has ${formatCount(filledLines)} lines; the limit is ` +
        `${formatCount(maxCsvRows)} rows (plus a header line)`,
    };
  }

  const guess = Papa.parse<string[]>(body, {
    preview: 10,
    newline: "\n",
    skipEmptyLines: "greedy",
  });
  const delimiter = guess.meta.delimiter || ",";

  const xs: number[] = [];
  const ys: number[] = [];
  const skipped: CsvSkip[] = [];
  let header: [string, string] | null = null;
  let seenFirstRow = false;
  let extraColumnRows = 0;
  let tooMany = false;
  // Line of `linePosition`; rows arrive in order, so counting is linear overall.
  let line = 1;
  let linePosition = 0;
  let rowStart = 0;
  const lineAt = (position: number): number => {
    for (; linePosition < position; linePosition++) {
      if (body.charCodeAt(linePosition) === 10) line++;
    }
    return line;
  };

  Papa.parse<string[]>(body, {
    delimiter,
    newline: "\n",
    skipEmptyLines: false,
    step(results, parser) {
      const fields = results.data;
      const rowLine = lineAt(rowStart);
      rowStart = results.meta.cursor;
      if (fields.length === 0 || (fields.length === 1 && (fields[0] ?? "").trim() === "")) return;
      const quoteError = results.errors.find((e) => e.type === "Quotes");
      if (quoteError !== undefined) {
        skipped.push({
          line: rowLine,
          reason:
            quoteError.code === "MissingQuotes"
              ? "a quoted field is never closed, so the rest of the file was read as one value"
              : `a quoted field is malformed (${quoteError.message})`,
        });
        seenFirstRow = true;
        return;
      }
      if (!seenFirstRow) {
        seenFirstRow = true;
        if (!isNumeric(fields[0]) && !isNumeric(fields[1])) {
          header = [columnName(fields[0]), columnName(fields[1])];
          return;
        }
      }
      if (fields.length > 2 && fields.slice(2).some((f) => f.trim() !== "")) extraColumnRows++;
      if (fields.length < 2) {
        const only = (fields[0] ?? "").trim();
        skipped.push({
          line: rowLine,
          reason: `only one value (${quoteField(only)}); two columns, x and y, are needed`,
        });
        return;
      }
      const x = readNumber(fields[0], "x");
      const y = readNumber(fields[1], "y");
      if (typeof x === "string" || typeof y === "string") {
        skipped.push({ line: rowLine, reason: typeof x === "string" ? x : (y as string) });
        return;
      }
      if (xs.length === maxCsvRows) {
        tooMany = true;
        parser.abort();
        return;
      }
      xs.push(x);
      ys.push(y);
    },
  });

  if (tooMany) {
    return {
      ok: false,
      message: `the file has more than ${formatCount(maxCsvRows)} rows of data, the limit`,
    };
  }
  if (xs.length < 2) {
    const found = xs.length === 0 ? "no usable rows" : "only 1 usable row";
    const reasons = skipped
      .slice(0, 3)
      .map((s) => `line ${s.line}: ${s.reason}`)
      .join("; ");
    const more = skipped.length > 3 ? `; and ${formatCount(skipped.length - 3)} more` : "";
    return {
      ok: false,
      message:
        `the file has ${found}; at least 2 rows of two numbers are needed` +
        (reasons === "" ? "" : ` (${reasons}${more})`),
    };
  }

  const columns = header as [string, string] | null;
  const noteParts = [`${formatCount(xs.length)} rows read from a CSV file`];
  if (skipped.length > 0) {
    noteParts.push(`${formatCount(skipped.length)} row${skipped.length === 1 ? "" : "s"} skipped`);
  }
  if (extraColumnRows > 0) {
    noteParts.push(
      `columns after the second ignored (${formatCount(extraColumnRows)} ` +
        `row${extraColumnRows === 1 ? "" : "s"} had them)`,
    );
  }
  const data: Dataset = {
    key: options.key ?? "csv",
    label: options.label ?? "pasted data",
    xs: Float64Array.from(xs),
    ys: Float64Array.from(ys),
    xLabel: columns !== null && columns[0] !== "" ? columns[0] : "x",
    yLabel: columns !== null && columns[1] !== "" ? columns[1] : "y",
    note: `${noteParts.join("; ")}.`,
    dropped: skipped.length,
  };
  return { ok: true, data, skipped, header: columns };
}

/** The limits in a sentence, for the place where a file is pasted or dropped. */
export const csvLimitsText =
  `Two columns, x then y, with an optional header row; at most ${formatCount(maxCsvRows)} ` +
  `rows and 1 MB.`;
