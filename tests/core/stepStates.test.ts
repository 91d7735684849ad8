/**
 * `RunResult.states[k]` is what the rule computed as it stepped from xₖ to xₖ₊₁. Every rule's
 * first step (k = 0) is checked here against numbers worked by hand, beside the step it took.
 */
import { describe, expect, it } from "vitest";
import { optimizerNames } from "../../src/core/optimizers/index.ts";
import { runOptimizer } from "../../src/core/run.ts";
import { createRandom } from "../../src/core/random.ts";
import { parseSurface } from "../../src/core/surface.ts";
import type { RunResult, RunSpec, Surface } from "../../src/core/types.ts";

// The bowl: f = x² + 10y², ∇f = (2x, 20y), H = diag(2, 20). From x₀ = (−2.5, 1.5):
// f(x₀) = 6.25 + 22.5 = 28.75 and g₀ = (−5, 30), |g₀|² = 25 + 900 = 925.
const bowl = parseSurface("x^2 + 10*y^2");
const x0 = [-2.5, 1.5];

/** One step from `start`: states[0] belongs to that step, states[1] to the stop after it. */
function firstStep(surface: Surface, spec: Omit<RunSpec, "maxSteps">): RunResult {
  const result = runOptimizer(surface, { maxSteps: 1, tol: 0, ...spec });
  expect(result.steps).toBe(1);
  expect(result.states).toHaveLength(2);
  // The final iterate took no step, so it has no state to show.
  expect(result.states[1]).toEqual({});
  return result;
}

function expectPoint(result: RunResult, k: number, expected: number[], digits = 14): void {
  expect(result.xs[k]).toBeCloseTo(expected[0]!, digits);
  expect(result.ys[k]).toBeCloseTo(expected[1]!, digits);
}

function expectVector(actual: unknown, expected: number[], digits = 14): void {
  expect(Array.isArray(actual)).toBe(true);
  const values = actual as number[];
  expect(values).toHaveLength(expected.length);
  expected.forEach((value, i) => expect(values[i]).toBeCloseTo(value, digits));
}

describe("the state at iterate 0 is the state of the first step", () => {
  it("gd: no memory; x₁ = x₀ − 0.09·(−5, 30) = (−2.05, −1.2)", () => {
    const result = firstStep(bowl, { start: x0, optimizer: "gd", params: { lr: 0.09 } });
    expect(result.states[0]).toEqual({});
    // −2.5 + 0.45 = −2.05; 1.5 − 2.7 = −1.2.
    expectPoint(result, 1, [-2.05, -1.2]);
  });

  it("ascent: x₁ = x₀ + 0.01·(−5, 30) = (−2.55, 1.8)", () => {
    const result = firstStep(bowl, { start: x0, optimizer: "ascent", params: { lr: 0.01 } });
    expect(result.states[0]).toEqual({});
    expectPoint(result, 1, [-2.55, 1.8]);
  });

  it("sign: x₁ = x₀ − 0.1·sign(−5, 30) = (−2.4, 1.4)", () => {
    const result = firstStep(bowl, { start: x0, optimizer: "sign", params: { lr: 0.1 } });
    expect(result.states[0]).toEqual({});
    expectPoint(result, 1, [-2.4, 1.4]);
  });

  it("momentum: b₀ = g₀ = (−5, 30) beside x₁ = x₀ − 0.01·b₀ = (−2.45, 1.2)", () => {
    const result = firstStep(bowl, {
      start: x0,
      optimizer: "momentum",
      params: { lr: 0.01, momentum: 0.9 },
    });
    expectVector(result.states[0]!.velocity, [-5, 30]);
    expectPoint(result, 1, [-2.45, 1.2]);
  });

  it("momentum's second step: b₁ = 0.9·b₀ + g₁ sits at iterate 1", () => {
    const result = runOptimizer(bowl, {
      start: x0,
      optimizer: "momentum",
      params: { lr: 0.01, momentum: 0.9 },
      maxSteps: 2,
      tol: 0,
    });
    // x₁ = (−2.45, 1.2), g₁ = (−4.9, 24); b₁ = (−4.5 − 4.9, 27 + 24) = (−9.4, 51).
    expectVector(result.states[1]!.velocity, [-9.4, 51], 12);
    // x₂ = x₁ − 0.01·b₁ = (−2.45 + 0.094, 1.2 − 0.51) = (−2.356, 0.69).
    expectPoint(result, 2, [-2.356, 0.69], 12);
    expect(result.states[2]).toEqual({});
  });

  it("nesterov: b₀ = (−5, 30); x₁ = x₀ − 0.01·(g₀ + 0.9·b₀) = x₀ − 0.019·g₀", () => {
    const result = firstStep(bowl, {
      start: x0,
      optimizer: "nesterov",
      params: { lr: 0.01, momentum: 0.9 },
    });
    expectVector(result.states[0]!.velocity, [-5, 30]);
    // 0.019·(−5, 30) = (−0.095, 0.57): x₁ = (−2.405, 0.93).
    expectPoint(result, 1, [-2.405, 0.93]);
  });

  it("adagrad: s₀ = g₀² = (25, 900); x₁ = x₀ − 0.1·g₀/√s₀ = (−2.4, 1.4)", () => {
    const result = firstStep(bowl, {
      start: x0,
      optimizer: "adagrad",
      params: { lr: 0.1, eps: 1e-10 },
    });
    expectVector(result.states[0]!.sumOfSquares, [25, 900]);
    // −0.1·(−5/(5 + 1e-10)) = 0.1 − 2e-12: x₁ agrees with (−2.4, 1.4) to about 1e-11.
    expectPoint(result, 1, [-2.4, 1.4], 10);
  });

  it("rmsprop: v₀ = 0.01·g₀² = (0.25, 9); x₁ = x₀ − 0.01·g₀/√v₀ = (−2.4, 1.4)", () => {
    const result = firstStep(bowl, {
      start: x0,
      optimizer: "rmsprop",
      params: { lr: 0.01, alpha: 0.99, eps: 1e-8 },
    });
    // 1 − 0.99 rounds to 0.010000000000000009 in doubles: agreement to about 1e-14.
    expectVector(result.states[0]!.squareAverage, [0.25, 9], 13);
    // √v₀ = (0.5, 3): 0.01·(−5/0.5, 30/3) = (−0.1, 0.1), up to eps/√v ≈ 2e-8 relative.
    expectPoint(result, 1, [-2.4, 1.4], 8);
  });

  it("adam: m₀ = 0.1·g₀, v₀ = 0.001·g₀², m̂ = g₀, v̂ = g₀² (t = 1)", () => {
    const result = firstStep(bowl, {
      start: x0,
      optimizer: "adam",
      params: { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    });
    const state = result.states[0]!;
    // m = (1 − 0.9)·(−5, 30) = (−0.5, 3); v = (1 − 0.999)·(25, 900) = (0.025, 0.9).
    expectVector(state.m, [-0.5, 3]);
    expectVector(state.v, [0.025, 0.9]);
    // m̂ = m/(1 − 0.9¹) = (−5, 30); v̂ = v/(1 − 0.999¹) = (25, 900).
    expectVector(state.mHat, [-5, 30], 12);
    expectVector(state.vHat, [25, 900], 9);
    // x₁ = x₀ − 0.1·m̂/(√v̂ + 1e-8) = x₀ − 0.1·(−1, 1) = (−2.4, 1.4) up to 1e-9.
    expectPoint(result, 1, [-2.4, 1.4], 8);
  });

  it("adam's second step: t = 2, bias terms 1 − 0.9² = 0.19 and 1 − 0.999² = 0.001999", () => {
    const result = runOptimizer(bowl, {
      start: x0,
      optimizer: "adam",
      params: { lr: 0.1 },
      maxSteps: 2,
      tol: 0,
    });
    // x₁ ≈ (−2.4, 1.4), g₁ ≈ (−4.8, 28).
    // m₁ = 0.9·(−0.5, 3) + 0.1·(−4.8, 28) = (−0.93, 5.5);
    // v₁ = 0.999·(0.025, 0.9) + 0.001·(23.04, 784) = (0.048015, 1.6831).
    const state = result.states[1]!;
    expectVector(state.m, [-0.93, 5.5], 7);
    expectVector(state.v, [0.048015, 1.6831], 7);
    expectVector(state.mHat, [-0.93 / 0.19, 5.5 / 0.19], 6);
    expectVector(state.vHat, [0.048015 / 0.001999, 1.6831 / 0.001999], 4);
  });

  it("adamw: x·(1 − lr·λ) first, then Adam's first step lr·g/(|g| + eps)", () => {
    const result = firstStep(bowl, { start: x0, optimizer: "adamw" });
    // lr 0.001, λ 0.01: decay factor 1 − 1e-5; Adam's first step is 0.001·g/(|g| + 1e-8).
    const x1 = -2.5 * (1 - 1e-5) + (0.001 * 5) / (5 + 1e-8);
    const y1 = 1.5 * (1 - 1e-5) - (0.001 * 30) / (30 + 1e-8);
    // ≈ (−2.498975, 1.498985): the decay pulls both coordinates 1e-5 of the way to 0.
    expect(x1).toBeCloseTo(-2.498975, 9);
    expect(y1).toBeCloseTo(1.498985, 9);
    expectPoint(result, 1, [x1, y1], 14);
    expectVector(result.states[0]!.m, [-0.5, 3]);
    expectVector(result.states[0]!.v, [0.025, 0.9]);
  });

  it("amsgrad: v_max = v after the first step, and the first step is Adam's", () => {
    const result = firstStep(bowl, { start: x0, optimizer: "amsgrad" });
    expectVector(result.states[0]!.vMax, [0.025, 0.9]);
    expectPoint(result, 1, [-2.5 + 0.005 / (5 + 1e-8), 1.5 - 0.03 / (30 + 1e-8)], 14);
  });

  it("amsgrad keeps the largest v: after a big gradient then a small one, v_max stays", () => {
    // x² from 3 with lr 1: g₀ = 6, so x₁ = 3 − 1·6/(6 + 1e-8) ≈ 2, g₁ ≈ 4 < 6.
    const line = parseSurface("x^2");
    const result = runOptimizer(line, {
      start: [3],
      optimizer: "amsgrad",
      params: { lr: 1, beta2: 0.5 },
      maxSteps: 2,
      tol: 0,
    });
    // v₁ = 0.5·36 = 18; v₂ = 0.5·18 + 0.5·g₁² ≈ 9 + 8 = 17 < 18, so v_max₂ = 18.
    const g1 = 2 * result.xs[1]!;
    expect(g1).toBeCloseTo(4, 6);
    expectVector(result.states[1]!.v, [9 + 0.5 * g1 * g1], 10);
    expectVector(result.states[1]!.vMax, [18], 12);
  });

  it("nadam: μ₁, μ₂ from β1·(1 − ½·0.96^(tψ)) and the first step from m̂", () => {
    const result = firstStep(bowl, { start: x0, optimizer: "nadam" });
    const mu1 = 0.9 * (1 - 0.5 * 0.96 ** 0.004);
    const mu2 = 0.9 * (1 - 0.5 * 0.96 ** 0.008);
    // ψ = 0.004 makes μ barely grow: μ₁ ≈ 0.4500735, μ₂ ≈ 0.4501469.
    expect(mu1).toBeCloseTo(0.4500735, 6);
    expect(mu2).toBeCloseTo(0.4501469, 6);
    expect(result.states[0]!.mu as number).toBeCloseTo(mu1, 15);
    expect(result.states[0]!.muNext as number).toBeCloseTo(mu2, 15);
    // m₁ = 0.1·g, v̂₁ = g²: m̂ = g·(0.1·μ₂/(1 − μ₁μ₂) + (1 − μ₁)/(1 − μ₁)), step lr·m̂/(|g| + eps).
    const factor = (0.1 * mu2) / (1 - mu1 * mu2) + 1;
    expectPoint(
      result,
      1,
      [-2.5 + (0.002 * 5 * factor) / (5 + 1e-8), 1.5 - (0.002 * 30 * factor) / (30 + 1e-8)],
      14,
    );
  });

  it("try-steps: trials lr·2ʲ for j = −1, 0, 1 and the lowest f wins", () => {
    const result = firstStep(bowl, {
      start: x0,
      optimizer: "try-steps",
      params: { lr: 0.01, spread: 1 },
    });
    // x − a·g = (−2.5 + 5a, 1.5 − 30a):
    // a = 0.005: (−2.475, 1.35), f = 6.125625 + 18.225 = 24.350625;
    // a = 0.01:  (−2.45, 1.2),   f = 6.0025 + 14.4 = 20.4025;
    // a = 0.02:  (−2.4, 0.9),    f = 5.76 + 8.1 = 13.86, the lowest.
    expectVector(result.states[0]!.probeSteps, [0.005, 0.01, 0.02], 15);
    expectVector(result.states[0]!.probeValues, [24.350625, 20.4025, 13.86], 12);
    expect(result.states[0]!.alpha).toBe(0.02);
    expectPoint(result, 1, [-2.4, 0.9]);
  });

  it("try-steps stays put when no trial is lower: lr 1, spread 0 overshoots to (2.5, −28.5)", () => {
    const result = firstStep(bowl, {
      start: x0,
      optimizer: "try-steps",
      params: { lr: 1, spread: 0 },
    });
    // f(2.5, −28.5) = 6.25 + 8122.5 = 8128.75 > 28.75.
    expectVector(result.states[0]!.probeValues, [8128.75], 10);
    expect(result.states[0]!.alpha).toBe(0);
    expectPoint(result, 1, x0);
  });

  it("newton: the Hessian and Newton step at x₀, beside the step it took", () => {
    const result = firstStep(bowl, { start: x0, optimizer: "newton", params: { lr: 1 } });
    const state = result.states[0]!;
    // H(x₀) = [[2, 0], [0, 20]]; −H⁻¹g₀ = −(−5/2, 30/20) = (2.5, −1.5), so x₁ = (0, 0).
    expectVector(state.hessian, [2, 0, 0, 20]);
    expectVector(state.newtonStep, [2.5, -1.5]);
    expect(state.fallback).toBe(false);
    expectPoint(result, 1, [0, 0]);
  });

  it("newton's fallback on the saddle x² − y² from (1, 0.5): a gradient step, said so", () => {
    const saddle = parseSurface("x^2 - y^2");
    const result = firstStep(saddle, { start: [1, 0.5], optimizer: "newton", params: { lr: 1 } });
    const state = result.states[0]!;
    // H = diag(2, −2): det = −4 ≠ 0 but negative, so not positive definite.
    expect(state.fallback).toBe("not positive definite");
    expectVector(state.hessian, [2, 0, 0, -2]);
    // g₀ = (2, −1); the pure Newton step −H⁻¹g₀ = −(2/2, −1/−2) = (−1, −0.5) heads for (0, 0).
    expectVector(state.newtonStep, [-1, -0.5]);
    // Instead: x₁ = x₀ − 1·g₀ = (1 − 2, 0.5 + 1) = (−1, 1.5).
    expectPoint(result, 1, [-1, 1.5]);
  });

  it("newton's singular fallback on x² + y from (1, 1)", () => {
    const trough = parseSurface("x^2 + y");
    const result = firstStep(trough, {
      start: [1, 1],
      optimizer: "newton",
      params: { lr: 0.1 },
    });
    const state = result.states[0]!;
    // H = [[2, 0], [0, 0]], det = 0: singular, no Newton step.
    expect(state.fallback).toBe("singular");
    expectVector(state.hessian, [2, 0, 0, 0]);
    expectVector(state.newtonStep, [0, 0]);
    // g₀ = (2, 1): x₁ = (1 − 0.2, 1 − 0.1) = (0.8, 0.9).
    expectPoint(result, 1, [0.8, 0.9]);
  });

  it("newton in one variable: x³ from −1 has f'' = −6 < 0, so a gradient step", () => {
    const cubic = parseSurface("x^3");
    const result = firstStep(cubic, { start: [-1], optimizer: "newton", params: { lr: 1 } });
    const state = result.states[0]!;
    // f'(−1) = 3, f''(−1) = −6: the Newton step −3/−6 = 0.5 would climb to the inflection.
    expect(state.fallback).toBe("not positive definite");
    expectVector(state.hessian, [-6]);
    expectVector(state.newtonStep, [0.5]);
    // x₁ = −1 − 1·3 = −4.
    expect(result.xs[1]).toBe(-4);
  });

  it("linesearch: α = gᵀg / gᵀHg = 925/18050 = 37/722 at x₀", () => {
    const result = firstStep(bowl, { start: x0, optimizer: "linesearch" });
    const state = result.states[0]!;
    // gᵀHg = 2·25 + 20·900 = 18050.
    const alpha = 37 / 722;
    expect(state.alpha as number).toBeCloseTo(alpha, 12);
    expect(state.probes as number).toBeGreaterThan(0);
    const tried = state.probeSteps as number[];
    expect(tried.length).toBeGreaterThan(0);
    // x₁ = x₀ − α·g₀ = (−2.5 + 5α, 1.5 − 30α).
    expectPoint(result, 1, [-2.5 + 5 * alpha, 1.5 - 30 * alpha], 11);
  });

  it("backtracking: α = 1, ½, ¼, ⅛ fail Armijo's test and 1/16 passes", () => {
    const result = firstStep(bowl, {
      start: x0,
      optimizer: "backtracking",
      params: { lr: 1 },
    });
    // Trials x₀ − α·g₀ = (−2.5 + 5α, 1.5 − 30α) against 28.75 − 1e-4·α·925:
    // α = 1: (2.5, −28.5), f = 6.25 + 8122.5 = 8128.75 — fails;
    // α = ½: (0, −13.5), f = 1822.5 — fails;
    // α = ¼: (−1.25, −6), f = 1.5625 + 360 = 361.5625 — fails;
    // α = ⅛: (−1.875, −2.25), f = 3.515625 + 50.625 = 54.140625 — fails;
    // α = 1/16: (−2.1875, −0.375), f = 4.78515625 + 1.40625 = 6.19140625 ≤ 28.744… — passes.
    expect(result.states[0]).toEqual({ alpha: 0.0625, halvings: 4, accepted: true });
    expectPoint(result, 1, [-2.1875, -0.375]);
  });

  it("random-search: the proposal drawn at x₀ in the box, and that it was kept", () => {
    const box = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };
    const result = firstStep(bowl, { start: x0, optimizer: "random-search", box, seed: 3 });
    // The same seed's first two uniforms u₁, u₂ place c = (−1 + 2u₁, −1 + 2u₂).
    const random = createRandom(3);
    const c = [-1 + 2 * random.uniform(), -1 + 2 * random.uniform()];
    const state = result.states[0]!;
    expectVector(state.candidate, c, 15);
    // f(c) = c₁² + 10c₂² ≤ 11 < 28.75 anywhere in the box, so the proposal is kept.
    expect(state.candidateValue as number).toBeCloseTo(c[0]! ** 2 + 10 * c[1]! ** 2, 14);
    expect(state.accepted).toBe(true);
    expectPoint(result, 1, c, 15);
  });

  it("random-search near the minimum: a proposal that is not lower is refused", () => {
    const box = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };
    // f(0.01, 0) = 1e-4: a uniform proposal is lower only inside an ellipse of area ~1e-4.
    const result = firstStep(bowl, {
      start: [0.01, 0],
      optimizer: "random-search",
      box,
      seed: 3,
    });
    const random = createRandom(3);
    const c = [-1 + 2 * random.uniform(), -1 + 2 * random.uniform()];
    const value = c[0]! ** 2 + 10 * c[1]! ** 2;
    expect(value).toBeGreaterThan(1e-4);
    expect(result.states[0]).toMatchObject({ accepted: false });
    expectVector(result.states[0]!.candidate, c, 15);
    expectPoint(result, 1, [0.01, 0], 15);
  });

  it("random-local: c = x₀ + σ·z with z from Box–Muller on the seed's uniforms", () => {
    const result = firstStep(bowl, {
      start: x0,
      optimizer: "random-local",
      params: { sigma: 0.1 },
      seed: 5,
    });
    // z₁ = √(−2 ln(1 − u₁))·cos(2πu₂), z₂ = √(−2 ln(1 − u₁))·sin(2πu₂).
    const random = createRandom(5);
    const u1 = random.uniform();
    const u2 = random.uniform();
    const radius = Math.sqrt(-2 * Math.log(1 - u1));
    const c = [
      -2.5 + 0.1 * radius * Math.cos(2 * Math.PI * u2),
      1.5 + 0.1 * radius * Math.sin(2 * Math.PI * u2),
    ];
    const value = c[0]! ** 2 + 10 * c[1]! ** 2;
    const state = result.states[0]!;
    expectVector(state.candidate, c, 13);
    expect(state.candidateValue as number).toBeCloseTo(value, 11);
    expect(state.accepted).toBe(value < 28.75);
    expectPoint(result, 1, value < 28.75 ? c : x0, 13);
  });

  it("covers every rule", () => {
    const covered = [
      "gd",
      "ascent",
      "sign",
      "momentum",
      "nesterov",
      "adagrad",
      "rmsprop",
      "adam",
      "adamw",
      "amsgrad",
      "nadam",
      "newton",
      "linesearch",
      "try-steps",
      "backtracking",
      "random-search",
      "random-local",
    ];
    expect([...optimizerNames].sort()).toEqual(covered.sort());
  });
});

describe("a run that stops at once", () => {
  it("has one iterate and one empty state: no step was taken from the start", () => {
    const result = runOptimizer(bowl, { start: [0, 0], optimizer: "adam" });
    expect(result.steps).toBe(0);
    expect(result.states).toEqual([{}]);
  });
});
