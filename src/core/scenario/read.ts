/**
 * The lenient reader of scenario documents, for links and browser storage: where
 * `checkDocument` refuses a whole document for its first problem, this keeps every field that
 * is fine. Each top-level field is checked with its own part of the schema; a bad one is named
 * in a message and falls back alone, and a bad run is left out alone, so one stale or mistyped
 * field never costs the rest of the picture.
 */
import { z } from "zod";
import { trySurface } from "../surface.ts";
import {
  boxSchema,
  cameraSchema,
  cloudSchema,
  compareSchema,
  dataSchema,
  describeKind,
  DOCUMENT_VERSION,
  documentProblem,
  documentSchema,
  issuePath,
  MAX_RUNS,
  playbackSchema,
  runSchema,
  viewSchema,
  type Box,
  type CameraSettings,
  type CloudSettings,
  type CompareSettings,
  type DataSettings,
  type PlaybackSettings,
  type RunSettings,
  type ScenarioDocument,
  type ViewSettings,
} from "./document.ts";

/** Longest message a reader gives: keys and values from outside are quoted only in part. */
export const MAX_MESSAGE_LENGTH = 300;

/** The fields of a document, in the order the schema lists them. */
const FIELDS = [
  "version",
  "f",
  "box",
  "runs",
  "playback",
  "view",
  "selectedRun",
  "camera",
  "compare",
  "data",
  "cloud",
];

/** A document read leniently, with one message per thing that was wrong and what replaced it. */
export interface DocumentReading {
  document: ScenarioDocument;
  messages: string[];
}

/**
 * A value from outside, for a message: JSON-quoted (so it cannot pass for markup or split a
 * line) and cut to 40 characters, "..." marking the cut.
 */
export function quoteValue(raw: string): string {
  const short = raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
  return JSON.stringify(short);
}

/**
 * Where in a text the 0-based range [start, end) lies, as a person counts (from 1):
 * "at character 5", "at characters 5 to 7", or "at the end" when it starts past the last one.
 */
export function describePosition(text: string, start: number, end: number): string {
  if (start >= text.length) return "at the end";
  return end - start <= 1 ? `at character ${start + 1}` : `at characters ${start + 1} to ${end}`;
}

/**
 * Whether a function text is one the explorer can draw: the parser's own verdict. On refusal,
 * the parser's message with where it found the problem: `unknown name "wobble" (at characters
 * 7 to 12 of "x^2 + wobble")`.
 */
export function checkFunctionText(
  text: string,
): { ok: true; dimension: 1 | 2 } | { ok: false; problem: string } {
  const parsed = trySurface(text);
  if (parsed.ok) return { ok: true, dimension: parsed.surface.dimension };
  const { error } = parsed;
  return {
    ok: false,
    problem: `${error.message} (${describePosition(text, error.start, error.end)} of ${quoteValue(text)})`,
  };
}

/** Cuts a message to MAX_MESSAGE_LENGTH characters. */
function clip(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH
    ? `${message.slice(0, MAX_MESSAGE_LENGTH - 3)}...`
    : message;
}

/** "field.path: problem" for the first issue of a failed check, the path under `prefix`. */
function firstIssue(prefix: readonly PropertyKey[], error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issuePath([...prefix, ...(issue?.path ?? [])])}: ${issue?.message ?? "is not valid"}`;
}

/** An own property only: a key inherited from a prototype is not part of what was sent. */
function own(record: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key)
    ? (record as Record<string, unknown>)[key]
    : undefined;
}

/** The selected run as given: a run index, null, or invalid (then negative or fractional...). */
const selectedRunValue = z.number().int().min(0).nullable();

/**
 * Reads `value` as a scenario document, field by field, falling back to `fallback`:
 *
 * - not an object, or a missing or other `version`: one message, and the whole fallback;
 * - `f`, `box`, `runs`, `playback`, `view`, `selectedRun`, `camera`: each checked alone against
 *   its part of the schema (and `f` by the parser too); a bad or missing one is named
 *   ("box.xmax: needs xmin < xmax; using the default box.") and taken from the fallback;
 * - each run alone: a bad run is left out ("runs[2].params: adam: lr must be ..."), the others
 *   kept; past MAX_RUNS the rest are left out, unread;
 * - `selectedRun` follows its run past the runs left out; an index past the last run given
 *   becomes the last run kept (null when none is kept), with a message;
 * - fields the schema does not know are named and ignored.
 *
 * Never throws, whatever `value` is; the result passes `checkDocument` when `fallback` does,
 * and shares no object with `value` or `fallback`.
 */
export function readDocument(value: unknown, fallback: ScenarioDocument): DocumentReading {
  try {
    return readFields(value, fallback);
  } catch (error) {
    // Only a value built in code (a getter, a proxy) can throw here; data from JSON cannot.
    const reason = error instanceof Error ? error.message : "unknown error";
    return {
      document: structuredClone(fallback),
      messages: [clip(`document: could not be read (${reason}); none of it is used.`)],
    };
  }
}

function readFields(value: unknown, fallback: ScenarioDocument): DocumentReading {
  const problem = documentProblem(value);
  if (problem !== null) {
    return {
      document: structuredClone(fallback),
      messages: [clip(`${problem}; none of it is used.`)],
    };
  }
  const record = value as object;
  const messages: string[] = [];
  const say = (message: string) => messages.push(clip(message));

  const unknown = Object.keys(record).filter((key) => !FIELDS.includes(key));
  if (unknown.length > 0) {
    const named = unknown.slice(0, 5).map(quoteValue).join(", ");
    const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : "";
    say(`document: unknown field${unknown.length > 1 ? "s" : ""} ${named}${more} ignored.`);
  }

  /** One field checked alone: its value, or the fallback's with a message. */
  function field<T>(name: string, schema: z.ZodType<T>, otherwise: T, fallbackText: string): T {
    const parsed = schema.safeParse(own(record, name));
    if (parsed.success) return parsed.data;
    say(`${firstIssue([name], parsed.error)}; ${fallbackText}.`);
    return structuredClone(otherwise);
  }

  let f = field("f", documentSchema.shape.f, fallback.f, "using the default function");
  if (f !== fallback.f) {
    const checked = checkFunctionText(f);
    if (!checked.ok) {
      say(`f: ${checked.problem}; using the default function.`);
      f = fallback.f;
    }
  }
  const box: Box = field("box", boxSchema, fallback.box, "using the default box");

  const { runs, given, keptIndex, keptExactly } = readRuns(own(record, "runs"), fallback.runs, say);

  const playback: PlaybackSettings = field(
    "playback",
    playbackSchema,
    fallback.playback,
    "using the default playback",
  );
  const view: ViewSettings = field("view", viewSchema, fallback.view, "using the default view");
  const camera: CameraSettings | null = field(
    "camera",
    cameraSchema.nullable(),
    fallback.camera,
    "using the default camera",
  );

  let selectedRun: number | null;
  const selected = selectedRunValue.safeParse(own(record, "selectedRun"));
  const last = runs.length > 0 ? runs.length - 1 : null;
  if (!selected.success) {
    say(`${firstIssue(["selectedRun"], selected.error)}; using the default selected run.`);
    selectedRun =
      fallback.selectedRun === null || last === null ? null : Math.min(fallback.selectedRun, last);
  } else if (selected.data === null) {
    selectedRun = null;
  } else if (selected.data >= given) {
    say(
      `selectedRun: there is no run ${selected.data} (runs count from 0, and there ${given === 1 ? "is 1" : `are ${given}`}); ${last === null ? "selecting none" : "selecting the last run"}.`,
    );
    selectedRun = last;
  } else {
    // A run left out takes the selection to the run kept just before it (or the first).
    selectedRun = keptIndex(selected.data);
  }

  const compare = readCompare(own(record, "compare"), keptExactly, say);
  const data = readData(own(record, "data"), say);
  const cloud = readCloud(own(record, "cloud"), say);
  return {
    document: {
      version: DOCUMENT_VERSION,
      f,
      box,
      runs,
      playback,
      view,
      selectedRun,
      camera,
      ...(compare ? { compare } : {}),
      ...(data ? { data } : {}),
      ...(cloud ? { cloud } : {}),
    },
    messages,
  };
}

/** The cloud of random starts, when there is one; a bad one is named and left out. */
function readCloud(value: unknown, say: (message: string) => void): CloudSettings | undefined {
  if (value === undefined) return undefined;
  const parsed = cloudSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  say(`${firstIssue(["cloud"], parsed.error)}; the page opens without the cloud of random starts.`);
  return undefined;
}

/** The data scenario, when there is one; a bad one is named and the typed function shown. */
function readData(value: unknown, say: (message: string) => void): DataSettings | undefined {
  if (value === undefined) return undefined;
  const parsed = dataSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  say(`${firstIssue(["data"], parsed.error)}; showing the typed function instead.`);
  return undefined;
}

/**
 * The comparison, when there is one: checked against its schema, its run indices followed past
 * the runs left out (a variant left out leaves the comparison, the others stay). A bad one is
 * named and dropped; the runs stay as ordinary runs.
 */
function readCompare(
  value: unknown,
  keptExactly: (index: number) => number | null,
  say: (message: string) => void,
): CompareSettings | undefined {
  if (value === undefined) return undefined;
  const parsed = compareSchema.safeParse(value);
  if (!parsed.success) {
    say(`${firstIssue(["compare"], parsed.error)}; the runs are shown without the comparison.`);
    return undefined;
  }
  const runs: number[] = [];
  for (const [position, index] of parsed.data.runs.entries()) {
    const kept = keptExactly(index);
    if (kept === null) {
      say(`compare.runs[${position}]: there is no run ${index} to compare; it is left out.`);
    } else if (!runs.includes(kept)) runs.push(kept);
  }
  if (runs.length === 0) {
    say("compare: none of its runs is kept; the runs are shown without the comparison.");
    return undefined;
  }
  return { by: parsed.data.by, runs };
}

/**
 * The runs field: each run checked alone. `given` is how many runs the selection may point
 * into (the runs given, or the fallback's when the field itself fell back); `keptIndex` maps
 * an index among them to the index among the runs kept.
 */
function readRuns(
  value: unknown,
  fallbackRuns: readonly RunSettings[],
  say: (message: string) => void,
): {
  runs: RunSettings[];
  given: number;
  keptIndex: (index: number) => number | null;
  /** The index among the runs kept of run `index` given, or null when it was not kept. */
  keptExactly: (index: number) => number | null;
} {
  if (!Array.isArray(value)) {
    const problem = value === undefined ? "missing" : `${describeKind(value)}, not a list of runs`;
    say(`runs: ${problem}; using the default runs.`);
    const runs = structuredClone(fallbackRuns) as RunSettings[];
    return {
      runs,
      given: runs.length,
      keptIndex: (index) => index,
      keptExactly: (index) => (index < runs.length ? index : null),
    };
  }
  const given = value.length;
  if (given > MAX_RUNS) {
    say(
      `runs: ${given} runs, more than the ${MAX_RUNS} a document may hold; the runs after the first ${MAX_RUNS} are left out.`,
    );
  }
  const runs: RunSettings[] = [];
  /** keptBefore[i]: how many of the runs 0..i-1 were kept. */
  const keptBefore: number[] = [];
  const kept: boolean[] = [];
  for (let index = 0; index < Math.min(given, MAX_RUNS); index += 1) {
    keptBefore.push(runs.length);
    const parsed = runSchema.safeParse(value[index]);
    kept.push(parsed.success);
    if (parsed.success) runs.push(parsed.data);
    else say(`${firstIssue(["runs", index], parsed.error)}; the run is left out.`);
  }
  const keptIndex = (index: number): number | null => {
    if (runs.length === 0) return null;
    if (kept[index] === true) return keptBefore[index]!;
    const before = keptBefore[index] ?? runs.length;
    return Math.max(0, before - 1);
  };
  const keptExactly = (index: number): number | null =>
    kept[index] === true ? keptBefore[index]! : null;
  return { runs, given, keptIndex, keptExactly };
}

/**
 * Structural equality of plain data (what JSON can hold): same keys with equal values at any
 * depth, in any key order; a key holding `undefined` counts as absent. Used to tell whether a
 * picture is still exactly a preset.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameData(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameData(own(left, key), own(right, key))) return false;
  return true;
}
