/**
 * The vectors of a step, against runs stepped by hand with PyTorch's published update rules
 * (torch.optim.SGD with momentum / nesterov, Adagrad, RMSprop, Adam, AdamW, NAdam) and
 * Newton's and the line searches' textbook definitions.
 */
import { describe, expect, it } from "vitest";
import { resolveParams } from "../../src/core/optimizers/index.ts";
import { runOptimizer } from "../../src/core/run.ts";
import {
  arrowMagnification,
  stepAnatomy,
  STEP_LABEL,
  type StepAnatomy,
  type StepArrow,
  type Vec2,
} from "../../src/core/stepAnatomy.ts";
import { parseSurface } from "../../src/core/surface.ts";
import type { Surface } from "../../src/core/types.ts";

// f = x² + 10y², ∇f = (2x, 20y), H = diag(2, 20); from x₀ = (−2.5, 1.5), g₀ = (−5, 30).
const bowl = parseSurface("x^2 + 10*y^2");
const x0 = [-2.5, 1.5];

function anatomyOf(
  surface: Surface,
  optimizer: string,
  params: Record<string, number>,
  k: number,
  start = x0,
): StepAnatomy {
  const full = resolveParams(optimizer, params);
  const result = runOptimizer(surface, { start, optimizer, params: full, maxSteps: k + 5, tol: 0 });
  return stepAnatomy({ optimizer, params: full, result }, k);
}

function arrow(anatomy: StepAnatomy, kind: StepArrow["kind"]): StepArrow {
  const found = anatomy.arrows.find((a) => a.kind === kind);
  if (!found) throw new Error(`no ${kind} arrow in ${JSON.stringify(anatomy.arrows)}`);
  return found;
}

function expectVector(actual: readonly number[], expected: readonly number[], digits = 12) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, digits));
}

describe("gradient descent", () => {
  it("the step is −lr·∇f exactly, drawn once and named so", () => {
    // k = 0: −0.01·(−5, 30) = (0.05, −0.3).
    const first = anatomyOf(bowl, "gd", { lr: 0.01 }, 0);
    expect(first.arrows).toHaveLength(1);
    expect(first.arrows[0]!.kind).toBe("step");
    expect(first.arrows[0]!.label).toBe("step = −lr·∇f");
    expectVector(first.arrows[0]!.vector, [0.05, -0.3], 14);
    expectVector(first.from, x0, 15);
    // k = 1 from x₁ = (−2.45, 1.2): g₁ = (−4.9, 24), −lr·g₁ = (0.049, −0.24).
    const second = anatomyOf(bowl, "gd", { lr: 0.01 }, 1);
    expectVector(second.from, [-2.45, 1.2], 14);
    expectVector(arrow(second, "step").vector, [0.049, -0.24], 14);
  });

  it("ascent draws −lr·∇f and, opposite it, the step +lr·∇f", () => {
    const anatomy = anatomyOf(bowl, "ascent", { lr: 0.01 }, 0);
    expectVector(arrow(anatomy, "gradient").vector, [0.05, -0.3], 14);
    expect(arrow(anatomy, "step").label).toBe("step = +lr·∇f");
    expectVector(arrow(anatomy, "step").vector, [-0.05, 0.3], 14);
  });

  it("at the final iterate there is no step to draw", () => {
    const full = resolveParams("gd", { lr: 0.01 });
    const result = runOptimizer(bowl, { start: x0, optimizer: "gd", params: full, maxSteps: 3 });
    const anatomy = stepAnatomy({ optimizer: "gd", params: full, result }, 10);
    expect(anatomy.k).toBe(3);
    expect(anatomy.arrows).toEqual([]);
    expect(anatomy.note).toMatch(/stopped/);
  });
});

describe("momentum (PyTorch SGD: b₁ = g₁, bₜ = μ·bₜ₋₁ + gₜ, x ← x − lr·b)", () => {
  // lr = 0.01, μ = 0.9, by hand:
  // k = 0: g₀ = (−5, 30), b₀ = g₀, x₁ = x₀ − 0.01·b₀ = (−2.45, 1.2).
  // k = 1: g₁ = (−4.9, 24), b₁ = 0.9·(−5, 30) + (−4.9, 24) = (−9.4, 51), x₂ = (−2.356, 0.69).
  // k = 2: g₂ = (−4.712, 13.8), b₂ = 0.9·(−9.4, 51) + (−4.712, 13.8) = (−13.172, 59.7).
  const params = { lr: 0.01, momentum: 0.9 };

  it("the first step is −lr·g₀: velocity and gradient step coincide", () => {
    const anatomy = anatomyOf(bowl, "momentum", params, 0);
    expect(anatomy.arrows).toHaveLength(1);
    expect(arrow(anatomy, "step").label).toBe("step = −lr·∇f = velocity");
    expectVector(arrow(anatomy, "step").vector, [0.05, -0.3], 14);
  });

  it("at k = 2 the step −lr·b₂ is the carried −lr·μ·b₁ plus −lr·g₂", () => {
    const anatomy = anatomyOf(bowl, "momentum", params, 2);
    expectVector(anatomy.from, [-2.356, 0.69], 13);
    expectVector(arrow(anatomy, "gradient").vector, [0.04712, -0.138], 13);
    // −0.01·0.9·(−9.4, 51) = (0.0846, −0.459).
    expectVector(arrow(anatomy, "momentum").vector, [0.0846, -0.459], 13);
    const step = arrow(anatomy, "step");
    expect(step.label).toBe("step = velocity");
    // −0.01·(−13.172, 59.7) = (0.13172, −0.597).
    expectVector(step.vector, [0.13172, -0.597], 13);
  });
});

describe("Nesterov (PyTorch SGD nesterov=True: x ← x − lr·(g + μ·b))", () => {
  const params = { lr: 0.01, momentum: 0.9 };

  it("k = 0: step −0.019·g₀, look-ahead x₀ − 0.009·g₀, and −lr·g₀ from there to x₁", () => {
    const anatomy = anatomyOf(bowl, "nesterov", params, 0);
    // b₀ = g₀; step = −0.01·(1 + 0.9)·(−5, 30) = (0.095, −0.57), so x₁ = (−2.405, 0.93).
    const step = arrow(anatomy, "step");
    expect(step.label).toBe("step = −lr·(∇f+μ·b)");
    expectVector(step.vector, [0.095, -0.57], 14);
    const ahead = anatomy.marks.find((mark) => mark.kind === "look-ahead");
    // x₀ − 0.01·0.9·(−5, 30) = (−2.455, 1.23).
    expectVector(ahead!.point, [-2.455, 1.23], 14);
    const correction = arrow(anatomy, "correction");
    expectVector(correction.from, [-2.455, 1.23], 14);
    expectVector(correction.vector, [0.05, -0.3], 14);
    expect(correction.dashed).toBe(true);
    // Velocity −lr·b₀ = (0.05, −0.3), the same as the gradient step at k = 0.
    expectVector(arrow(anatomy, "velocity").vector, [0.05, -0.3], 14);
  });

  it("k = 1: b₁ = 0.9·g₀ + g₁ = (−9.31, 45.6), step −0.01·(g₁ + 0.9·b₁)", () => {
    // x₁ = (−2.405, 0.93), g₁ = (−4.81, 18.6).
    const anatomy = anatomyOf(bowl, "nesterov", params, 1);
    expectVector(anatomy.from, [-2.405, 0.93], 14);
    expectVector(arrow(anatomy, "velocity").vector, [0.0931, -0.456], 13);
    // g₁ + 0.9·b₁ = (−4.81 − 8.379, 18.6 + 41.04) = (−13.189, 59.64).
    expectVector(arrow(anatomy, "step").vector, [0.13189, -0.5964], 13);
    // x₁ − 0.009·b₁ = (−2.405 + 0.08379, 0.93 − 0.4104).
    const ahead = anatomy.marks.find((mark) => mark.kind === "look-ahead");
    expectVector(ahead!.point, [-2.32121, 0.5196], 13);
  });
});

describe("the adaptive rules", () => {
  it("Adam after two steps: m̂/(√v̂ + ε) worked by hand from β1 = 0.9, β2 = 0.999", () => {
    const lr = 0.1;
    const eps = 1e-8;
    // t = 1: m = 0.1·g₀ = (−0.5, 3), v = 0.001·g₀² = (0.025, 0.9); m̂ = g₀, v̂ = g₀², so the step
    // is −0.1·(−5/(5 + ε), 30/(30 + ε)) and x₁ = (−2.4, 1.4) up to ε.
    const first = anatomyOf(bowl, "adam", { lr }, 0);
    expect(arrow(first, "step").label).toBe("step = −lr·m̂/(√v̂+ε)");
    expectVector(arrow(first, "step").vector, [(lr * 5) / (5 + eps), (-lr * 30) / (30 + eps)]);
    expectVector(arrow(first, "gradient").vector, [0.5, -3], 14);
    // t = 2 at x₁ ≈ (−2.4, 1.4): g₁ ≈ (−4.8, 28).
    const x1: Vec2 = [-2.5 + (lr * 5) / (5 + eps), 1.5 - (lr * 30) / (30 + eps)];
    const g1: Vec2 = [2 * x1[0], 20 * x1[1]];
    const m = [0.9 * -0.5 + 0.1 * g1[0], 0.9 * 3 + 0.1 * g1[1]];
    const v = [0.999 * 0.025 + 0.001 * g1[0] ** 2, 0.999 * 0.9 + 0.001 * g1[1] ** 2];
    const mHat = m.map((value) => value / (1 - 0.9 ** 2));
    const vHat = v.map((value) => value / (1 - 0.999 ** 2));
    const expected = mHat.map((value, i) => (-lr * value) / (Math.sqrt(vHat[i]!) + eps));
    // About (−0.93/0.19, 5.5/0.19) over (√24.0195, √841.971): (0.0998728, −0.0997609).
    expectVector(expected, [0.0998728, -0.0997609], 6);
    const second = anatomyOf(bowl, "adam", { lr }, 1);
    expectVector(second.from, x1, 14);
    const step = arrow(second, "step");
    expect(step.label).toBe("step = −lr·m̂/(√v̂+ε)");
    expectVector(step.vector, expected, 13);
    // The plain gradient step is a different arrow: −0.1·g₁ ≈ (0.48, −2.8).
    expectVector(arrow(second, "gradient").vector, [-lr * g1[0], -lr * g1[1]], 13);
  });

  it("AMSGrad matches Adam while v only grows; AdamW adds the decay −lr·λ·x", () => {
    const adam = arrow(anatomyOf(bowl, "adam", { lr: 0.1 }, 1), "step").vector;
    const ams = anatomyOf(bowl, "amsgrad", { lr: 0.1 }, 1);
    expect(arrow(ams, "step").label).toBe("step = −lr·m̂/(√v̂max+ε)");
    expectVector(arrow(ams, "step").vector, adam, 15);
    // AdamW at k = 0: decay −0.1·0.01·(−2.5, 1.5) = (0.0025, −0.0015) beside Adam's part.
    const adamw = anatomyOf(bowl, "adamw", { lr: 0.1, weight_decay: 0.01 }, 0);
    expectVector(arrow(adamw, "decay").vector, [0.0025, -0.0015], 15);
    const part = arrow(adamw, "adaptive").vector;
    expectVector(part, [(0.1 * 5) / (5 + 1e-8), (-0.1 * 30) / (30 + 1e-8)], 14);
    expectVector(arrow(adamw, "step").vector, [part[0] + 0.0025, part[1] - 0.0015], 14);
    expect(arrow(adamw, "step").label).toBe(STEP_LABEL);
  });

  it("NAdam's first step from PyTorch's μₜ = β1·(1 − ½·0.96^(0.004·t))", () => {
    const lr = 0.002;
    const mu1 = 0.9 * (1 - 0.5 * 0.96 ** 0.004);
    const mu2 = 0.9 * (1 - 0.5 * 0.96 ** 0.008);
    const g0 = [-5, 30];
    // m = 0.1·g, v̂ = g²: m̂ = μ₂·m/(1 − μ₁μ₂) + (1 − μ₁)·g/(1 − μ₁).
    const mHat = g0.map((g) => (mu2 * 0.1 * g) / (1 - mu1 * mu2) + g);
    const expected = mHat.map((value, i) => (-lr * value) / (Math.abs(g0[i]!) + 1e-8));
    const anatomy = anatomyOf(bowl, "nadam", { lr }, 0);
    expect(arrow(anatomy, "step").label).toBe("step = −lr·m̂/(√v̂+ε)");
    expectVector(arrow(anatomy, "step").vector, expected, 14);
  });

  it("AdaGrad and RMSProp at k = 0: −lr·g/(√s + ε) and −lr·g/(√v + ε)", () => {
    // AdaGrad: s = g₀² so the step is −0.1·g₀/(|g₀| + 1e-10) ≈ (0.1, −0.1).
    const adagrad = anatomyOf(bowl, "adagrad", { lr: 0.1 }, 0);
    expect(arrow(adagrad, "step").label).toBe("step = −lr·g/(√s+ε)");
    expectVector(arrow(adagrad, "step").vector, [0.1, -0.1], 9);
    // RMSProp: v = 0.01·g₀² = (0.25, 9), √v = (0.5, 3), −0.01·(−5/0.5, 30/3) = (0.1, −0.1).
    const rmsprop = anatomyOf(bowl, "rmsprop", { lr: 0.01 }, 0);
    expect(arrow(rmsprop, "step").label).toBe("step = −lr·g/(√v+ε)");
    expectVector(arrow(rmsprop, "step").vector, [0.1, -0.1], 7);
    expectVector(arrow(rmsprop, "gradient").vector, [0.05, -0.3], 14);
  });
});

describe("Newton's method", () => {
  it("on x² + 10y² the step −H⁻¹∇f lands on the minimum (0, 0)", () => {
    // −H⁻¹g₀ = −(−5/2, 30/20) = (2.5, −1.5).
    const anatomy = anatomyOf(bowl, "newton", { lr: 1 }, 0);
    const step = arrow(anatomy, "step");
    expect(step.label).toBe("step = Newton");
    expectVector(step.vector, [2.5, -1.5], 14);
    expectVector([anatomy.from[0] + step.vector[0], anatomy.from[1] + step.vector[1]], [0, 0], 14);
  });

  it("on 2x² + xy + 3y² − x + 2y it lands on H⁻¹(1, −2) = (8/23, −9/23)", () => {
    const surface = parseSurface("2x^2 + x*y + 3y^2 - x + 2y");
    const anatomy = anatomyOf(surface, "newton", { lr: 1 }, 0, [1, 1]);
    const step = arrow(anatomy, "step").vector;
    expectVector([1 + step[0], 1 + step[1]], [8 / 23, -9 / 23], 14);
  });

  it("at a saddle's side it falls back: the Newton step (−1, −1) is dashed, not taken", () => {
    // x² − y² at (1, 1): g = (2, −2), H = diag(2, −2), −H⁻¹g = (−1, −1).
    const anatomy = anatomyOf(parseSurface("x^2 - y^2"), "newton", { lr: 0.1 }, 0, [1, 1]);
    const newton = arrow(anatomy, "newton");
    expect(newton.dashed).toBe(true);
    expect(newton.label).toMatch(/not taken: H not positive definite/);
    expectVector(newton.vector, [-1, -1], 14);
    expect(arrow(anatomy, "step").label).toBe("step = −lr·∇f");
    expectVector(arrow(anatomy, "step").vector, [-0.2, 0.2], 14);
  });
});

describe("the line searches' trial points", () => {
  it("backtracking from x₀ with lr 1 tries α = 1, ½, ¼, ⅛ and accepts 1/16", () => {
    // f(x₀ − α·g₀) for α = 1, 0.5, 0.25, 0.125 is 8128.75, 1822.5, 361.56, 54.14, all above
    // f(x₀) − 1e-4·α·925; α = 0.0625 gives 6.19, which passes Armijo's test.
    const anatomy = anatomyOf(bowl, "backtracking", { lr: 1 }, 0);
    const points = anatomy.marks.map((mark) => mark.point);
    const alphas = [1, 0.5, 0.25, 0.125, 0.0625];
    expect(points).toHaveLength(alphas.length);
    alphas.forEach((alpha, i) =>
      expectVector(points[i]!, [-2.5 + 5 * alpha, 1.5 - 30 * alpha], 14),
    );
    expect(anatomy.marks[4]!.label).toBe("5 trials");
    expectVector(arrow(anatomy, "step").vector, [0.3125, -1.875], 14);
    // The first trial is the plain gradient step −lr·∇f = −g₀.
    expectVector(arrow(anatomy, "gradient").vector, [5, -30], 14);
  });

  it("the exact line search stops at α = gᵀg / gᵀHg = 925/18050, its trials on the line", () => {
    const anatomy = anatomyOf(bowl, "linesearch", {}, 0);
    const alpha = 925 / 18050;
    const step = arrow(anatomy, "step");
    expect(step.label).toBe("step = −α·∇f");
    expectVector(step.vector, [5 * alpha, -30 * alpha], 9);
    expect(anatomy.marks.length).toBeGreaterThan(2);
    // Every trial point is x₀ − α·g₀ for some α: on the line through x₀ along (5, −30).
    for (const mark of anatomy.marks) {
      const [dx, dy] = [mark.point[0] + 2.5, mark.point[1] - 1.5];
      expect(Math.abs(dx * -30 - dy * 5)).toBeLessThan(1e-9 * Math.max(1, Math.hypot(dx, dy)));
    }
  });

  it("random search marks its proposal", () => {
    const anatomy = anatomyOf(bowl, "random-local", { sigma: 0.5 }, 0);
    expect(anatomy.marks).toHaveLength(1);
    expect(anatomy.marks[0]!.label).toMatch(/^proposal, (kept|rejected)$/);
    expect(anatomy.arrows.some((a) => a.kind === "gradient")).toBe(false);
  });
});

describe("arrowMagnification", () => {
  it.each([
    [1, 0.5, 2, 1],
    [0.01, 0.5, 2, 50],
    [0.3, 0.5, 2, 2],
    [0.09, 0.5, 2, 10],
    [10, 0.5, 2, 0.2],
    [3, 0.5, 2, 0.5],
    [0, 0.5, 2, 1],
    [Number.NaN, 0.5, 2, 1],
  ])("a length of %s within [%s, %s] is drawn ×%s", (length, min, max, factor) => {
    expect(arrowMagnification(length, min, max)).toBeCloseTo(factor, 12);
  });
});
