/**
 * Random valid scenario documents for property tests, built from the schema's own bounds and
 * each optimizer's ParamSpec ranges, and a few small presets.
 */
import fc from "fast-check";
import { compareByKeys, MAX_VARIANTS, type CompareBy } from "../../../src/core/compare/settings.ts";
import {
  completeRun,
  DEFAULT_MAX_STEPS,
  makeDocument,
  MAX_COORDINATE,
  MAX_DOCUMENT_STEPS,
  MAX_LABEL_LENGTH,
  MAX_RUNS,
  MAX_SEED,
  RUN_PALETTE,
  SPEED_RANGE,
  type Box,
  type RunDraft,
  type RunSettings,
  type ScenarioDocument,
} from "../../../src/core/scenario/document.ts";
import { gradientSourceKeys } from "../../../src/core/gradientSources.ts";
import {
  noiseSpec,
  optimizerNames,
  optimizerRegistry,
  scheduleNames,
  scheduleRegistry,
} from "../../../src/core/optimizers/index.ts";
import type { Preset } from "../../../src/core/scenario/preset.ts";
import { findInvisible } from "../../../src/core/invisible.ts";
import { minBoxWidth } from "../../../src/core/box.ts";

/**
 * Functions the parser accepts, in one and two variables, some with characters that mean
 * something in a query string (+, /, &-free spacing) and leading or trailing spaces.
 */
export const FUNCTIONS = [
  "x^2 + y^2",
  "x^2 + 10*y^2",
  "100*x - x^2",
  "sin(x) * cos(y) + (x/2)^2",
  "(1 - x)^2 + 100*(y - x^2)^2",
  "x^4 - 2*x^2 + y^2",
  "abs(x) + y",
  "x^3",
  "  x^2-y^2  ",
  "exp(-(x^2+y^2)/2)",
];

/**
 * A finite double in [min, max]. JSON writes -0 as 0, so a document holding -0 cannot come
 * back from any text form; -0 is drawn as 0.
 */
function number(min: number, max: number): fc.Arbitrary<number> {
  return fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .map((value) => (Object.is(value, -0) ? 0 : value));
}

const coordinate = number(-MAX_COORDINATE, MAX_COORDINATE);

export const boxArbitrary: fc.Arbitrary<Box> = fc
  .tuple(coordinate, coordinate, coordinate, coordinate)
  // Edges far enough apart to draw (core's minBoxWidth).
  .filter(
    ([a, b, c, d]) => Math.abs(a - b) >= minBoxWidth(a, b) && Math.abs(c - d) >= minBoxWidth(c, d),
  )
  .map(([a, b, c, d]) => ({
    xmin: Math.min(a, b),
    xmax: Math.max(a, b),
    ymin: Math.min(c, d),
    ymax: Math.max(c, d),
  }));

const startArbitrary = fc.oneof(fc.tuple(coordinate), fc.tuple(coordinate, coordinate));

/** Some of an optimizer's parameters, each inside its ParamSpec range (sometimes the default). */
function paramsArbitrary(name: (typeof optimizerNames)[number]) {
  const entries = optimizerRegistry[name].params.map((spec) => {
    const value = spec.integer
      ? fc.integer({ min: spec.min, max: spec.max })
      : fc.oneof(fc.constant(spec.default), number(spec.min, spec.max));
    return fc.option(value, { nil: undefined }).map((v) => [spec.key, v] as const);
  });
  return fc.tuple(...entries).map((pairs) => {
    const params: Record<string, number> = {};
    for (const [key, value] of pairs) if (value !== undefined) params[key] = value;
    return params;
  });
}

/** A schedule with some of its parameters, each inside its range. */
const scheduleArbitrary = fc.constantFrom(...scheduleNames).chain((kind) =>
  fc
    .tuple(
      ...scheduleRegistry[kind].params.map((spec) =>
        fc
          .option(
            spec.integer
              ? fc.integer({ min: spec.min, max: spec.max })
              : number(spec.min, spec.max),
            { nil: undefined },
          )
          .map((value) => [spec.key, value] as const),
      ),
    )
    .map((pairs) => {
      const params: Record<string, number> = {};
      for (const [key, value] of pairs) if (value !== undefined) params[key] = value;
      return { kind, params };
    }),
);

/**
 * A label the schema keeps as it is: 1 to 40 characters, no space at either end, no invisible
 * character (those are refused, see invisible.test.ts).
 */
const labelArbitrary = fc
  .string({ unit: "binary", minLength: 1, maxLength: MAX_LABEL_LENGTH })
  .filter((label) => label.length <= MAX_LABEL_LENGTH && label.length > 0)
  .filter((label) => label.trim() === label)
  .filter((label) => findInvisible(label) === null);

const colorArbitrary = fc.oneof(
  fc.constantFrom(...RUN_PALETTE),
  fc
    .array(fc.constantFrom(..."0123456789abcdefABCDEF"), { minLength: 6, maxLength: 6 })
    .map((digits) => `#${digits.join("")}`),
);

/** A run draft: every optional field sometimes left to `completeRun`'s default. */
const draftArbitrary: fc.Arbitrary<RunDraft> = fc
  .constantFrom(...optimizerNames)
  .chain((optimizer) =>
    fc.record(
      {
        start: startArbitrary.map((start) => [...start]),
        optimizer: fc.constant(optimizer),
        params: paramsArbitrary(optimizer),
        gradient: fc.constantFrom(...gradientSourceKeys),
        h: number(Number.MIN_VALUE, 1e3).filter((h) => h > 0),
        maxSteps: fc.oneof(
          fc.constant(DEFAULT_MAX_STEPS),
          fc.integer({ min: 0, max: MAX_DOCUMENT_STEPS }),
        ),
        // Default-looking labels and small seeds too: packing leaves out only true defaults.
        label: fc.oneof(labelArbitrary, fc.constantFrom("Run 1", "Run 2", "Run 3")),
        color: colorArbitrary,
        seed: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: MAX_SEED })),
        // A schedule only for the first-order rules, noise only where there is a gradient.
        ...(optimizerRegistry[optimizer].schedulable === true
          ? { schedule: scheduleArbitrary }
          : {}),
        ...(optimizerRegistry[optimizer].usesGradient
          ? { noise: fc.oneof(fc.constant(0), number(noiseSpec.min, noiseSpec.max)) }
          : {}),
      },
      { requiredKeys: ["start", "optimizer"] },
    ),
  );

const cameraArbitrary = fc.record({
  azimuth: number(-180, 180),
  elevation: number(-90, 90),
  zoom: number(0.05, 20),
  target: fc.tuple(number(-100, 100), number(-100, 100), number(-100, 100)),
});

/** A valid document: 0 to 16 runs, any box, playback, view, camera and selected run. */
export const documentArbitrary: fc.Arbitrary<ScenarioDocument> = fc
  .record({
    f: fc.constantFrom(...FUNCTIONS),
    box: boxArbitrary,
    drafts: fc.array(draftArbitrary, { maxLength: MAX_RUNS }),
    playback: fc.record({
      step: fc.integer({ min: 0, max: MAX_DOCUMENT_STEPS }),
      speed: fc.oneof(fc.constant(20), number(SPEED_RANGE.min, SPEED_RANGE.max)),
    }),
    view: fc.record({
      showQuiver: fc.boolean(),
      logLoss: fc.boolean(),
      addMode: fc.boolean(),
      floorQuiver: fc.boolean(),
      lossByEpoch: fc.boolean(),
      presenter: fc.boolean(),
      basinMap: fc.boolean(),
      curvature: fc.boolean(),
      stepVectors: fc.boolean(),
      gradientCheck: fc.boolean(),
    }),
    camera: fc.option(cameraArbitrary, { nil: null }),
    selection: fc.nat(),
    noSelection: fc.boolean(),
    compareBy: fc.option(fc.constantFrom(...compareByKeys), { nil: null }),
    compareRuns: fc.array(fc.nat(), { minLength: 1, maxLength: MAX_VARIANTS }),
  })
  .map(
    ({
      f,
      box,
      drafts,
      playback,
      view,
      camera,
      selection,
      noSelection,
      compareBy,
      compareRuns,
    }) => {
      const runs: RunSettings[] = [];
      for (const draft of drafts) runs.push(completeRun(draft, runs, runs.length + 1));
      const selectedRun = runs.length === 0 || noSelection ? null : selection % runs.length;
      // fast-check's records have no prototype; a document read back has the usual one.
      return {
        ...makeDocument(f, box, []),
        runs,
        playback: { ...playback },
        view: { ...view },
        camera:
          camera === null
            ? null
            : { ...camera, target: [...camera.target] as typeof camera.target },
        selectedRun,
        ...compareOf(compareBy, compareRuns, runs.length),
      };
    },
  );

/** A comparison over distinct runs of the document (none without runs or without `by`). */
function compareOf(
  by: CompareBy | null,
  picks: readonly number[],
  runCount: number,
): { compare?: ScenarioDocument["compare"] } {
  if (by === null || runCount === 0) return {};
  const runs = [...new Set(picks.map((pick) => pick % runCount))];
  return { compare: { by, runs } };
}

const square3: Box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };

/** The default test preset: four runs on an elongated bowl, as the product's first preset. */
export const bowl: Preset = {
  id: "elongated-bowl",
  title: "Elongated bowl",
  explanation: "Plain descent zigzags; momentum and Adam cut through.",
  document: makeDocument("x^2 + 10*y^2", square3, [
    { start: [-2.5, 1.5], optimizer: "gd", params: { lr: 0.09 } },
    { start: [-2.5, 1.5], optimizer: "gd", params: { lr: 0.02 } },
    { start: [-2.5, 1.5], optimizer: "momentum", params: { lr: 0.02, momentum: 0.8 } },
    { start: [-2.5, 1.5], optimizer: "adam", params: { lr: 0.2 } },
  ]),
};

export const saddle: Preset = {
  id: "saddle",
  title: "Saddle",
  explanation: "The gradient vanishes at a point that is no minimum.",
  document: makeDocument("x^2 - y^2", { xmin: -2, xmax: 2, ymin: -1, ymax: 1 }, [
    { start: [1.5, 0.01], optimizer: "adam", params: { lr: 0.05 }, maxSteps: 300 },
    { start: [1.5, -0.01], optimizer: "random-search", seed: 77 },
  ]),
};

export const parabola: Preset = {
  id: "parabola",
  title: "Parabola",
  explanation: "One variable: the maximum of 100x - x² at x = 50.",
  document: makeDocument("100*x - x^2", { xmin: 0, xmax: 100, ymin: -1, ymax: 1 }, [
    { start: [10], optimizer: "ascent", params: { lr: 0.1 } },
  ]),
};

export const presets: readonly Preset[] = [bowl, saddle, parabola];
export const linkOptions = { presets, defaultPresetId: bowl.id };
