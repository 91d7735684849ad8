/**
 * `--scenario <file.json | link>`: a scenario document read from a file or a link, checked
 * strictly. A script that runs a document wants exactly that document, so any problem (a bad
 * field, a link parameter that would fall back to a default) stops the command with a message
 * naming where it is, instead of running something else.
 */
import { readFileSync, statSync } from "node:fs";
import { checkDocument, type ScenarioDocument } from "../core/scenario/document.ts";
import type { Surface } from "../core/types.ts";
import { CliError } from "./common.ts";
import { printable } from "./format.ts";
import { linkReader, type LinkReader, type LinkReading } from "./scenarioLink.ts";
import { loadCars } from "../core/data/cars.ts";
import { resolveData, type LoadedSources } from "../core/data/sources.ts";
import { withDataLayout } from "../core/scenario/dataLayout.ts";
import { surfaceOption } from "./surfaceOption.ts";

/**
 * Largest scenario file read. A document at every limit of the schema (16 runs, a 2000-character
 * function) is a few kilobytes; anything near this is not a scenario document.
 */
export const MAX_SCENARIO_FILE_BYTES = 1_000_000;

/** Where a --scenario argument points. */
export type ScenarioSource =
  | { kind: "file"; path: string }
  | { kind: "link"; search: string }
  | { kind: "missing"; problem: string };

/** What is at a path: a file, a directory, or nothing. */
export type PathKind = "file" | "directory" | null;

function pathKind(path: string): PathKind {
  try {
    const stats = statSync(path);
    return stats.isFile() ? "file" : stats.isDirectory() ? "directory" : null;
  } catch {
    return null;
  }
}

/**
 * Where a --scenario argument points: an existing file; else a link, given as a full address
 * (`http://host/path?...`, whose query is read), as its `?...` query, or as a query without the
 * "?" (recognised by a `name=value` pair); anything else names a file that is not there.
 */
export function scenarioSource(
  argument: string,
  kindOf: (path: string) => PathKind = pathKind,
): ScenarioSource {
  const kind = argument === "" ? null : kindOf(argument);
  if (kind === "file") return { kind: "file", path: argument };
  if (kind === "directory") return { kind: "missing", problem: "is a directory, not a file" };
  if (/^https?:\/\//i.test(argument)) {
    try {
      return { kind: "link", search: new URL(argument).search };
    } catch {
      return { kind: "missing", problem: "is neither a file nor a valid address" };
    }
  }
  if (argument.startsWith("?")) return { kind: "link", search: argument };
  if (argument.includes("=") && !/\.json$/i.test(argument)) {
    return { kind: "link", search: `?${argument}` };
  }
  return { kind: "missing", problem: "no such file" };
}

/** The argument as messages show it: printable, and a long link cut short. */
function shown(argument: string, source: ScenarioSource): string {
  const text = printable(argument);
  return source.kind === "link" && text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Reads and checks a scenario file; every problem is a CliError naming the file. */
export function readScenarioFile(command: string, path: string): ScenarioDocument {
  const place = `descent ${command}: --scenario ${printable(path)}`;
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_SCENARIO_FILE_BYTES) {
      throw new CliError(
        `${place}: is ${size} bytes; a scenario document is at most ${MAX_SCENARIO_FILE_BYTES}`,
      );
    }
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new CliError(`${place}: cannot be read (${typeof code === "string" ? code : "error"})`);
  }
  let value: unknown;
  try {
    // Editors on some systems start UTF-8 files with a byte order mark; JSON.parse refuses it.
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new CliError(`${place}: is not JSON (${printable((error as Error).message)})`);
  }
  const checked = checkDocument(value);
  if (!checked.ok) throw new CliError(`${place}: ${printable(checked.message)}`);
  return checked.document;
}

/** Reads a link's query strictly: any message from the reader stops the command. */
export function readScenarioLink(
  command: string,
  search: string,
  readLink: LinkReader,
  argument: string,
): { document: ScenarioDocument; dataLayout: LinkReading["dataLayout"] } {
  const place = `descent ${command}: --scenario ${argument}`;
  const { document, messages, dataLayout } = readLink(search);
  if (messages.length > 0) {
    throw new CliError(messages.map((message) => `${place}: ${printable(message)}`).join("\n"));
  }
  return { document, dataLayout };
}

/** A document ready to run: checked, with its function parsed. */
export interface ScenarioInput {
  document: ScenarioDocument;
  surface: Surface;
}

/**
 * Reads `--scenario <argument>` into a checked document and its surface: the typed function, or
 * for a data scenario the loss over its data (the cars loaded first when named), laid out over
 * the parameters when a hand-written link asks for one, as the page does.
 */
export async function scenarioOption(
  command: string,
  argument: string,
  reader: LinkReader = linkReader,
): Promise<ScenarioInput> {
  const source = scenarioSource(argument);
  const name = shown(argument, source);
  let document: ScenarioDocument;
  let layout: LinkReading["dataLayout"] = null;
  if (source.kind === "missing") {
    throw new CliError(`descent ${command}: --scenario ${name}: ${source.problem}`);
  } else if (source.kind === "file") {
    document = readScenarioFile(command, source.path);
  } else {
    const read = readScenarioLink(command, source.search, reader, name);
    document = read.document;
    layout = read.dataLayout;
  }
  if (document.data === undefined) {
    return { document, surface: surfaceOption(command, document.f, `--scenario ${name}: f`) };
  }
  const loaded: LoadedSources = document.data.source === "cars" ? { cars: await loadCars() } : {};
  if (layout) document = withDataLayout(document, layout, loaded);
  try {
    return { document, surface: resolveData(document.data!, loaded).surface };
  } catch (error) {
    throw new CliError(
      `descent ${command}: --scenario ${name}: data: ${printable((error as Error).message)}`,
    );
  }
}
