import { describe, expect, it } from "vitest";
import { SLIDER_STEPS, sliderPosition, sliderRange, sliderValue } from "../../src/ui/paramScale.ts";
import type { ParamSpec } from "../../src/core/optimizers/index.ts";

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
  it("cover 1/1000 to 100 times the default of a log parameter, evenly in decades", () => {
    const range = sliderRange(lr);
    expect(range).toEqual({ lo: 1e-5, hi: 1, log: true });
    // Five decades over 1000 positions: 0.01 is three decades up, at 600.
    expect(sliderPosition(0.01, range)).toBe(600);
    expect(sliderPosition(1e-3, range)).toBe(400);
    expect(sliderValue(0, range)).toBe(1e-5);
    expect(sliderValue(SLIDER_STEPS, range)).toBe(1);
    expect(sliderValue(600, range)).toBe(0.01);
    // 10^(-5 + 5 * 0.123) = 10^-4.385 = 4.1209...e-5, shown as 4.12e-5.
    expect(sliderValue(123, range)).toBe(4.12e-5);
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
