import { describe, expect, it } from "vitest";
import {
  paramHint,
  SLIDER_STEPS,
  sliderNote,
  sliderPosition,
  sliderRange,
  sliderValue,
} from "../../src/ui/paramScale.ts";
import { getOptimizer, optimizerNames, type ParamSpec } from "../../src/core/optimizers/index.ts";
import { presets } from "../../src/core/scenario/presets.ts";

const lr: ParamSpec = {
  key: "lr",
  label: "Learning rate",
  default: 0.01,
  min: 1e-8,
  max: 1e3,
  scale: "log",
};
const beta: ParamSpec = {
  key: "beta1",
  label: "β1",
  default: 0.9,
  min: 0,
  max: 0.9999,
  scale: "linear",
};

describe("parameter sliders", () => {
  it("cover three decades either side of a log parameter's default, evenly in decades", () => {
    const range = sliderRange(lr);
    expect(range).toEqual({ lo: 1e-5, hi: 10, log: true });
    // Six decades over 1000 positions: the default 0.01 is three decades up, in the middle.
    expect(sliderPosition(0.01, range)).toBe(500);
    // 1e-3 is two decades up: 2/6 of the way, 333.3.
    expect(sliderPosition(1e-3, range)).toBe(333);
    expect(sliderValue(0, range)).toBe(1e-5);
    expect(sliderValue(SLIDER_STEPS, range)).toBe(10);
    expect(sliderValue(500, range)).toBe(0.01);
    // 10^(-5 + 6 * 0.123) = 10^-4.262 = 5.4702...e-5, shown as 5.47e-5.
    expect(sliderValue(123, range)).toBe(5.47e-5);
  });

  it("stop at the valid range", () => {
    // Newton's lr defaults to 1: 1000 times that is the valid maximum, 1000.
    expect(sliderRange({ ...lr, default: 1 })).toEqual({ lo: 0.001, hi: 1000, log: true });
    expect(sliderRange({ ...lr, default: 10 })).toEqual({ lo: 0.01, hi: 1000, log: true });
  });

  it("clamp values outside the covered part to the ends", () => {
    const range = sliderRange(lr);
    expect(sliderPosition(1e-7, range)).toBe(0);
    expect(sliderPosition(50, range)).toBe(SLIDER_STEPS);
    expect(sliderPosition(Number.NaN, range)).toBe(0);
  });

  it("are linear over the whole range of a linear parameter", () => {
    const range = sliderRange(beta);
    expect(range).toEqual({ lo: 0, hi: 0.9999, log: false });
    expect(sliderValue(500, range)).toBe(0.5);
    expect(sliderPosition(0.9, range)).toBe(900);
  });
});

/** The two ranges a hint states, read back as numbers. */
function hintRanges(hint: string): { slider: [number, number]; typed: [number, number] } {
  const match = /^slider (\S+) to (\S+) · type (\S+) to (\S+)$/.exec(hint);
  if (!match) throw new Error(`hint ${JSON.stringify(hint)} does not state both ranges`);
  const [, a, b, c, d] = match.map(Number) as [number, number, number, number, number];
  return { slider: [a, b], typed: [c, d] };
}

describe("the hint says where the slider goes", () => {
  // Worked from each rule's default lr (three decades either side) and the valid 1e-8 to 1000.
  const expected: Record<string, string> = {
    gd: "slider 1e-5 to 10 · type 1e-8 to 1000",
    ascent: "slider 1e-5 to 10 · type 1e-8 to 1000",
    sign: "slider 1e-5 to 10 · type 1e-8 to 1000",
    momentum: "slider 1e-5 to 10 · type 1e-8 to 1000",
    nesterov: "slider 1e-5 to 10 · type 1e-8 to 1000",
    adagrad: "slider 1e-5 to 10 · type 1e-8 to 1000",
    rmsprop: "slider 1e-5 to 10 · type 1e-8 to 1000",
    adam: "slider 1e-6 to 1 · type 1e-8 to 1000",
    adamw: "slider 1e-6 to 1 · type 1e-8 to 1000",
    amsgrad: "slider 1e-6 to 1 · type 1e-8 to 1000",
    nadam: "slider 2e-6 to 2 · type 1e-8 to 1000",
    "try-steps": "slider 0.0001 to 100 · type 1e-8 to 1000",
    newton: "slider 0.001 to 1000 · type 1e-8 to 1000",
    backtracking: "slider 0.001 to 1000 · type 1e-8 to 1000",
  };

  it("for every optimizer's learning rate, the hint's slider ends are the slider's ends", () => {
    const withLr = optimizerNames.filter((name) =>
      getOptimizer(name)!.params.some((spec) => spec.key === "lr"),
    );
    expect(withLr.sort()).toEqual(Object.keys(expected).sort());
    for (const name of withLr) {
      const spec = getOptimizer(name)!.params.find((p) => p.key === "lr")!;
      const hint = paramHint(spec);
      expect(hint, name).toBe(expected[name]);
      const range = sliderRange(spec);
      const { slider, typed } = hintRanges(hint);
      // Dragging to either end gives exactly the numbers the hint names.
      expect(slider, name).toEqual([sliderValue(0, range), sliderValue(SLIDER_STEPS, range)]);
      expect(typed, name).toEqual([spec.min, spec.max]);
      // Every rule's default is at least three decades inside 1e-8 to 1000: it sits mid-slider.
      expect(sliderPosition(spec.default, range), name).toBe(SLIDER_STEPS / 2);
    }
  });

  it("a parameter whose slider covers its whole range states that range once", () => {
    expect(paramHint(beta)).toBe("0 to 0.9999");
  });

  it("a typed value beyond the slider is kept, and the note says the slider stops at its end", () => {
    expect(sliderNote(lr, 0.5)).toBeNull();
    expect(sliderNote(lr, 10)).toBeNull();
    expect(sliderNote(lr, 20)).toBe("20 kept: the slider stops at 10 · type 1e-8 to 1000");
    expect(sliderNote(lr, 1e-7)).toBe("1e-7 kept: the slider stops at 1e-5 · type 1e-8 to 1000");
    // The slider rests at its end and moving nothing rewrites the value.
    expect(sliderPosition(20, sliderRange(lr))).toBe(SLIDER_STEPS);
    expect(sliderNote(beta, 0.5)).toBeNull();
  });
});

describe("presets on the sliders", () => {
  it("every preset's parameters lie within their sliders, so no preset opens with a pinned one", () => {
    for (const preset of presets) {
      for (const run of preset.document.runs) {
        for (const spec of getOptimizer(run.optimizer)!.params) {
          const value = run.params[spec.key]!;
          expect(sliderNote(spec, value), `${preset.id} ${run.label} ${spec.key}`).toBeNull();
        }
      }
    }
  });
});
