/**
 * The scenario document: the one plain-data description of what the explorer shows. Links,
 * saved files, the browser session, presets and the command line's `--scenario` all read and
 * write this shape, so a picture survives every one of them unchanged.
 *
 * One zod schema is the only definition. Every number in it is bounded, so a document from
 * anywhere (a link, a file, stored state) can be checked and then used without further guards.
 */
import { z } from "zod";
import {
  getOptimizer,
  noiseSpec,
  optimizerNames,
  resolveParams,
  resolveSchedule,
  scheduleNames,
  type OptimizerName,
  type ScheduleName,
} from "../optimizers/index.ts";
import { boxProblem } from "../box.ts";
import { MAX_EXPRESSION_LENGTH } from "../parse.ts";
import { codePointText, findInvisible } from "../invisible.ts";
import { gradientSourceKeys } from "../gradientSources.ts";
import { defaultMaxSteps } from "../optimizers/engine.ts";
import { compareByKeys, MAX_VARIANTS } from "../compare/settings.ts";
import { maxCsvRows } from "../data/csv.ts";
import { dataSourceKeys } from "../data/sources.ts";
import { modelKeys, type ModelKey } from "../data/models.ts";
import { lossKeys, type LossKey } from "../data/loss.ts";

/** The document format's version; a document of another version is refused with a message. */
export const DOCUMENT_VERSION = 1;

/** Largest coordinate a document may carry (box edges, starts). */
export const MAX_COORDINATE = 1e6;
/** Most runs one document may hold. */
export const MAX_RUNS = 16;
/** Largest step budget a run of a document may ask for (every iterate is kept in memory). */
export const MAX_DOCUMENT_STEPS = 100_000;
/** Step budget of a run when nobody sets one: the same default as every run of the core. */
export { defaultMaxSteps as DEFAULT_MAX_STEPS } from "../optimizers/engine.ts";
/** Longest run label. */
export const MAX_LABEL_LENGTH = 40;
/** Playback speeds offered, in steps per second. */
export const SPEED_RANGE = { min: 1, max: 240 } as const;
/** Playback speed when nobody sets one. */
export const DEFAULT_SPEED = 20;
/** Largest seed of the random rules (an unsigned 32-bit integer). */
export const MAX_SEED = 2 ** 32 - 1;

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const RUN_PALETTE = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#F0E442",
] as const;

const finite = z.number().refine(Number.isFinite, "must be a finite number");

/** A number from `min` to `max`, refused in those words. */
function numberFrom(min: number, max: number) {
  const message = `must be a number from ${min} to ${max}`;
  return z.number(message).min(min, message).max(max, message);
}

/** A whole number from `min` to `max`, refused in those words. */
function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.number(message).int(message).min(min, message).max(max, message);
}

const coordinate = finite.refine(
  (value) => Math.abs(value) <= MAX_COORDINATE,
  `must be between -${MAX_COORDINATE} and ${MAX_COORDINATE}`,
);

/** The domain box: finite edges with xmin < xmax and ymin < ymax. */
export const boxSchema = z
  .object({ xmin: coordinate, xmax: coordinate, ymin: coordinate, ymax: coordinate })
  .strict()
  .superRefine((box, context) => {
    const problem = boxProblem(box);
    if (problem)
      context.addIssue({ code: "custom", path: [problem.edge], message: problem.message });
  });

/**
 * A learning-rate schedule: its name and every parameter by PyTorch's name, each within its
 * range (see core/optimizers/schedules.ts).
 */
export const scheduleSchema = z
  .object({
    kind: z.enum(scheduleNames as [ScheduleName, ...ScheduleName[]]),
    params: z.record(z.string().max(40), finite),
  })
  .strict()
  .superRefine((schedule, context) => {
    try {
      const full = resolveSchedule(schedule.kind, schedule.params);
      const missing = Object.keys(full.params).filter((key) => !(key in schedule.params));
      if (missing.length > 0) {
        context.addIssue({
          code: "custom",
          path: ["params"],
          message: `misses ${missing.join(", ")} of the ${schedule.kind} schedule`,
        });
      }
    } catch (error) {
      context.addIssue({ code: "custom", path: ["params"], message: (error as Error).message });
    }
  });

/**
 * A label: trimmed, not empty, at most `max` characters, with no invisible character (one that
 * reorders the text around it would turn a legend or a run's line around; see ../invisible.ts).
 */
function visibleText(max: number) {
  return z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max)
    .superRefine((text, context) => {
      const invisible = findInvisible(text);
      if (invisible !== null) {
        context.addIssue({
          code: "custom",
          message: `must not contain invisible characters: the ${invisible.name} (${codePointText(invisible.codePoint)}) at character ${invisible.index + 1}`,
        });
      }
    });
}

/**
 * One run: where it starts, how it steps, and how it is shown. `schedule` (a first-order rule's
 * learning-rate schedule) and `noise` (σ of the gradient noise) came later: absent, the rate is
 * constant and there is no noise, so earlier documents and links open unchanged.
 */
export const runSchema = z
  .object({
    label: visibleText(MAX_LABEL_LENGTH),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #0072B2"),
    /** [x] in one variable, [x, y] in two. */
    start: z
      .array(coordinate)
      .min(1, "must have one coordinate (x) or two (x, y)")
      .max(2, "must have one coordinate (x) or two (x, y)"),
    optimizer: z.enum(optimizerNames as [OptimizerName, ...OptimizerName[]]),
    /** Every parameter of the optimizer, each within its ParamSpec range. */
    params: z.record(z.string().max(40), finite),
    gradient: z.enum(gradientSourceKeys),
    /** Finite-difference step; absent: scales with |x|. */
    h: finite.refine((value) => value > 0, "must be greater than 0").optional(),
    /** Seed of the random rules, set once when the run is made. */
    seed: wholeNumber(0, MAX_SEED),
    maxSteps: wholeNumber(0, MAX_DOCUMENT_STEPS),
    schedule: scheduleSchema.optional(),
    noise: numberFrom(noiseSpec.min, noiseSpec.max).optional(),
    /** Rows per mini-batch on a data scenario (absent: every row); ignored on a typed function. */
    batch: wholeNumber(1, maxCsvRows).optional(),
  })
  .strict()
  .superRefine((run, context) => {
    const rule = getOptimizer(run.optimizer);
    if (run.batch !== undefined && rule?.schedulable !== true) {
      context.addIssue({
        code: "custom",
        path: ["batch"],
        message: `${run.optimizer} takes no mini-batches (only the first-order rules do)`,
      });
    }
    if (run.schedule && run.schedule.kind !== "constant" && rule?.schedulable !== true) {
      context.addIssue({
        code: "custom",
        path: ["schedule"],
        message: `${run.optimizer} takes no learning-rate schedule (only the first-order rules do)`,
      });
    }
    if (run.noise !== undefined && run.noise > 0 && rule?.usesGradient !== true) {
      context.addIssue({
        code: "custom",
        path: ["noise"],
        message: `${run.optimizer} uses no gradient, so gradient noise does not apply`,
      });
    }
    try {
      const full = resolveParams(run.optimizer, run.params);
      const missing = Object.keys(full).filter((key) => !(key in run.params));
      if (missing.length > 0) {
        context.addIssue({
          code: "custom",
          path: ["params"],
          message: `misses ${missing.join(", ")} of ${run.optimizer}`,
        });
      }
    } catch (error) {
      context.addIssue({ code: "custom", path: ["params"], message: (error as Error).message });
    }
  });

/** Playback: the step shown and the speed in steps per second. */
export const playbackSchema = z
  .object({
    step: wholeNumber(0, MAX_DOCUMENT_STEPS),
    speed: z.number().min(SPEED_RANGE.min).max(SPEED_RANGE.max),
  })
  .strict();

/**
 * The view toggles. `floorQuiver` (the field of −∇f on the 3D view's floor) and `presenter`
 * (presenter mode: large type, thick lines, a high-contrast palette, secondary panels hidden)
 * came after the first documents were written: missing, each reads as false, so they still open
 * unchanged.
 */
export const viewSchema = z
  .object({
    showQuiver: z.boolean(),
    logLoss: z.boolean(),
    addMode: z.boolean(),
    floorQuiver: z.boolean().default(false),
    presenter: z.boolean().default(false),
    /** The loss curve against epochs (passes over the data) instead of steps, for mini-batches. */
    lossByEpoch: z.boolean().default(false),
    /** The contour map and surface coloured by the minimum a run started there reaches. */
    basinMap: z.boolean().default(false),
    /** The Hessian at the current point: its eigenvectors as the local quadratic's ellipse. */
    curvature: z.boolean().default(false),
    /** The step's vectors (−lr·∇f, velocity, Adam's step, Newton's step) on the contour map. */
    stepVectors: z.boolean().default(false),
    /** The exact gradient against finite differences at the current point, with a chart. */
    gradientCheck: z.boolean().default(false),
  })
  .strict();

/**
 * The 3D camera, independent of the canvas size: the direction it looks from (azimuth in the
 * floor plane, atan2(world z, world x), and elevation above the floor, in degrees; see
 * ./camera.ts), the zoom as the fitted distance divided by the actual one, and the point it
 * orbits, in world units.
 */
export const cameraSchema = z
  .object({
    azimuth: z.number().min(-180).max(180),
    elevation: z.number().min(-90).max(90),
    zoom: z.number().min(0.05).max(20),
    target: z
      .tuple([finite, finite, finite])
      .refine(
        (target) => target.every((value) => Math.abs(value) <= 100),
        "must be within 100 world units of the centre",
      ),
  })
  .strict();

/**
 * A comparison: runs of the document that share one start and differ in one setting (`by`),
 * shown side by side. `runs` are indices into the document's runs, in panel order. Came after
 * the first documents: missing, there is no comparison, so they open exactly as before.
 */
export const compareSchema = z
  .object({
    by: z.enum(compareByKeys),
    runs: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(MAX_RUNS - 1),
      )
      .min(1)
      .max(MAX_VARIANTS)
      .refine((runs) => new Set(runs).size === runs.length, "must not name a run twice"),
  })
  .strict();

/** Longest label of a dataset or its axes carried in a document. */
export const MAX_DATA_LABEL_LENGTH = 80;

const dataLabel = visibleText(MAX_DATA_LABEL_LENGTH);

/**
 * A data scenario: the surface is the loss of `model` over the points of `source` (see
 * core/data/sources.ts), not the typed function `f`, which waits for the person to go back to
 * it. A person's own CSV travels as its points (`source: "csv"`); the built-in sources are named
 * alone. Came after the first documents: missing, the picture is a typed function as before.
 */
export const dataSchema = z
  .object({
    source: z.enum(dataSourceKeys),
    model: z.enum(modelKeys as [ModelKey, ...ModelKey[]]),
    loss: z.enum(lossKeys as [LossKey, ...LossKey[]]),
    standardize: z.boolean().default(false),
    points: z
      .object({
        label: dataLabel,
        xLabel: dataLabel,
        yLabel: dataLabel,
        xs: z.array(finite).min(2).max(maxCsvRows),
        ys: z.array(finite).min(2).max(maxCsvRows),
      })
      .strict()
      .refine((points) => points.xs.length === points.ys.length, {
        message: "must have as many ys as xs",
        path: ["ys"],
      })
      .optional(),
  })
  .strict()
  .superRefine((data, context) => {
    if (data.source === "csv" && data.points === undefined) {
      context.addIssue({
        code: "custom",
        path: ["points"],
        message: "a csv source needs its points",
      });
    }
    if (data.source !== "csv" && data.points !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["points"],
        message: `the built-in ${data.source} data carries no points`,
      });
    }
  });

/** The most random starts a cloud may have. */
export const MAX_CLOUD_STARTS = 10_000;

/**
 * A cloud of runs: `count` seeded random starts in the box, each stepped with the selected run's
 * settings (its seed draws the starts), animated together with the timeline. Came after the first
 * documents: missing, there is no cloud.
 */
export const cloudSchema = z
  .object({
    count: wholeNumber(1, MAX_CLOUD_STARTS),
  })
  .strict();

/** The whole picture. */
export const documentSchema = z
  .object({
    version: z.literal(DOCUMENT_VERSION),
    /** The function as typed. */
    f: z.string().refine((f) => f.length <= MAX_EXPRESSION_LENGTH, {
      error: (issue) =>
        `the expression is ${(issue.input as string).length} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed`,
    }),
    box: boxSchema,
    runs: z.array(runSchema).max(MAX_RUNS),
    playback: playbackSchema,
    view: viewSchema,
    /** Index into runs of the run the panels explain; null when there are no runs. */
    selectedRun: wholeNumber(0, MAX_RUNS).nullable(),
    /** null: the default view for the box. */
    camera: cameraSchema.nullable(),
    compare: compareSchema.optional(),
    data: dataSchema.optional(),
    cloud: cloudSchema.optional(),
  })
  .strict();

export type Box = z.infer<typeof boxSchema>;
export type RunSettings = z.infer<typeof runSchema>;
export type PlaybackSettings = z.infer<typeof playbackSchema>;
export type ViewSettings = z.infer<typeof viewSchema>;
export type CameraSettings = z.infer<typeof cameraSchema>;
export type CompareSettings = z.infer<typeof compareSchema>;
export type DataSettings = z.infer<typeof dataSchema>;
export type CloudSettings = z.infer<typeof cloudSchema>;
export type ScenarioDocument = z.infer<typeof documentSchema>;

/** The view toggles of a fresh page. */
export const DEFAULT_VIEW: ViewSettings = {
  showQuiver: true,
  logLoss: false,
  addMode: false,
  floorQuiver: false,
  presenter: false,
  lossByEpoch: false,
  basinMap: false,
  curvature: false,
  stepVectors: false,
  gradientCheck: false,
};

/** A run as a preset or a person states it: only where it starts and how it steps are needed. */
export interface RunDraft {
  start: number[];
  optimizer: OptimizerName;
  /** Missing keys take the optimizer's defaults. */
  params?: Record<string, number>;
  gradient?: RunSettings["gradient"];
  h?: number;
  maxSteps?: number;
  label?: string;
  color?: string;
  seed?: number;
  /** Missing parameters take the schedule's defaults. */
  schedule?: { kind: ScheduleName; params?: Record<string, number> };
  noise?: number;
  batch?: number;
}

export { extrasFor } from "./extras.ts";

/** "Run 1", "Run 2", ...: the first label no other run uses. */
export function nextRunLabel(runs: readonly Pick<RunSettings, "label">[]): string {
  const used = new Set(runs.map((run) => run.label));
  for (let n = 1; ; n += 1) if (!used.has(`Run ${n}`)) return `Run ${n}`;
}

/** The first palette colour no other run uses (cycling when all are taken). */
export function nextRunColor(runs: readonly Pick<RunSettings, "color">[]): string {
  const used = new Set(runs.map((run) => run.color));
  return (
    RUN_PALETTE.find((color) => !used.has(color)) ?? RUN_PALETTE[runs.length % RUN_PALETTE.length]!
  );
}

/**
 * A complete run from a draft: every optimizer parameter (given ones checked by
 * `resolveParams`, which throws for a bad one), the schedule with all its parameters (left out
 * when constant) and the noise (left out when 0), the next free label and colour, and a seed
 * (`seed` if the draft has none; presets pass fixed ones so they are reproducible).
 */
export function completeRun(
  draft: RunDraft,
  others: readonly RunSettings[],
  seed: number,
): RunSettings {
  const run: RunSettings = {
    label: draft.label ?? nextRunLabel(others),
    color: draft.color ?? nextRunColor(others),
    start: draft.start.slice(),
    optimizer: draft.optimizer,
    params: resolveParams(draft.optimizer, draft.params),
    gradient: draft.gradient ?? "analytic",
    seed: draft.seed ?? seed,
    maxSteps: draft.maxSteps ?? defaultMaxSteps,
  };
  if (draft.h !== undefined) run.h = draft.h;
  if (draft.schedule !== undefined && draft.schedule.kind !== "constant") {
    run.schedule = resolveSchedule(draft.schedule.kind, draft.schedule.params);
  }
  if (draft.noise !== undefined && draft.noise > 0) run.noise = draft.noise;
  if (draft.batch !== undefined) run.batch = draft.batch;
  return run;
}

/** A fresh seed for a new run, uniform over the 32-bit seeds (`uniform` in [0, 1)). */
export function newSeed(uniform: () => number): number {
  return Math.floor(uniform() * (MAX_SEED + 1)) % (MAX_SEED + 1);
}

/** A document from a function, a box and run drafts; run k gets seed k + 1 unless it names one. */
export function makeDocument(
  f: string,
  box: Box,
  drafts: readonly RunDraft[],
  extra: Partial<Omit<ScenarioDocument, "version" | "f" | "box" | "runs">> = {},
): ScenarioDocument {
  const runs: RunSettings[] = [];
  for (const draft of drafts) runs.push(completeRun(draft, runs, runs.length + 1));
  return {
    version: DOCUMENT_VERSION,
    f,
    box: { ...box },
    runs,
    playback: extra.playback ?? { step: 0, speed: DEFAULT_SPEED },
    view: extra.view ?? { ...DEFAULT_VIEW },
    selectedRun: extra.selectedRun !== undefined ? extra.selectedRun : runs.length > 0 ? 0 : null,
    camera: extra.camera ?? null,
    ...(extra.compare ? { compare: structuredClone(extra.compare) } : {}),
    ...(extra.data ? { data: structuredClone(extra.data) } : {}),
  };
}

/** Where in a document a problem is, as a person reads it: "runs[2].params". */
export function issuePath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    text += typeof part === "number" ? `[${part}]` : `${text ? "." : ""}${String(part)}`;
  }
  return text || "document";
}

/** What a value is, for messages: "null", "a list", "an object", "a string", ... */
export function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * Why nothing of `value` can be used, or null when it is a document of this version at heart:
 * not an object, or a `version` other than DOCUMENT_VERSION (missing counts as other). The
 * message names the field: "version: this is a version 2 document; Descent Lab reads version 1".
 * Both the strict check and the lenient reader start here.
 */
export function documentProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `document: ${describeKind(value)} is not a scenario document`;
  }
  if (!Object.prototype.hasOwnProperty.call(value, "version")) {
    return "version: missing, so this is not a scenario document";
  }
  const version = (value as { version: unknown }).version;
  if (version !== DOCUMENT_VERSION) {
    const shown = typeof version === "number" ? String(version) : describeKind(version);
    return `version: this is a version ${shown} document; Descent Lab reads version ${DOCUMENT_VERSION}`;
  }
  return null;
}

/** The outcome of checking a whole document strictly (files, the command line). */
export type DocumentCheck =
  { ok: true; document: ScenarioDocument } | { ok: false; message: string };

/**
 * Checks a value strictly against the schema: the first problem is reported with its place
 * ("runs[1].params: adam: lr must be a number from 1e-8 to 1000, got -1") and nothing is used.
 */
export function checkDocument(value: unknown): DocumentCheck {
  const problem = documentProblem(value);
  if (problem !== null) return { ok: false, message: problem };
  const parsed = documentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: issue ? `${issuePath(issue.path)}: ${issue.message}` : "not a scenario document",
    };
  }
  const document = parsed.data;
  if (document.selectedRun !== null && document.selectedRun >= document.runs.length) {
    return { ok: false, message: `selectedRun: there is no run ${document.selectedRun}` };
  }
  const missing = document.compare?.runs.findIndex((index) => index >= document.runs.length);
  if (missing !== undefined && missing >= 0) {
    return {
      ok: false,
      message: `compare.runs[${missing}]: there is no run ${document.compare!.runs[missing]}`,
    };
  }
  return { ok: true, document };
}
