import { describe, expect, it } from "vitest";
import { completeRun, type RunSettings } from "../../../src/core/scenario/document.ts";
import {
  compareSettings,
  MAX_VARIANTS,
  startingVariants,
  variantTitle,
} from "../../../src/core/compare/settings.ts";
import { raceVariants, sweepRange } from "../../../src/core/compare/race.ts";

function gdRun(lr: number): RunSettings {
  return completeRun({ start: [-2.5, 2], optimizer: "gd", params: { lr }, maxSteps: 80 }, [], 7);
}

describe("compare by", () => {
  it("learning rate: the run's rate and 3, 10 and 30 times it, titled lr = …", () => {
    const variants = startingVariants(gdRun(0.01), "lr");
    expect(variants.map((run) => run.params.lr)).toEqual([0.01, 0.03, 0.1, 0.3]);
    expect(variants.map((run) => variantTitle(run, "lr"))).toEqual([
      "lr = 0.01",
      "lr = 0.03",
      "lr = 0.1",
      "lr = 0.3",
    ]);
    for (const run of variants) {
      expect(run.start).toEqual([-2.5, 2]);
      expect(run.seed).toBe(7);
      expect(run.maxSteps).toBe(80);
    }
    expect(variantTitle(gdRun(0.45), "lr")).toBe("lr = 0.45");
  });

  it("keeps rates inside the rule's range (gd's lr is at most 1000)", () => {
    expect(startingVariants(gdRun(100), "lr").map((run) => run.params.lr)).toEqual([
      100, 300, 1000,
    ]);
  });

  it("optimizer: the run's rule, then three more of the race, each at its defaults", () => {
    const variants = startingVariants(gdRun(0.2), "optimizer");
    expect(variants.map((run) => run.optimizer)).toEqual(["gd", "momentum", "nesterov", "adagrad"]);
    expect(variants[0]!.params).toEqual({ lr: 0.01 });
    expect(variants[1]!.params).toEqual({ lr: 0.01, momentum: 0.9 });
    expect(variantTitle(variants[1]!, "optimizer")).toBe("Momentum");
  });

  it("gradient source: exact, then central, forward and backward with h = 0.0001", () => {
    const variants = startingVariants(gdRun(0.1), "gradient");
    expect(variants.map((run) => [run.gradient, run.h])).toEqual([
      ["analytic", undefined],
      ["central", 1e-4],
      ["forward", 1e-4],
      ["backward", 1e-4],
    ]);
    expect(variants.map((run) => variantTitle(run, "gradient"))).toEqual([
      "exact",
      "central, h = 0.0001",
      "forward, h = 0.0001",
      "backward, h = 0.0001",
    ]);
  });

  it("momentum: μ = 0, 0.5, 0.9, 0.99 on heavy-ball momentum at the run's rate", () => {
    const variants = startingVariants(gdRun(0.05), "momentum");
    expect(variants.map((run) => run.optimizer)).toEqual(Array(4).fill("momentum"));
    expect(variants.map((run) => run.params)).toEqual([
      { lr: 0.05, momentum: 0 },
      { lr: 0.05, momentum: 0.5 },
      { lr: 0.05, momentum: 0.9 },
      { lr: 0.05, momentum: 0.99 },
    ]);
    expect(variantTitle(variants[2]!, "momentum")).toBe("μ = 0.9");
  });

  it("offers a value the group does not use yet, and none when every choice is used", () => {
    const lr = compareSettings.lr;
    expect(lr.nextValue(startingVariants(gdRun(0.01), "lr"))).toEqual({
      kind: "number",
      value: 0.9,
    });
    const optimizer = compareSettings.optimizer;
    const race = raceVariants(gdRun(0.01));
    expect(optimizer.nextValue(race)).toEqual({ kind: "optimizer", value: "linesearch" });
    expect(optimizer.nextValue(race.slice(0, 6))).toEqual({ kind: "optimizer", value: "newton" });
  });

  it("allows up to nine variants", () => {
    expect(MAX_VARIANTS).toBe(9);
  });
});

describe("race and sweep range", () => {
  it("races the seven rules at PyTorch's defaults (Adam lr 0.001) and Newton's full step", () => {
    const race = raceVariants(gdRun(0.3));
    expect(race.map((run) => run.optimizer)).toEqual([
      "gd",
      "momentum",
      "nesterov",
      "adagrad",
      "rmsprop",
      "adam",
      "newton",
    ]);
    expect(race[5]!.params).toEqual({ lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    expect(race[6]!.params.lr).toBe(1);
    for (const run of race) expect(run.start).toEqual([-2.5, 2]);
  });

  it("sweeps from edge/1000 to 3 × edge, 40 rates, or around the run's rate without an edge", () => {
    expect(sweepRange(gdRun(0.01), 0.5)).toEqual({ lrMin: 0.0005, lrMax: 1.5, count: 40 });
    const around = sweepRange(gdRun(0.1), null);
    expect(around.lrMin).toBeCloseTo(1e-4, 15);
    expect(around.lrMax).toBeCloseTo(3, 12);
  });
});
