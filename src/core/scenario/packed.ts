/**
 * The packed form of a document, for the one compact parameter `s` of a link: the document's
 * JSON without `f` and `box` (the link's readable parameters carry them) and without every
 * value that equals its default, packed with lz-string into URL-safe text.
 *
 * The defaults are the ones a document is made with (`makeDocument`, `completeRun`): a run's
 * label and colour the next free ones, its parameters the optimizer's, seed k + 1 for run k,
 * the analytic gradient, the default step budget; playback at step 0, the default view, the
 * first run selected, the default camera. So a typical picture packs to a few hundred
 * characters, and reading fills in exactly what writing left out.
 */
import { getOptimizer } from "../optimizers/index.ts";
import { packText, unpackText } from "./compress.ts";
import {
  completeRun,
  documentProblem,
  makeDocument,
  MAX_RUNS,
  type Box,
  type RunSettings,
  type ScenarioDocument,
} from "./document.ts";
import { readDocument, sameData, type DocumentReading } from "./read.ts";

/** Longest packed text read at all; a longer one is refused before unpacking. */
export const MAX_PACKED_LENGTH = 20_000;
/** Most characters packed text may unpack to; unpacking stops there. */
export const MAX_UNPACKED_LENGTH = 200_000;

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function has(object: PlainObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** The run a document would make at position `index` after `previous` from this start and rule. */
function defaultRun(
  run: Pick<RunSettings, "start" | "optimizer">,
  previous: readonly RunSettings[],
  index: number,
): RunSettings {
  return completeRun({ start: run.start, optimizer: run.optimizer }, previous, index + 1);
}

/** The document-level fields a picture of these runs is made with. */
function documentDefaults(f: string, box: Box, runCount: number): PlainObject {
  const { playback, view, camera } = makeDocument(f, box, []);
  return { playback, view, camera, selectedRun: runCount > 0 ? 0 : null };
}

/** A run without what `completeRun` would give it anyway; its start and optimizer always stay. */
function packRun(run: RunSettings, previous: readonly RunSettings[], index: number): PlainObject {
  const usual = defaultRun(run, previous, index);
  const packed: PlainObject = {};
  for (const [key, value] of Object.entries(run)) {
    if (key === "params") {
      const changed = Object.entries(run.params).filter(([name, v]) => usual.params[name] !== v);
      if (changed.length > 0) packed.params = Object.fromEntries(changed);
    } else if (
      key === "start" ||
      key === "optimizer" ||
      !sameData(value, usual[key as keyof RunSettings])
    ) {
      packed[key] = value;
    }
  }
  return packed;
}

/**
 * A packed run made whole again: each missing field from `completeRun`, given parameters over
 * the optimizer's defaults. A run too broken to have defaults (no known optimizer) is left as
 * it is, for `readDocument` to name what is wrong.
 */
function unpackRun(value: unknown, previous: readonly RunSettings[], index: number): unknown {
  if (!isPlainObject(value)) return value;
  const optimizer = has(value, "optimizer") ? value.optimizer : undefined;
  const definition = typeof optimizer === "string" ? getOptimizer(optimizer) : undefined;
  if (definition === undefined) return value;
  const usual = defaultRun({ start: [], optimizer: definition.name }, previous, index);
  // Spreading copies a "__proto__" key as a plain key, which the schema then refuses.
  const run: PlainObject = { ...value };
  for (const [key, fallback] of Object.entries(usual)) {
    if (key === "start") continue;
    if (!has(run, key)) run[key] = fallback;
    else if (key === "params" && isPlainObject(run.params)) {
      run.params = { ...usual.params, ...run.params };
    }
  }
  return run;
}

/** Packs a document for `s`: see the module comment for what is left out. */
export function packDocument(document: ScenarioDocument): string {
  const defaults = documentDefaults(document.f, document.box, document.runs.length);
  const packed: PlainObject = { version: document.version };
  packed.runs = document.runs.map((run, index) =>
    packRun(run, document.runs.slice(0, index), index),
  );
  // A comparison and a cloud have no default: present, it is packed; absent, it stays absent.
  for (const key of ["playback", "view", "selectedRun", "camera", "compare", "cloud"] as const) {
    if (!sameData(document[key], defaults[key])) packed[key] = document[key];
  }
  return packText(JSON.stringify(packed));
}

/**
 * Reads `s` over `base` (the picture so far, which supplies `f` and `box`): refused whole,
 * with the reason, when longer than MAX_PACKED_LENGTH (unread), when it would unpack to more
 * than MAX_UNPACKED_LENGTH characters, is damaged, is not JSON, or is not a document of this
 * version; otherwise made whole (missing values take their defaults) and read field by field
 * by `readDocument`, each bad field falling back alone to `base`'s.
 */
export function unpackDocument(
  packed: string,
  base: ScenarioDocument,
): { ok: true; reading: DocumentReading } | { ok: false; problem: string } {
  if (packed.length > MAX_PACKED_LENGTH) {
    return {
      ok: false,
      problem: `is ${packed.length} characters long, more than ${MAX_PACKED_LENGTH}`,
    };
  }
  const unpacked = unpackText(packed, MAX_UNPACKED_LENGTH);
  if (!unpacked.ok) {
    return {
      ok: false,
      problem:
        unpacked.reason === "too-large"
          ? `unpacks to more than ${MAX_UNPACKED_LENGTH} characters`
          : "does not unpack (the link was cut short or altered)",
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(unpacked.text);
  } catch {
    return { ok: false, problem: "does not hold a scenario (its text is not JSON)" };
  }
  const problem = documentProblem(value);
  if (problem !== null) return { ok: false, problem };
  const record = value as PlainObject;
  const whole: PlainObject = { f: base.f, box: base.box, ...record };
  const given = has(record, "runs") ? record.runs : undefined;
  if (Array.isArray(given)) {
    const runs: unknown[] = [];
    // Past the most runs a document holds, readDocument leaves the rest out unread.
    for (const run of given.slice(0, MAX_RUNS)) {
      runs.push(unpackRun(run, runs as RunSettings[], runs.length));
    }
    whole.runs = given.length > MAX_RUNS ? [...runs, ...given.slice(MAX_RUNS)] : runs;
  }
  const runCount = Array.isArray(whole.runs) ? whole.runs.length : 0;
  const defaults = documentDefaults(base.f, base.box, runCount);
  for (const [key, fallback] of Object.entries(defaults)) {
    if (!has(whole, key)) whole[key] = fallback;
  }
  return { ok: true, reading: readDocument(whole, base) };
}
