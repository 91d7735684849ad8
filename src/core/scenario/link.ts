/**
 * Shareable links for a scenario document, read and written from one table of parameters
 * (one row per parameter: its name, how it reads, how it writes, what it falls back to), so the
 * two directions cannot drift apart.
 *
 * A link is `?box=..&f=..&start=..&optimizer=..&lr=..&s=..`, or `?scenario=<id>` for an
 * unchanged preset. The readable parameters work as they always have (people write them by
 * hand): `f`, `box`, the first run's `start`, `optimizer` and `lr`, and `presenter=1` (presenter
 * mode; `?scenario=<id>&presenter=1` for a preset shown that way). `s` carries the rest of the
 * document, packed (lz-string, URL-safe). Reading starts from the named preset (or the default
 * one), lays `s` over it, then lets each readable parameter change its field, so a person
 * editing `f=` or `lr=` by hand sees the effect.
 *
 * A link comes from anyone: each parameter is checked on its own, a bad one is named in a
 * message and falls back alone, nothing in a link is evaluated as code (`f` goes through the
 * parser's whitelist, after a length cap), and `s` is capped before and while it is unpacked.
 */
import { z } from "zod";
import { boxProblem } from "../box.ts";
import { getOptimizer, optimizerNames, resolveParams } from "../optimizers/index.ts";
import { MAX_EXPRESSION_LENGTH } from "../parse.ts";
import {
  completeRun,
  makeDocument,
  MAX_COORDINATE,
  type Box,
  type RunSettings,
  type ScenarioDocument,
} from "./document.ts";
import { packDocument, unpackDocument } from "./packed.ts";
import type { Preset } from "./preset.ts";
import { findLesson, type Lesson, type LessonPosition } from "../lessons/lesson.ts";
import { checkFunctionText, quoteValue, sameData } from "./read.ts";
import { builtinSources, sourceDefaults, type DataSourceKey } from "../data/sources.ts";
import { modelKeys, type ModelKey } from "../data/models.ts";
import { lossKeys, type LossKey } from "../data/loss.ts";

/** Longest function text a link may carry (the parser's own cap); longer ones are refused unread. */
export const MAX_LINK_F_LENGTH = MAX_EXPRESSION_LENGTH;
/** Largest coordinate magnitude a link may carry (the document's own bound). */
export const MAX_LINK_COORDINATE = MAX_COORDINATE;
/**
 * Longest address the explorer offers to share: browsers, chat programs and servers cut or
 * refuse longer ones at varying lengths, and 8000 characters passes the common ones.
 */
export const MAX_LINK_LENGTH = 8000;

/** True when a whole address (origin, path and query) is too long to share safely. */
export function linkTooLong(link: string): boolean {
  return link.length > MAX_LINK_LENGTH;
}

/** The presets and lessons a link may name, and the preset it starts from when it names none. */
export interface LinkOptions {
  presets: readonly Preset[];
  defaultPresetId: string;
  /** The lessons `lesson=<id>&step=<n>` may open (none when left out). */
  lessons?: readonly Lesson[];
}

/** A link read: the picture, the preset it still is exactly (if any), and what was refused. */
export interface LinkReading {
  document: ScenarioDocument;
  /** The preset the link starts from, when the picture is still exactly that preset's. */
  presetId: string | null;
  /** One message per refused parameter or field: which, what is wrong, what is used instead. */
  messages: string[];
  /** The lesson step the link opens (its picture, then any change the link makes), or null. */
  lesson: LessonPosition | null;
  /**
   * Set when a hand-written link asks for a data scenario (`data=`, `model=` or `loss=` without
   * `s`): its box and first run still need laying out over the parameters once the data is at
   * hand (see core/data/sources.ts `dataLayout`), except what the link gave itself.
   */
  dataLayout?: { keepBox: boolean; keepStart: boolean; keepLr: boolean } | null;
}

/**
 * The start a hand-written link's run takes when it names none: 80% across the box and 75%
 * up, away from the centre where most functions have their feature:
 * (xmin + 0.8 (xmax − xmin), ymin + 0.75 (ymax − ymin)).
 */
export function defaultStart(box: Box): number[] {
  return [box.xmin + 0.8 * (box.xmax - box.xmin), box.ymin + 0.75 * (box.ymax - box.ymin)];
}

/** The picture as it is being read. */
interface ReadingState {
  readonly presets: readonly Preset[];
  readonly lessons: readonly Lesson[];
  /** The lesson step read so far, if the link names one. */
  lesson: LessonPosition | null;
  /** The preset the picture starts from; null only when no preset was given at all. */
  base: Preset | null;
  document: ScenarioDocument;
  messages: string[];
  /** `s` was read: the readable parameters then change the runs it carried. */
  carried: boolean;
  /** A hand-written link's own `f` was accepted (so its run does not build on the preset's). */
  linkF: boolean;
  /** A hand-written link's own run has replaced the preset's runs. */
  ownRun: boolean;
  /** A hand-written link changed the data scenario (see `LinkReading.dataLayout`). */
  linkData: boolean;
}

/** Records a refused parameter: `Link parameter "<name>": <text>; <fallback>.` */
type Refuse = (text: string, fallback?: string) => void;

/** One row of the table. */
interface LinkParameter {
  name: string;
  /**
   * "base" rows choose the picture and are read first (`scenario`, then `s`); "edit" rows then
   * change one field of it each, in table order (`box` before `f`: a new run's start is
   * placed in the box).
   */
  role: "base" | "edit";
  /** What a refused value falls back to, as the message says it. */
  fallback: string;
  /** Checks the raw value and applies it to the picture being read, or refuses it. */
  read(raw: string, state: ReadingState, refuse: Refuse): void;
  /** The value that reproduces this part of `document`, or null to leave the parameter out. */
  write(document: ScenarioDocument): string | null;
}

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const numberText = z
  .string()
  .trim()
  .max(40, "is too long to be a number")
  .regex(NUMBER_PATTERN, "is not a number")
  .transform(Number)
  .refine(Number.isFinite, "is too large to be a number");

const coordinateText = numberText.refine(
  (value) => Math.abs(value) <= MAX_LINK_COORDINATE,
  `is outside -${MAX_LINK_COORDINATE} to ${MAX_LINK_COORDINATE}`,
);

const startText = z
  .string()
  .max(200, "is too long")
  .transform((text) => text.split(","))
  .pipe(
    z
      .array(coordinateText)
      .min(1, "needs one or two numbers, x or x,y")
      .max(2, "needs one or two numbers, x or x,y"),
  );

const boxText = z
  .string()
  .max(200, "is too long")
  .transform((text) => text.split(","))
  .pipe(z.array(coordinateText).length(4, "needs four numbers xmin,xmax,ymin,ymax"))
  .transform(([xmin, xmax, ymin, ymax]): Box => ({
    xmin: xmin!,
    xmax: xmax!,
    ymin: ymin!,
    ymax: ymax!,
  }))
  .superRefine((box, context) => {
    const problem = boxProblem(box);
    if (problem) context.addIssue({ code: "custom", message: `needs ${problem.message}` });
  });

const nameText = z.string().max(100, "is too long");

/** An on/off switch as people write it: 1, true, on, yes, or 0, false, off, no. */
const switchText = z
  .string()
  .trim()
  .toLowerCase()
  .max(10, "is not 1 or 0")
  .refine((text) => SWITCH_WORDS.has(text), "is not 1 or 0")
  .transform((text) => SWITCH_WORDS.get(text)!);

const SWITCH_WORDS = new Map<string, boolean>([
  ["1", true],
  ["true", true],
  ["on", true],
  ["yes", true],
  ["0", false],
  ["false", false],
  ["off", false],
  ["no", false],
]);

/** The value of `raw` under `schema`, or undefined after refusing it with the schema's reason. */
function checked<T>(
  schema: z.ZodType<T, string>,
  raw: string,
  refuse: Refuse,
  fallback?: string,
): T | undefined {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  refuse(`${quoteValue(raw)} ${parsed.error.issues[0]?.message ?? "is not valid"}`, fallback);
  return undefined;
}

/**
 * The first run, which `start`, `optimizer` and `lr` describe. When `s` was read, or the link
 * already set up its run, that is the picture's first run (a new default one if it has none).
 * Otherwise the link is hand-written and, as links always have, asks for ONE run of its own in
 * place of the preset's: built on the preset's first run (start, optimizer, parameters, step
 * budget), or from scratch (gradient descent at `defaultStart`) when the link gives its own
 * `f`. With `install` false the run is only looked at, and the picture is left as it is.
 */
function firstRun(state: ReadingState, install: boolean): RunSettings {
  const { document } = state;
  const existing = document.runs[0];
  if (existing !== undefined && (state.carried || state.ownRun)) return existing;
  const baseRun = state.carried || state.linkF ? undefined : existing;
  const run = completeRun(
    {
      start: baseRun?.start ?? defaultStart(document.box),
      optimizer: baseRun?.optimizer ?? "gd",
      params: baseRun?.params,
      maxSteps: baseRun?.maxSteps,
    },
    [],
    1,
  );
  if (install) {
    document.runs = [run];
    document.selectedRun = 0;
    state.ownRun = true;
  }
  return run;
}

/** 1 or 2 for a function text that parses, undefined otherwise. */
function dimensionOf(text: string): 1 | 2 | undefined {
  const result = checkFunctionText(text);
  return result.ok ? result.dimension : undefined;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** How a refused optimizer's replacement is named: the run keeps its own. */
function keptOptimizer(name: string): string {
  if (name === "gd") return "using gradient descent";
  return `keeping ${getOptimizer(name)?.label ?? name}`;
}

/**
 * `s` read: laid over the picture so far (see `unpackDocument`), each bad field named as
 * `Link parameter "s": <field>: <problem>; <fallback>.`, or refused whole with the reason.
 */
function readPacked(raw: string, state: ReadingState, refuse: Refuse): void {
  const result = unpackDocument(raw, state.document);
  if (!result.ok) {
    refuse(result.problem);
    return;
  }
  state.document = result.reading.document;
  state.carried = true;
  for (const message of result.reading.messages) {
    state.messages.push(`Link parameter "s": ${message}`);
  }
}

/**
 * The entry of `entries` whose id a link names, or undefined after refusing the name:
 * `"<raw>" is not a <kind> (known: <ids>)`.
 */
function named<T extends { id: string }>(
  entries: readonly T[],
  kind: string,
  raw: string,
  refuse: Refuse,
): T | undefined {
  const id = checked(nameText, raw, refuse);
  if (id === undefined) return undefined;
  const found = entries.find((entry) => entry.id === id);
  if (found === undefined) {
    const known = entries.map((entry) => entry.id).join(", ");
    refuse(`${quoteValue(raw)} is not a ${kind} (known: ${known || "none"})`);
  }
  return found;
}

/** The picture of a lesson's step, as the base the rest of the link is read over. */
function openLessonStep(state: ReadingState, lesson: Lesson, step: number): void {
  state.lesson = { id: lesson.id, step };
  state.base = null;
  state.document = structuredClone(lesson.steps[step]!.document);
}

/** The table: read and written in this order (reading takes the "base" rows first). */
const PARAMETERS: readonly LinkParameter[] = [
  {
    name: "scenario",
    role: "base",
    fallback: "using the default scenario",
    read(raw, state, refuse) {
      const preset = named(state.presets, "scenario", raw, refuse);
      if (preset === undefined) return;
      state.base = preset;
      state.document = structuredClone(preset.document);
    },
    // An unchanged preset is named alone (see writeLink); a changed picture carries all of it.
    write: () => null,
  },
  {
    name: "lesson",
    role: "base",
    fallback: "no lesson is opened",
    read(raw, state, refuse) {
      const withSteps = state.lessons.filter((lesson) => lesson.steps.length > 0);
      const lesson = named(withSteps, "lesson", raw, refuse);
      if (lesson !== undefined) openLessonStep(state, lesson, 0);
    },
    // Written by writeLink with the step, as the lesson's position is not part of the picture.
    write: () => null,
  },
  {
    name: "step",
    role: "base",
    fallback: "opening the lesson's first step",
    read(raw, state, refuse) {
      const position = state.lesson;
      if (position === null) {
        refuse(`${quoteValue(raw)} names a lesson step, but the link names no lesson`, "ignored");
        return;
      }
      const lesson = findLesson(state.lessons, position.id)!;
      const count = lesson.steps.length;
      const number = checked(
        z
          .string()
          .trim()
          .regex(/^\d{1,3}$/, `is not a step number from 1 to ${count}`)
          .transform(Number)
          .refine((n) => n >= 1 && n <= count, `is not a step number from 1 to ${count}`),
        raw,
        refuse,
      );
      if (number !== undefined) openLessonStep(state, lesson, number - 1);
    },
    write: () => null,
  },
  {
    name: "box",
    role: "edit",
    fallback: "using the default box",
    read(raw, state, refuse) {
      const box = checked(boxText, raw, refuse);
      if (box !== undefined) state.document.box = box;
    },
    write: ({ box }) => [box.xmin, box.xmax, box.ymin, box.ymax].map(String).join(","),
  },
  {
    name: "f",
    role: "edit",
    fallback: "using the default function",
    read(raw, state, refuse) {
      if (raw.length > MAX_LINK_F_LENGTH) {
        refuse(`${quoteValue(raw)} is too long (at most ${MAX_LINK_F_LENGTH} characters)`);
        return;
      }
      if (state.carried && raw === state.document.f) return;
      const result = checkFunctionText(raw);
      if (!result.ok) {
        refuse(result.problem);
        return;
      }
      state.document.f = raw;
      if (!state.carried) {
        state.linkF = true;
        firstRun(state, true);
      }
    },
    write: ({ f }) => f,
  },
  {
    name: "start",
    role: "edit",
    fallback: "using the default start",
    read(raw, state, refuse) {
      const start = checked(startText, raw, refuse);
      if (start === undefined) return;
      const current = state.document.runs[0];
      if (state.carried && current !== undefined && sameNumbers(start, current.start)) return;
      const dimension = dimensionOf(state.document.f);
      if (dimension === 2 && start.length !== 2) {
        refuse(`${quoteValue(raw)} needs two numbers x,y for a function of x and y`);
        return;
      }
      firstRun(state, true).start = dimension === 1 ? start.slice(0, 1) : start;
    },
    write: ({ runs }) => runs[0]?.start.map(String).join(",") ?? null,
  },
  {
    name: "optimizer",
    role: "edit",
    fallback: "using gradient descent",
    read(raw, state, refuse) {
      const fallback = keptOptimizer(firstRun(state, false).optimizer);
      const name = checked(nameText, raw, refuse, fallback);
      if (name === undefined) return;
      const definition = getOptimizer(name);
      if (definition === undefined) {
        refuse(
          `${quoteValue(raw)} is not an optimizer (known: ${optimizerNames.join(", ")})`,
          fallback,
        );
        return;
      }
      const run = firstRun(state, true);
      // A hand-written optimizer starts from its own defaults, as it always has.
      if (!state.carried || run.optimizer !== definition.name) {
        run.optimizer = definition.name;
        run.params = resolveParams(definition.name);
      }
    },
    write: ({ runs }) => runs[0]?.optimizer ?? null,
  },
  {
    name: "lr",
    role: "edit",
    fallback: "using the default learning rate",
    read(raw, state, refuse) {
      const lr = checked(numberText, raw, refuse);
      if (lr === undefined) return;
      const run = firstRun(state, false);
      if (state.carried && run.params.lr === lr) return;
      const spec = getOptimizer(run.optimizer)?.params.find((param) => param.key === "lr");
      if (spec === undefined) {
        refuse(`optimizer "${run.optimizer}" has no learning rate`, "ignored");
        return;
      }
      if (!(lr >= spec.min && lr <= spec.max)) {
        refuse(
          `${quoteValue(raw)} is outside ${spec.min} to ${spec.max}`,
          `using the default learning rate ${run.params.lr ?? spec.default}`,
        );
        return;
      }
      firstRun(state, true).params.lr = lr;
    },
    write: ({ runs }) => {
      const lr = runs[0]?.params.lr;
      return lr === undefined ? null : String(lr);
    },
  },
  {
    name: "data",
    role: "edit",
    fallback: "keeping the picture's function",
    read(raw, state, refuse) {
      const key = checked(nameText, raw, refuse);
      if (key === undefined) return;
      if (key === "csv") {
        refuse(`${quoteValue(raw)}: your own data travels in saved scenario files, not in links`);
        return;
      }
      const source = builtinSources.find((entry) => entry.key === key)?.key;
      if (source === undefined) {
        const known = builtinSources.map((entry) => entry.key).join(", ");
        refuse(`${quoteValue(raw)} is not a dataset (known: ${known})`);
        return;
      }
      if (state.document.data?.source === source) return;
      setData(state, source, sourceDefaults[source]);
    },
    write: ({ data }) => (data === undefined || data.source === "csv" ? null : data.source),
  },
  {
    name: "model",
    role: "edit",
    fallback: "keeping the data's model",
    read(raw, state, refuse) {
      const model = dataPart(state, "model", modelKeys, raw, refuse);
      if (model === undefined || state.document.data?.model === model) return;
      const data = state.document.data;
      setData(state, data?.source ?? "line", { model, loss: data?.loss ?? "mse" });
    },
    write: ({ data }) => (data === undefined || data.source === "csv" ? null : data.model),
  },
  {
    name: "loss",
    role: "edit",
    fallback: "keeping the data's loss",
    read(raw, state, refuse) {
      const loss = dataPart(state, "loss", lossKeys, raw, refuse);
      if (loss === undefined || state.document.data?.loss === loss) return;
      const data = state.document.data;
      const source = data?.source ?? "line";
      setData(state, source, { model: data?.model ?? sourceDefaults[source].model, loss });
    },
    write: ({ data }) => (data === undefined || data.source === "csv" ? null : data.loss),
  },
  {
    name: "standardize",
    role: "edit",
    fallback: "the inputs stay as they are",
    read(raw, state, refuse) {
      const on = checked(switchText, raw, refuse);
      const data = state.document.data;
      if (on === undefined || data === undefined || data.standardize === on) return;
      if (!state.carried) state.linkData = true;
      state.document.data = { ...data, standardize: on };
    },
    write: ({ data }) => (data?.standardize === true && data.source !== "csv" ? "1" : null),
  },
  {
    name: "presenter",
    role: "edit",
    fallback: "presenter mode stays as it was",
    read(raw, state, refuse) {
      const on = checked(switchText, raw, refuse);
      if (on !== undefined) state.document.view = { ...state.document.view, presenter: on };
    },
    write: ({ view }) => (view.presenter ? "1" : null),
  },
  {
    name: "s",
    role: "base",
    fallback: "it is ignored",
    read: readPacked,
    write: packDocument,
  },
];

/**
 * A data scenario from a hand-written link: the source with its model and loss, replacing the
 * typed function's picture. Without `s` the box and first run are laid out over the parameters
 * when the data is at hand (`LinkReading.dataLayout`).
 */
function setData(
  state: ReadingState,
  source: DataSourceKey,
  fit: { model: ModelKey; loss: LossKey },
): void {
  const current = state.document.data;
  state.document.data = {
    ...current,
    source,
    model: fit.model,
    loss: fit.loss,
    standardize: current?.standardize ?? false,
  };
  if (current?.source !== source) delete state.document.data.points;
  if (!state.carried) {
    // As with its own `f`, a hand-written link's data scenario gets one run of its own, laid
    // out over the parameters once the data is at hand.
    state.linkData = true;
    state.linkF = true;
    firstRun(state, true);
  }
}

/** A model or loss named by a link, or undefined after refusing it. */
function dataPart<T extends string>(
  state: ReadingState,
  name: string,
  known: readonly T[],
  raw: string,
  refuse: Refuse,
): T | undefined {
  const key = checked(nameText, raw, refuse);
  if (key === undefined) return undefined;
  const found = known.find((entry) => entry === key);
  if (found === undefined) {
    refuse(`${quoteValue(raw)} is not a ${name} (known: ${known.join(", ")})`);
    return undefined;
  }
  return found;
}

/** A query value: percent-encoded, except "," "$" which read back as themselves. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%2C/g, ",").replace(/%24/g, "$");
}

/** The picture when no preset is given at all: a bowl with no runs. */
function emptyDocument(): ScenarioDocument {
  return makeDocument("x^2 + y^2", { xmin: -3, xmax: 3, ymin: -3, ymax: 3 }, []);
}

/**
 * Reads a link's query string (with or without the leading "?"). The picture starts as the
 * preset `scenario` names (else `defaultPresetId`, else the first preset), `s` is laid over it,
 * then `box`, `f`, `start`, `optimizer` and `lr` change their fields; each refused parameter
 * or field is explained in `messages` and falls back alone. Without `s` (or with one refused
 * whole) a link asking for `f`, `start`, `optimizer` or `lr` gets one run of its own, as
 * hand-written links always have. A repeated parameter counts once, first value first; other
 * parameters are ignored. Never throws; the document always passes `checkDocument`.
 * `presetId` is the starting preset's id when the picture is still exactly that preset's.
 */
export function readLink(search: string, options: LinkOptions): LinkReading {
  const base =
    options.presets.find((preset) => preset.id === options.defaultPresetId) ??
    options.presets[0] ??
    null;
  const state: ReadingState = {
    presets: options.presets,
    lessons: options.lessons ?? [],
    lesson: null,
    base,
    document: base ? structuredClone(base.document) : emptyDocument(),
    messages: [],
    carried: false,
    linkF: false,
    ownRun: false,
    linkData: false,
  };
  const query = new URLSearchParams(search);
  for (const role of ["base", "edit"] as const) {
    for (const row of PARAMETERS) {
      if (row.role !== role) continue;
      const raw = query.get(row.name);
      if (raw === null) continue;
      row.read(raw, state, (text, fallback = row.fallback) => {
        state.messages.push(`Link parameter "${row.name}": ${text}; ${fallback}.`);
      });
    }
  }
  const unchanged = state.base !== null && samePicture(state.document, state.base.document);
  return {
    document: state.document,
    presetId: unchanged ? state.base!.id : null,
    messages: state.messages,
    lesson: state.lesson,
    ...(state.linkData && state.document.data !== undefined
      ? {
          dataLayout: {
            keepBox: query.has("box"),
            keepStart: query.has("start"),
            keepLr: query.has("lr"),
          },
        }
      : {}),
  };
}

/**
 * True when two documents show the same picture, however it is presented: everything but
 * presenter mode is the same. A preset opened in presenter mode is still that preset, so its
 * link stays `?scenario=<id>&presenter=1`.
 */
export function samePicture(a: ScenarioDocument, b: ScenarioDocument): boolean {
  const plain = (document: ScenarioDocument) => ({
    ...document,
    view: { ...document.view, presenter: false },
  });
  return sameData(plain(a), plain(b));
}

/** A lesson step to name in a link, and whether the picture is still exactly that step's. */
export interface LinkLesson {
  position: LessonPosition;
  unchanged: boolean;
}

/**
 * The query string (starting with "?") that reopens `document`: `?scenario=<presetId>` (and
 * `&presenter=1` in presenter mode) when the caller says the picture is that preset's
 * (`presetId` non-null, see `samePicture`), otherwise every parameter of the table that has
 * something to say, `s` last. With a lesson step open, the link names it, `lesson=<id>&step=<n>`
 * (counting steps from 1): alone (and presenter) while the picture is that step's, otherwise
 * after the picture's parameters, so the link reopens the lesson at that step with the picture
 * as it was changed.
 */
export function writeLink(
  document: ScenarioDocument,
  presetId: string | null,
  lesson: LinkLesson | null = null,
): string {
  const presenter = document.view.presenter ? "&presenter=1" : "";
  const lessonPart =
    lesson === null ? "" : `lesson=${encode(lesson.position.id)}&step=${lesson.position.step + 1}`;
  if (lesson !== null && lesson.unchanged) return `?${lessonPart}${presenter}`;
  if (presetId !== null && lesson === null) return `?scenario=${encode(presetId)}${presenter}`;
  const parts: string[] = [];
  for (const row of PARAMETERS) {
    const value = row.write(document);
    if (value !== null) parts.push(`${row.name}=${encode(value)}`);
  }
  if (lessonPart !== "") parts.push(lessonPart);
  return `?${parts.join("&")}`;
}
