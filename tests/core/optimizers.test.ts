import { describe, expect, it } from "vitest";
import {
  getOptimizer,
  optimizerNames,
  optimizerRegistry,
  resolveParams,
} from "../../src/core/optimizers/index.ts";
import { runOptimizer } from "../../src/core/run.ts";
import { handSurface } from "./reference/handSurface.ts";
import {
  doubleWell,
  exponential,
  himmelblau,
  quadratic,
  quartic,
  referenceIterates,
  rosenbrock,
  type HandFunction,
  type Vec,
} from "./reference/optimizers.ts";

const bowl: HandFunction = {
  name: "x² + 3y²",
  f: ([x = 0, y = 0]) => x * x + 3 * y * y,
  grad: ([x = 0, y = 0]) => [2 * x, 6 * y],
  hess: () => [
    [2, 0],
    [0, 6],
  ],
};

function iterates(
  fn: HandFunction,
  rule: string,
  start: Vec,
  params: Record<string, number>,
  steps: number,
  dimension: 1 | 2 = 2,
): Vec[] {
  const result = runOptimizer(handSurface(fn, dimension), {
    start,
    optimizer: rule,
    params,
    maxSteps: steps,
    tol: 0,
  });
  const path: Vec[] = [];
  for (let k = 0; k <= result.steps; k++) {
    path.push(dimension === 1 ? [result.xs[k]!] : [result.xs[k]!, result.ys[k]!]);
  }
  return path;
}

/** max |a − b| over the coordinates, relative to the size of the reference iterate. */
function relativeDifference(a: Vec, b: Vec): number {
  const size = Math.max(...b.map(Math.abs), 1e-300);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!))) / size;
}

interface Case {
  rule: string;
  fn: HandFunction;
  start: Vec;
  params: Record<string, number>;
  dimension?: 1 | 2;
}

// Every rule that follows the gradient, on at least three functions each; the parameters are
// the full PyTorch defaults of the issue table with the learning rate chosen per function.
const cases: Case[] = [];
const firstOrderSettings: Record<string, Record<string, number>[]> = {
  // [quadratic, rosenbrock, himmelblau, doubleWell]
  gd: [{ lr: 0.1 }, { lr: 0.001 }, { lr: 0.01 }, { lr: 0.02 }],
  ascent: [{ lr: 0.01 }, { lr: 0.0001 }, { lr: 0.005 }, { lr: 0.01 }],
  sign: [{ lr: 0.05 }, { lr: 0.01 }, { lr: 0.1 }, { lr: 0.1 }],
  momentum: [
    { lr: 0.05, momentum: 0.9 },
    { lr: 0.0005, momentum: 0.9 },
    { lr: 0.005, momentum: 0.8 },
    { lr: 0.01, momentum: 0.9 },
  ],
  nesterov: [
    { lr: 0.05, momentum: 0.9 },
    { lr: 0.0005, momentum: 0.9 },
    { lr: 0.005, momentum: 0.8 },
    { lr: 0.01, momentum: 0.9 },
  ],
  adagrad: [
    { lr: 0.5, eps: 1e-10 },
    { lr: 0.1, eps: 1e-10 },
    { lr: 0.3, eps: 1e-10 },
    { lr: 0.2, eps: 1e-10 },
  ],
  rmsprop: [
    { lr: 0.01, alpha: 0.99, eps: 1e-8 },
    { lr: 0.01, alpha: 0.99, eps: 1e-8 },
    { lr: 0.05, alpha: 0.9, eps: 1e-8 },
    { lr: 0.02, alpha: 0.99, eps: 1e-8 },
  ],
  adam: [
    { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    { lr: 0.2, beta1: 0.8, beta2: 0.99, eps: 1e-8 },
    { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  ],
  adamw: [
    { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01 },
    { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.1 },
    { lr: 0.2, beta1: 0.8, beta2: 0.99, eps: 1e-8, weight_decay: 0.05 },
    { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01 },
  ],
  amsgrad: [
    { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    // β2 = 0.5 forgets fast, so v falls below its running maximum and the max matters.
    { lr: 0.2, beta1: 0.8, beta2: 0.5, eps: 1e-8 },
    { lr: 0.1, beta1: 0.9, beta2: 0.9, eps: 1e-8 },
  ],
  nadam: [
    { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, momentum_decay: 0.004 },
    { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, momentum_decay: 0.004 },
    { lr: 0.2, beta1: 0.8, beta2: 0.99, eps: 1e-8, momentum_decay: 0.1 },
    { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, momentum_decay: 0.004 },
  ],
  "try-steps": [
    { lr: 0.1, spread: 3 },
    { lr: 0.001, spread: 3 },
    { lr: 0.01, spread: 2 },
    { lr: 0.02, spread: 4 },
  ],
  // Newton on Himmelblau from (0.5, 1) starts where H is indefinite: the fallback path.
  newton: [{ lr: 0.5 }, { lr: 1 }, { lr: 0.01 }, { lr: 1 }],
  backtracking: [{ lr: 1 }, { lr: 1 }, { lr: 1 }, { lr: 1 }],
};
for (const [rule, settings] of Object.entries(firstOrderSettings)) {
  cases.push({ rule, fn: quadratic, start: [1.5, -1], params: settings[0]! });
  cases.push({ rule, fn: rosenbrock, start: [-1.2, 1], params: settings[1]! });
  cases.push({ rule, fn: himmelblau, start: [0.5, 1], params: settings[2]! });
  cases.push({ rule, fn: doubleWell, start: [2], params: settings[3]!, dimension: 1 });
}
// The exact line search on convex functions, where the minimiser along each line is unique.
cases.push({ rule: "linesearch", fn: quadratic, start: [1.5, -1], params: {} });
cases.push({ rule: "linesearch", fn: quartic, start: [1.5, -1], params: {} });
cases.push({ rule: "linesearch", fn: exponential, start: [1, 2], params: {} });

describe("first ten iterates match the independent reference", () => {
  it.each(cases.map((c) => [c.rule, c.fn.name, c] as const))("%s on %s", (_rule, _name, c) => {
    const ours = iterates(c.fn, c.rule, c.start, c.params, 10, c.dimension);
    const reference = referenceIterates(c.rule, c.fn, c.start, c.params, 10);
    // A run may stop early only because it converged (Newton hits a zero gradient exactly).
    expect(ours.length).toBeGreaterThanOrEqual(6);
    for (let k = 0; k < ours.length; k++) {
      expect(relativeDifference(ours[k]!, reference[k]!), `iterate ${k}`).toBeLessThan(1e-9);
    }
    // The iterates must actually move, or the comparison proves nothing.
    expect(relativeDifference(ours[ours.length - 1]!, ours[0]!)).toBeGreaterThan(1e-3);
  });

  it("covers every gradient-based rule", () => {
    const covered = new Set(cases.map((c) => c.rule));
    for (const name of optimizerNames) {
      if (optimizerRegistry[name].usesGradient) expect(covered.has(name), name).toBe(true);
    }
  });
});

describe("numbers worked by hand", () => {
  it("gd on x² + 3y² from (1, 1) with lr 0.1: (0.8, 0.4), then (0.64, 0.16)", () => {
    const path = iterates(bowl, "gd", [1, 1], { lr: 0.1 }, 2);
    expect(path[1]![0]).toBeCloseTo(0.8, 15);
    expect(path[1]![1]).toBeCloseTo(0.4, 15);
    expect(path[2]![0]).toBeCloseTo(0.64, 15);
    expect(path[2]![1]).toBeCloseTo(0.16, 15);
  });

  it("ascent climbs: from (1, 1) on x² + 3y² with lr 0.1 to (1.2, 1.6)", () => {
    const path = iterates(bowl, "ascent", [1, 1], { lr: 0.1 }, 1);
    expect(path[1]![0]).toBeCloseTo(1.2, 15);
    expect(path[1]![1]).toBeCloseTo(1.6, 15);
  });

  it("sign step from (1, −1) with lr 0.1 moves each coordinate by exactly 0.1", () => {
    const path = iterates(bowl, "sign", [1, -1], { lr: 0.1 }, 1);
    expect(path[1]).toEqual([0.9, -0.9]);
  });

  it("momentum and Nesterov on x² from 1 (lr 0.1, μ 0.9)", () => {
    const square: HandFunction = {
      name: "x²",
      f: ([x = 0]) => x * x,
      grad: ([x = 0]) => [2 * x],
      hess: () => [[2]],
    };
    // b₁ = g₁ = 2 → x₁ = 0.8; g₂ = 1.6, b₂ = 0.9·2 + 1.6 = 3.4 → x₂ = 0.8 − 0.34 = 0.46.
    const heavyBall = iterates(square, "momentum", [1], { lr: 0.1, momentum: 0.9 }, 2, 1);
    expect(heavyBall[1]![0]).toBeCloseTo(0.8, 15);
    expect(heavyBall[2]![0]).toBeCloseTo(0.46, 15);
    // x₁ = 1 − 0.1·(2 + 0.9·2) = 0.62.
    const lookAhead = iterates(square, "nesterov", [1], { lr: 0.1, momentum: 0.9 }, 1, 1);
    expect(lookAhead[1]![0]).toBeCloseTo(0.62, 15);
  });

  it("Adam's first step moves each coordinate by about lr·sign(g)", () => {
    // m̂₁ = g, v̂₁ = g², so the step is lr·g/(|g| + 1e-8).
    const path = iterates(bowl, "adam", [1, -1], { lr: 0.1 }, 1);
    expect(path[1]![0]).toBeCloseTo(1 - 0.1 * (2 / (2 + 1e-8)), 15);
    expect(path[1]![1]).toBeCloseTo(-1 + 0.1 * (6 / (6 + 1e-8)), 15);
    expect(path[1]![0]).toBeCloseTo(0.9, 8);
    expect(path[1]![1]).toBeCloseTo(-0.9, 8);
  });

  it("AdaGrad's first step is lr·sign(g); RMSProp's is 10·lr·sign(g) with α = 0.99", () => {
    const ada = iterates(bowl, "adagrad", [1, 1], { lr: 0.1 }, 1);
    expect(ada[1]![0]).toBeCloseTo(0.9, 9);
    expect(ada[1]![1]).toBeCloseTo(0.9, 9);
    // v₁ = 0.01·g², √v₁ = 0.1·|g|.
    const rms = iterates(bowl, "rmsprop", [1, 1], { lr: 0.01 }, 1);
    expect(rms[1]![0]).toBeCloseTo(0.9, 6);
    expect(rms[1]![1]).toBeCloseTo(0.9, 6);
  });

  it("Newton reaches the minimum of a quadratic in one step: (8/23, −9/23)", () => {
    const path = iterates(quadratic, "newton", [1.5, -1], { lr: 1 }, 1);
    expect(path[1]![0]).toBeCloseTo(8 / 23, 14);
    expect(path[1]![1]).toBeCloseTo(-9 / 23, 14);
  });

  it("exact line search on x² + 3y² from (1, 1): α = 5/28, x₁ = (9/14, −1/14)", () => {
    const result = runOptimizer(handSurface(bowl), {
      start: [1, 1],
      optimizer: "linesearch",
      maxSteps: 1,
    });
    expect(result.xs[1]).toBeCloseTo(9 / 14, 14);
    expect(result.ys[1]).toBeCloseTo(-1 / 14, 14);
    expect(result.states[0]!.alpha).toBeCloseTo(5 / 28, 14);
  });

  it("Armijo backtracking on x² + 3y² from (1, 1): α = 1, ½ fail, ¼ is accepted", () => {
    // α = 1 → (−1, −5), f = 76; α = ½ → (0, −2), f = 12; α = ¼ → (½, −½), f = 1 ≤ 4 − 1e-4·¼·40.
    const result = runOptimizer(handSurface(bowl), {
      start: [1, 1],
      optimizer: "backtracking",
      maxSteps: 1,
    });
    expect(result.xs[1]).toBe(0.5);
    expect(result.ys[1]).toBe(-0.5);
    expect(result.states[0]).toMatchObject({ alpha: 0.25, halvings: 2, accepted: true });
  });
});

describe("exact line search", () => {
  it.each([
    ["Rosenbrock", rosenbrock, [-1.2, 1]],
    ["Himmelblau", himmelblau, [0.5, 1]],
    ["quartic", quartic, [1.5, -1]],
  ] as const)("makes the new gradient orthogonal to the direction on %s", (_name, fn, start) => {
    const result = runOptimizer(handSurface(fn), {
      start: [...start],
      optimizer: "linesearch",
      maxSteps: 50,
      // Below |g| ≈ 1e-8 the gradient's own rounding (≈ 1e-16 / |g|) limits any orthogonality.
      tol: 1e-8,
    });
    expect(result.steps).toBeGreaterThan(5);
    for (let k = 1; k < result.steps; k++) {
      // d = −g at iterate k − 1; the gradient at iterate k must be orthogonal to it.
      const dx = -result.gradX[k - 1]!;
      const dy = -result.gradY[k - 1]!;
      const gx = result.gradX[k]!;
      const gy = result.gradY[k]!;
      const cosine = Math.abs(gx * dx + gy * dy) / (Math.hypot(gx, gy) * Math.hypot(dx, dy));
      expect(cosine, `step ${k}`).toBeLessThan(1e-6);
      // and it did not go uphill (beyond f's rounding, which is all that is left near the minimum)
      const previous = result.values[k - 1]!;
      expect(result.values[k]!).toBeLessThanOrEqual(
        previous + 4 * Number.EPSILON * Math.abs(previous),
      );
    }
  });

  it("records the step sizes it tried", () => {
    const result = runOptimizer(handSurface(bowl), {
      start: [1, 1],
      optimizer: "linesearch",
      maxSteps: 1,
    });
    const state = result.states[0]!;
    expect(state.probes).toBeGreaterThan(2);
    expect(Array.isArray(state.probeSteps)).toBe(true);
    expect((state.probeSteps as number[]).length).toBeGreaterThan(2);
  });
});

describe("Newton's fallback", () => {
  it("says why it took a gradient step where H is indefinite, and takes the Newton step where H > 0", () => {
    // At (0.5, 1) Himmelblau's Hessian is [[−35, 6], [6, −12]]... indefinite or negative.
    const result = runOptimizer(handSurface(himmelblau), {
      start: [0.5, 1],
      optimizer: "newton",
      params: { lr: 0.01 },
      maxSteps: 1,
    });
    expect(result.states[0]!.fallback).toBe("not positive definite");
    // Gradient step: x₁ = x₀ − 0.01·g with g worked by hand: (4·0.5·(0.25 + 1 − 11) + 2·(0.5 + 1 − 7),
    // 2·(0.25 + 1 − 11) + 4·(0.5 + 1 − 7)) = (−30.5, −41.5).
    expect(result.xs[1]).toBeCloseTo(0.5 + 0.305, 14);
    expect(result.ys[1]).toBeCloseTo(1 + 0.415, 14);

    const convex = runOptimizer(handSurface(quadratic), {
      start: [1.5, -1],
      optimizer: "newton",
      maxSteps: 1,
    });
    expect(convex.states[0]!.fallback).toBe(false);
  });

  it("reports a singular Hessian (x⁴ + y⁴ at a point on the x axis)", () => {
    const quarticBowl: HandFunction = {
      name: "x⁴ + y⁴",
      f: ([x = 0, y = 0]) => x ** 4 + y ** 4,
      grad: ([x = 0, y = 0]) => [4 * x ** 3, 4 * y ** 3],
      hess: ([x = 0, y = 0]) => [
        [12 * x * x, 0],
        [0, 12 * y * y],
      ],
    };
    const result = runOptimizer(handSurface(quarticBowl), {
      start: [1, 0],
      optimizer: "newton",
      params: { lr: 0.1 },
      maxSteps: 1,
    });
    expect(result.states[0]!.fallback).toBe("singular");
    expect(result.xs[1]).toBeCloseTo(1 - 0.1 * 4, 14);
  });
});

describe("the registry", () => {
  it("holds every rule of the issue table with its defaults", () => {
    const defaults = (name: string) => resolveParams(name);
    expect(defaults("gd")).toEqual({ lr: 0.01 });
    expect(defaults("ascent")).toEqual({ lr: 0.01 });
    expect(defaults("sign")).toEqual({ lr: 0.01 });
    expect(defaults("momentum")).toEqual({ lr: 0.01, momentum: 0.9 });
    expect(defaults("nesterov")).toEqual({ lr: 0.01, momentum: 0.9 });
    expect(defaults("adagrad")).toEqual({ lr: 0.01, eps: 1e-10 });
    expect(defaults("rmsprop")).toEqual({ lr: 0.01, alpha: 0.99, eps: 1e-8 });
    expect(defaults("adam")).toEqual({ lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    expect(defaults("adamw")).toEqual({
      lr: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weight_decay: 0.01,
    });
    expect(defaults("amsgrad")).toEqual({ lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    expect(defaults("nadam")).toEqual({
      lr: 0.002,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      momentum_decay: 0.004,
    });
    expect(defaults("try-steps")).toEqual({ lr: 0.1, spread: 3 });
    expect(defaults("newton")).toEqual({ lr: 1 });
    expect(defaults("linesearch")).toEqual({});
    expect(defaults("backtracking")).toEqual({ lr: 1 });
    expect(defaults("random-search")).toEqual({});
    expect(defaults("random-local")).toEqual({ sigma: 0.1 });
    expect([...optimizerNames].sort()).toEqual(
      [
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
      ].sort(),
    );
    for (const name of optimizerNames) {
      const def = getOptimizer(name)!;
      expect(def.name).toBe(name);
      for (const spec of def.params) {
        expect(spec.min).toBeLessThanOrEqual(spec.default);
        expect(spec.default).toBeLessThanOrEqual(spec.max);
      }
    }
    expect(getOptimizer("toString")).toBeUndefined();
    expect(getOptimizer("sgd")).toBeUndefined();
  });

  it("rejects unknown rules, unknown parameters and out-of-range values with a clear message", () => {
    expect(() => resolveParams("sgd")).toThrow(/unknown optimizer "sgd"/);
    expect(() => resolveParams("adam", { momentum: 0.9 })).toThrow(
      /adam has no parameter "momentum"/,
    );
    expect(() => resolveParams("adam", { beta1: 1 })).toThrow(/beta1 must be .* from 0 to/);
    expect(() => resolveParams("gd", { lr: Number.NaN })).toThrow(/lr must be/);
    expect(() => resolveParams("gd", { lr: -0.1 })).toThrow(/lr must be/);
    expect(resolveParams("gd", { lr: 0.5 })).toEqual({ lr: 0.5 });
  });
});

describe("state snapshots for the views", () => {
  it("Adam exposes m, v and their bias-corrected forms; momentum its velocity", () => {
    const result = runOptimizer(handSurface(bowl), {
      start: [1, 1],
      optimizer: "adam",
      maxSteps: 2,
      tol: 0,
    });
    expect(result.states.length).toBe(result.steps + 1);
    // The first step's state, at iterate 0: m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g² with
    // g = (2, 6).
    const s1 = result.states[0]!;
    expect((s1.m as number[])[0]).toBeCloseTo(0.2, 14);
    expect((s1.v as number[])[1]).toBeCloseTo(0.036, 14);
    expect((s1.mHat as number[])[1]).toBeCloseTo(6, 12);
    expect((s1.vHat as number[])[0]).toBeCloseTo(4, 12);

    const heavy = runOptimizer(handSurface(bowl), {
      start: [1, 1],
      optimizer: "momentum",
      maxSteps: 1,
    });
    expect(heavy.states[0]!.velocity).toEqual([2, 6]);
  });
});
