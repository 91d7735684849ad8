import { describe, expect, it } from "vitest";
import { completeRun, type RunSettings } from "../../../src/core/scenario/document.ts";
import {
  compareSettings,
  MAX_VARIANTS,
  startingVariants,
  variantTitle,
} from "../../../src/core/compare/settings.ts";
import { raceVariants, sweepRange } from "../../../src/core/compare/race.ts";
import { computeRun } from "../../../src/core/scenario/runs.ts";
import { parseSurface } from "../../../src/core/surface.ts";

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

  it("schedule: the run's own, then StepLR, ExponentialLR, CosineAnnealingLR and LinearLR at PyTorch's defaults", () => {
    const variants = startingVariants(gdRun(0.1), "schedule");
    // PyTorch: StepLR gamma=0.1; CosineAnnealingLR eta_min=0; LinearLR start_factor=1/3,
    // end_factor=1, total_iters=5. The required step_size, gamma and T_max take the table's.
    expect(variants.map((run) => run.schedule)).toEqual([
      undefined,
      { kind: "step", params: { step_size: 10, gamma: 0.1 } },
      { kind: "exponential", params: { gamma: 0.95 } },
      { kind: "cosine", params: { t_max: 50, eta_min: 0 } },
      { kind: "warmup", params: { start_factor: 1 / 3, end_factor: 1, total_iters: 5 } },
    ]);
    expect(variants.map((run) => variantTitle(run, "schedule"))).toEqual([
      "constant lr",
      "step, γ = 0.1 every 10",
      "exponential, γ = 0.95",
      "cosine, t_max = 50",
      "warm-up, 5 steps",
    ]);
    for (const run of variants) expect(run.params).toEqual({ lr: 0.1 });
    // The step-decay variant runs at 0.1 for steps 0–9 and 0.1 · 0.1 = 0.01 from step 10.
    const surface = parseSurface("x^2 + 2*y^2");
    const box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };
    const rates = computeRun(surface, box, variants[1]!).result!.rates!;
    expect(rates[9]).toBeCloseTo(0.1, 15);
    expect(rates[10]).toBeCloseTo(0.01, 15);
    // Cosine at k = t_max/2 = 25: eta_min + (lr − eta_min)(1 + cos(π/2))/2 = 0.05.
    expect(computeRun(surface, box, variants[3]!).result!.rates![25]).toBeCloseTo(0.05, 15);
  });

  it("schedule: a rule without one becomes plain descent; a run's own schedule comes first", () => {
    const newton = completeRun({ start: [1, 1], optimizer: "newton", params: {} }, [], 1);
    const [first] = startingVariants(newton, "schedule");
    expect(first!.optimizer).toBe("gd");
    const stepped = compareSettings.schedule.withValue(gdRun(0.2), {
      kind: "schedule",
      value: "step",
      params: { step_size: 3, gamma: 0.5 },
    });
    const variants = startingVariants(stepped, "schedule");
    expect(variants[0]!.schedule).toEqual({ kind: "step", params: { step_size: 3, gamma: 0.5 } });
    expect(variants.slice(1).map((run) => run.schedule?.kind ?? "constant")).toEqual([
      "constant",
      "exponential",
      "cosine",
      "warmup",
    ]);
    expect(compareSettings.schedule.nextValue(variants)).toBeNull();
    expect(compareSettings.schedule.nextValue(variants.slice(0, 2))).toEqual({
      kind: "schedule",
      value: "exponential",
    });
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
