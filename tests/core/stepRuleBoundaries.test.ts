/**
 * Cases that decide details of the step rules a default setting hides: the sign of Armijo's
 * test (α = lr must fail where it does not decrease f), and where RMSProp and Adam add ε (after
 * the square root, as PyTorch's definitions do; with ε = 1e-8 inside and outside agree).
 */
import { describe, expect, it } from "vitest";
import { runOptimizer } from "../../src/core/run.ts";
import { parseSurface } from "../../src/core/surface.ts";

const square = parseSurface("x^2");
const box = { xmin: -5, xmax: 5, ymin: -5, ymax: 5 };

function firstStep(optimizer: string, params: Record<string, number>): number {
  const result = runOptimizer(square, { start: [1], optimizer, params, maxSteps: 1, box });
  return result.xs[1]!;
}

describe("step rules at the edges of their definitions", () => {
  it("backtracking rejects α = lr when it does not decrease f enough, and halves", () => {
    // x² from 1, lr 1: g = 2, α = 1 lands on −1 where f = 1 = f(1), which Armijo's test
    // f(x − αg) ≤ f(x) − 1e-4·α·g² = 0.9996 refuses; α = 1/2 lands on 0 (f = 0): accepted.
    const result = runOptimizer(square, {
      start: [1],
      optimizer: "backtracking",
      params: { lr: 1 },
      maxSteps: 1,
      box,
    });
    expect(result.xs[1]).toBe(0);
    expect(result.states[0]).toMatchObject({ alpha: 0.5, halvings: 1, accepted: true });
  });

  it("RMSProp adds ε after the square root: x₁ = 1 − lr·g/(√v + ε)", () => {
    // g = 2, α = 0.99: v₁ = 0.01·4 = 0.04, √v₁ = 0.2. With ε = 1 and lr 0.1:
    // after the root 1 − 0.1·2/1.2 = 0.8333…; inside it would be 1 − 0.1·2/√1.04 = 0.8039.
    expect(firstStep("rmsprop", { lr: 0.1, alpha: 0.99, eps: 1 })).toBeCloseTo(1 - 0.2 / 1.2, 14);
  });

  it("Adam adds ε after the square root of the bias-corrected v̂: x₁ = 1 − lr·m̂/(√v̂ + ε)", () => {
    // g = 2: m̂₁ = g = 2 and v̂₁ = g² = 4 (bias-corrected). With ε = 1 and lr 0.1:
    // 1 − 0.1·2/(2 + 1) = 0.9333…; ε inside the root would give 1 − 0.1·2/√5 = 0.9106, and ε
    // added to the uncorrected √v₁ = √0.004 another value again.
    expect(firstStep("adam", { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1 })).toBeCloseTo(
      1 - 0.2 / 3,
      14,
    );
  });
});
