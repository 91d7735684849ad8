import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  runSummariesApart,
  runSummary,
  runSummaryParts,
  summaryText,
} from "../../src/core/runSummary.ts";
import { optimizerNames, getOptimizer } from "../../src/core/optimizers/index.ts";
import { presets } from "../../src/core/scenario/presets.ts";

describe("runSummary: the optimizer and what sets the run apart", () => {
  it("always shows the learning rate, the rule's key parameter", () => {
    expect(runSummary({ optimizer: "gd", params: { lr: 0.09 } })).toBe(
      "Gradient descent · lr 0.09",
    );
    // gd's default lr is 0.01: the key parameter shows even at its default.
    expect(runSummary({ optimizer: "gd", params: { lr: 0.01 } })).toBe(
      "Gradient descent · lr 0.01",
    );
    expect(runSummary({ optimizer: "ascent", params: { lr: 0.05 } })).toBe(
      "Gradient ascent · lr 0.05",
    );
    expect(runSummary({ optimizer: "newton", params: { lr: 1 } })).toBe("Newton's method · lr 1");
  });

  it("names a mini-batch size after the parameters, and it sets runs apart in a legend", () => {
    expect(runSummary({ optimizer: "gd", params: { lr: 0.1 }, batch: 5 })).toBe(
      "Gradient descent · lr 0.1, batch 5",
    );
    const { shared, apart } = runSummariesApart([
      { optimizer: "gd", params: { lr: 0.1 } },
      { optimizer: "gd", params: { lr: 0.1 }, batch: 5 },
    ]);
    expect(summaryText(shared)).toBe("Gradient descent · lr 0.1");
    expect(apart.map(summaryText)).toEqual(["", "batch 5"]);
  });

  it("adds the other parameters only where they differ from the rule's defaults", () => {
    // Momentum's default μ is 0.9.
    expect(runSummary({ optimizer: "momentum", params: { lr: 0.02, momentum: 0.8 } })).toBe(
      "Momentum · lr 0.02, μ 0.8",
    );
    expect(runSummary({ optimizer: "momentum", params: { lr: 0.02, momentum: 0.9 } })).toBe(
      "Momentum · lr 0.02",
    );
    expect(runSummary({ optimizer: "nesterov", params: { lr: 0.01, momentum: 0.5 } })).toBe(
      "Nesterov momentum · lr 0.01, μ 0.5",
    );
    // Adam's defaults: β1 0.9, β2 0.999, ε 1e-8.
    expect(
      runSummary({ optimizer: "adam", params: { lr: 0.2, beta1: 0.9, beta2: 0.999, eps: 1e-8 } }),
    ).toBe("Adam · lr 0.2");
    expect(
      runSummary({ optimizer: "adam", params: { lr: 0.2, beta1: 0.5, beta2: 0.99, eps: 1e-8 } }),
    ).toBe("Adam · lr 0.2, β1 0.5, β2 0.99");
    // RMSProp: α 0.99, ε 1e-8 by default.
    expect(runSummary({ optimizer: "rmsprop", params: { lr: 0.01, alpha: 0.99, eps: 1e-6 } })).toBe(
      "RMSProp · lr 0.01, ε 1e-6",
    );
  });

  it("a missing parameter is its default", () => {
    expect(runSummary({ optimizer: "gd", params: {} })).toBe("Gradient descent · lr 0.01");
    expect(runSummary({ optimizer: "adam", params: {} })).toBe("Adam · lr 0.001");
  });

  it("rules without parameters read as their name; random local search shows its spread", () => {
    expect(runSummary({ optimizer: "linesearch", params: {} })).toBe("Exact line search");
    expect(runSummary({ optimizer: "random-search", params: {} })).toBe("Random search");
    expect(runSummary({ optimizer: "random-local", params: { sigma: 0.1 } })).toBe(
      "Random local search · σ 0.1",
    );
  });

  it("names a finite-difference gradient, but not for a rule that uses no gradient", () => {
    expect(runSummary({ optimizer: "gd", params: { lr: 0.1 }, gradient: "central" })).toBe(
      "Gradient descent · lr 0.1 · central difference",
    );
    expect(runSummary({ optimizer: "gd", params: { lr: 0.1 }, gradient: "analytic" })).toBe(
      "Gradient descent · lr 0.1",
    );
    expect(runSummary({ optimizer: "random-search", params: {}, gradient: "forward" })).toBe(
      "Random search",
    );
  });

  it("writes tiny and huge values in exponent form", () => {
    expect(runSummary({ optimizer: "gd", params: { lr: 1e-8 } })).toBe(
      "Gradient descent · lr 1e-8",
    );
    expect(runSummary({ optimizer: "gd", params: { lr: 2.5e-5 } })).toBe(
      "Gradient descent · lr 2.5e-5",
    );
    expect(runSummary({ optimizer: "gd", params: { lr: 0.0015 } })).toBe(
      "Gradient descent · lr 0.0015",
    );
  });

  it("an unknown optimizer is shown by its name", () => {
    expect(runSummary({ optimizer: "sgd-plus", params: { lr: 1 } })).toBe("sgd-plus");
  });

  it("the parts join into the line", () => {
    expect(
      runSummaryParts({
        optimizer: "momentum",
        params: { lr: 0.02, momentum: 0.8 },
        gradient: "central",
      }),
    ).toEqual({
      optimizer: "Momentum",
      params: ["lr 0.02", "μ 0.8"],
      gradient: "central difference",
    });
  });

  it("tells apart every run of every preset whose settings differ", () => {
    for (const preset of presets) {
      const runs = preset.document.runs;
      for (let i = 0; i < runs.length; i++) {
        for (let j = i + 1; j < runs.length; j++) {
          const a = runs[i]!;
          const b = runs[j]!;
          const same =
            a.optimizer === b.optimizer &&
            a.gradient === b.gradient &&
            JSON.stringify(a.params) === JSON.stringify(b.params);
          if (!same)
            expect(runSummary(a), `${preset.id}: runs ${i + 1} and ${j + 1}`).not.toBe(
              runSummary(b),
            );
        }
      }
    }
  });

  it("the learning rate read back from the line is the run's (for slider-like values)", () => {
    const withLr = optimizerNames.filter((name) =>
      getOptimizer(name)!.params.some((spec) => spec.key === "lr"),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...withLr),
        // 3 significant digits (as the slider gives) from 1e-8 to 999.
        fc.integer({ min: 100, max: 999 }),
        fc.integer({ min: -10, max: 0 }),
        (optimizer, mantissa, exponent) => {
          const lr = Number(`${mantissa}e${exponent}`);
          const line = runSummary({ optimizer, params: { lr } });
          const shown = / · lr (\S+?)(,|$| )/.exec(line)?.[1];
          expect(Number(shown)).toBe(lr);
        },
      ),
    );
  });
});

describe("runSummariesApart: a legend says what runs share once", () => {
  const gd = (lr: number) => ({ optimizer: "gd", params: { lr } });

  it("four runs of gradient descent share the optimizer and differ in lr", () => {
    const { shared, apart } = runSummariesApart([gd(0.01), gd(0.22), gd(0.45), gd(0.6)]);
    expect(summaryText(shared)).toBe("Gradient descent");
    expect(apart.map(summaryText)).toEqual(["lr 0.01", "lr 0.22", "lr 0.45", "lr 0.6"]);
  });

  it("runs that differ in optimizer keep their names; a shared rate is said once", () => {
    const { shared, apart } = runSummariesApart([
      gd(0.02),
      { optimizer: "momentum", params: { lr: 0.02, momentum: 0.8 } },
    ]);
    expect(summaryText(shared)).toBe("lr 0.02");
    expect(apart.map(summaryText)).toEqual(["Gradient descent", "Momentum · μ 0.8"]);
  });

  it("the elongated bowl's runs share nothing", () => {
    const { shared, apart } = runSummariesApart([
      gd(0.09),
      gd(0.02),
      { optimizer: "momentum", params: { lr: 0.02, momentum: 0.8 } },
      { optimizer: "adam", params: { lr: 0.2 } },
    ]);
    expect(summaryText(shared)).toBe("");
    expect(apart.map(summaryText)).toEqual([
      "Gradient descent · lr 0.09",
      "Gradient descent · lr 0.02",
      "Momentum · lr 0.02, μ 0.8",
      "Adam · lr 0.2",
    ]);
  });

  it("runs alike but for their start share everything; a shared gradient source too", () => {
    const central = { ...gd(0.1), gradient: "central" as const };
    const { shared, apart } = runSummariesApart([central, central]);
    expect(summaryText(shared)).toBe("Gradient descent · lr 0.1 · central difference");
    expect(apart.map(summaryText)).toEqual(["", ""]);
    // Different sources are each run's own.
    const mixed = runSummariesApart([central, { ...gd(0.1), gradient: "analytic" as const }]);
    expect(summaryText(mixed.shared)).toBe("Gradient descent · lr 0.1");
    expect(mixed.apart.map(summaryText)).toEqual(["central difference", ""]);
  });

  it("a single run shares nothing: its entry says it all", () => {
    const { shared, apart } = runSummariesApart([gd(0.05)]);
    expect(summaryText(shared)).toBe("");
    expect(apart.map(summaryText)).toEqual(["Gradient descent · lr 0.05"]);
  });
});
