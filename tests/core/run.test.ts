import { describe, expect, it } from "vitest";
import { runOptimizer, runStepVector } from "../../src/core/run.ts";
import { parseSurface } from "../../src/core/surface.ts";

const himmelblau = parseSurface("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
const rosenbrock = parseSurface("(1 - x)^2 + 100*(y - x^2)^2");
const booth = parseSurface("(x + 2*y - 7)^2 + (2*x + y - 5)^2");
const beale = parseSurface("(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2");
// H = diag(2, 4): λmax = 4, so plain gradient descent is stable for lr < 2/4 = 0.5.
const bowl = parseSurface("x^2 + 2*y^2");

function distance(a: number[], b: number[]): number {
  return Math.hypot(...a.map((v, i) => v - b[i]!));
}

describe("convergence to the published minima of standard test functions", () => {
  // Himmelblau's minima (Himmelblau 1972): (3, 2) exactly, the other three to 6 decimals.
  it.each([
    [
      [1, 1],
      [3, 2],
    ],
    [
      [-1, 2],
      [-2.805118, 3.131312],
    ],
    [
      [-2, -2],
      [-3.77931, -3.283186],
    ],
    [
      [2, -1],
      [3.584428, -1.848126],
    ],
  ])("Himmelblau: gradient descent (lr 0.01) from %j reaches %j", (start, minimum) => {
    const result = runOptimizer(himmelblau, { start, optimizer: "gd", params: { lr: 0.01 } });
    expect(result.status).toBe("converged");
    expect(distance(result.final.point, minimum)).toBeLessThan(1e-5);
    expect(result.final.value).toBeLessThan(1e-10);
    expect(result.classification?.classification).toBe("minimum");
  });

  it("Rosenbrock: Newton's method from (−1.2, 1) reaches (1, 1) in a handful of steps", () => {
    const result = runOptimizer(rosenbrock, { start: [-1.2, 1], optimizer: "newton" });
    expect(result.status).toBe("converged");
    expect(result.steps).toBeLessThan(20);
    expect(distance(result.final.point, [1, 1])).toBeLessThan(1e-6);
    expect(result.classification?.classification).toBe("minimum");
  });

  it("Rosenbrock: momentum (lr 0.001, μ 0.9) from (−1.2, 1) follows the valley to (1, 1)", () => {
    const result = runOptimizer(rosenbrock, {
      start: [-1.2, 1],
      optimizer: "momentum",
      params: { lr: 0.001, momentum: 0.9 },
      maxSteps: 20000,
    });
    expect(result.status).toBe("converged");
    expect(distance(result.final.point, [1, 1])).toBeLessThan(1e-4);
  });

  it("Booth: gradient descent (lr 0.05) and exact line search from (0, 0) reach (1, 3)", () => {
    for (const [optimizer, params] of [
      ["gd", { lr: 0.05 }],
      ["linesearch", {}],
    ] as const) {
      const result = runOptimizer(booth, { start: [0, 0], optimizer, params });
      expect(result.status, optimizer).toBe("converged");
      expect(distance(result.final.point, [1, 3]), optimizer).toBeLessThan(1e-5);
    }
  });

  it("Beale: Adam (lr 0.01) and Armijo backtracking from (1, 1) reach (3, 0.5)", () => {
    for (const [optimizer, params] of [
      ["adam", { lr: 0.01 }],
      ["backtracking", {}],
    ] as const) {
      const result = runOptimizer(beale, { start: [1, 1], optimizer, params, maxSteps: 20000 });
      expect(result.status, optimizer).toBe("converged");
      expect(distance(result.final.point, [3, 0.5]), optimizer).toBeLessThan(1e-4);
    }
  });

  it("one variable: ascent on the fence area A = 100l − l² from 57 climbs down to l = 50", () => {
    const area = parseSurface("100*x - x^2");
    const result = runOptimizer(area, { start: [57], optimizer: "ascent", params: { lr: 0.1 } });
    // A'(57) = 100 − 114 = −14, so the first step goes down: 57 + 0.1·(−14) = 55.6.
    expect(result.gradX[0]).toBe(-14);
    expect(result.xs[1]).toBeCloseTo(55.6, 12);
    expect(result.status).toBe("converged");
    expect(result.final.point[0]).toBeCloseTo(50, 6);
    expect(result.final.value).toBeCloseTo(2500, 6);
    expect(result.classification?.classification).toBe("maximum");
    expect(result.final.point).toHaveLength(1);
  });
});

describe("learning-rate regimes on x² + 2y² from (3, 2) with a budget of 100 steps", () => {
  const run = (lr: number, maxSteps = 100) =>
    runOptimizer(bowl, { start: [3, 2], optimizer: "gd", params: { lr }, maxSteps });

  it("too small (0.001) crawls: still far from the minimum when the steps run out", () => {
    const result = run(0.001);
    expect(result.status).toBe("max-steps");
    expect(result.steps).toBe(100);
    // x shrinks by (1 − 0.002) a step: 3·0.998¹⁰⁰ ≈ 2.456.
    expect(result.final.point[0]).toBeCloseTo(3 * 0.998 ** 100, 10);
    expect(distance(result.final.point, [0, 0])).toBeGreaterThan(2);
  });

  it("good (0.25) converges in about 25 steps and stays", () => {
    const result = run(0.25);
    expect(result.status).toBe("converged");
    // y is solved in one step (1 − 4·0.25 = 0); x halves, so |g| = 6·2⁻ᵏ ≤ 1e-6 at k = 23.
    expect(result.steps).toBe(23);
    expect(result.final.value).toBeLessThan(1e-12);
  });

  it("large (0.45) oscillates, then converges", () => {
    const result = run(0.45);
    expect(result.status).toBe("converged");
    // y is multiplied by 1 − 4·0.45 = −0.8 each step: its sign alternates.
    for (let k = 0; k < 10; k++) {
      expect(Math.sign(result.ys[k + 1]!)).toBe(-Math.sign(result.ys[k]!));
    }
    expect(result.steps).toBeGreaterThan(25);
    expect(result.steps).toBeLessThanOrEqual(100);
  });

  it("too large (0.6) diverges", () => {
    const result = run(0.6);
    expect(result.status).toBe("diverged");
    expect(result.steps).toBeLessThan(100);
    expect(Math.abs(result.final.value)).toBeGreaterThan(1e12);
  });

  it("the edge is 2/λmax = 0.5: 2% below converges, 2% above diverges", () => {
    expect(run(0.49, 5000).status).toBe("converged");
    expect(run(0.51, 5000).status).toBe("diverged");
  });
});

describe("stopping rules", () => {
  it("converged at a saddle: plain descent on x² − y² from (1, 0) stops at (0, 0), a saddle", () => {
    const saddle = parseSurface("x^2 - y^2");
    const result = runOptimizer(saddle, { start: [1, 0], optimizer: "gd", params: { lr: 0.1 } });
    expect(result.status).toBe("converged");
    expect(result.classification?.classification).toBe("saddle");
    expect(result.classification?.eigenvalues).toEqual([-2, 2]);
  });

  it("diverged when |f| passes 1e12·|f(start)| + 1e12: x² with lr 1.5 from 1 at step 21", () => {
    // x ← −2x, so f = 4ᵏ: 4²⁰ ≈ 1.1e12 < 2e12 < 4²¹ ≈ 4.4e12.
    const square = parseSurface("x^2");
    const result = runOptimizer(square, { start: [1], optimizer: "gd", params: { lr: 1.5 } });
    expect(result.status).toBe("diverged");
    expect(result.steps).toBe(21);
    expect(result.final.value).toBe(4 ** 21);
  });

  it("diverged when f stops being a number: √x with lr 1 from 1 steps to x < 0", () => {
    // x₁ = 1 − 1/(2·1) = 0.5; x₂ = 0.5 − 1/(2√0.5) < 0, where √x is NaN.
    const root = parseSurface("sqrt(x)");
    const result = runOptimizer(root, { start: [1], optimizer: "gd", params: { lr: 1 } });
    expect(result.xs[1]).toBe(0.5);
    expect(result.status).toBe("diverged");
    expect(result.steps).toBe(2);
    expect(result.classification).toBeNull();
  });

  it("diverged at step 0 when f is not defined at the start", () => {
    const log = parseSurface("log(x)");
    const result = runOptimizer(log, { start: [-1], optimizer: "gd" });
    expect(result.status).toBe("diverged");
    expect(result.steps).toBe(0);
    expect(result.xs).toHaveLength(1);
  });

  it("stalled when 10 steps in a row are shorter than 1e-14", () => {
    // f = 5e-7·x: |g| = 5e-7 stays above tol 1e-7, and each step is 1e-8·5e-7 = 5e-15.
    const slope = parseSurface("5e-7*x");
    const result = runOptimizer(slope, {
      start: [1],
      optimizer: "gd",
      params: { lr: 1e-8 },
      tol: 1e-7,
    });
    expect(result.status).toBe("stalled");
    expect(result.steps).toBe(10);
  });

  it("stalled when a rule stays put: backtracking that never passes Armijo's test", () => {
    // √x at 1e-20: g = 1/(2·1e-10) = 5e9, so every trial 1e-20 − α·5e9 with α ≥ 2⁻⁶⁰ is
    // negative, where √x is NaN. No step is accepted and the point never moves.
    const root = parseSurface("sqrt(x)");
    const result = runOptimizer(root, { start: [1e-20], optimizer: "backtracking" });
    expect(result.status).toBe("stalled");
    expect(result.steps).toBe(10);
    expect(new Set(result.xs)).toEqual(new Set([1e-20]));
    expect(result.states[0]).toEqual({ alpha: 0, halvings: 60, accepted: false });
  });

  it("max-steps when the budget runs out, with every iterate recorded", () => {
    const result = runOptimizer(bowl, {
      start: [3, 2],
      optimizer: "gd",
      params: { lr: 0.001 },
      maxSteps: 7,
    });
    expect(result.status).toBe("max-steps");
    expect(result.steps).toBe(7);
    for (const buffer of [result.xs, result.ys, result.values, result.gradX, result.gradY]) {
      expect(buffer).toHaveLength(8);
    }
    expect(result.states).toHaveLength(8);
    // the record at index k is iterate k
    for (let k = 0; k <= 7; k++) {
      expect(result.values[k]).toBe(result.xs[k]! ** 2 + 2 * result.ys[k]! ** 2);
      expect(result.gradX[k]).toBe(2 * result.xs[k]!);
      expect(result.gradY[k]).toBe(4 * result.ys[k]!);
    }
    expect(runStepVector(result, 0)).toEqual([
      result.xs[1]! - result.xs[0]!,
      result.ys[1]! - result.ys[0]!,
    ]);
    expect(result.final).toEqual({
      point: [result.xs[7], result.ys[7]],
      value: result.values[7],
      gradientNorm: Math.hypot(result.gradX[7]!, result.gradY[7]!),
    });
    expect(result.classification).toBeNull();
  });

  it("a start already at the minimum converges at step 0", () => {
    const result = runOptimizer(bowl, { start: [0, 0], optimizer: "adam" });
    expect(result.status).toBe("converged");
    expect(result.steps).toBe(0);
    expect(result.classification?.classification).toBe("minimum");
  });
});

describe("gradient sources", () => {
  const square = parseSurface("x^2");
  it.each([
    // f = x² at 1 with h = 0.1: forward (1.21 − 1)/0.1 = 2.1, backward (1 − 0.81)/0.1 = 1.9,
    // central (1.21 − 0.81)/0.2 = 2; lr 0.1.
    ["forward", 0.79],
    ["backward", 0.81],
    ["central", 0.8],
    ["analytic", 0.8],
  ] as const)("%s difference with h = 0.1 gives the hand-computed first step", (source, x1) => {
    const result = runOptimizer(square, {
      start: [1],
      optimizer: "gd",
      params: { lr: 0.1 },
      gradient: source,
      h: 0.1,
      maxSteps: 1,
    });
    expect(result.xs[1]).toBeCloseTo(x1, 12);
  });

  it("central differences with the default step converge to the same Himmelblau minimum", () => {
    const result = runOptimizer(himmelblau, {
      start: [1, 1],
      optimizer: "gd",
      params: { lr: 0.01 },
      gradient: "central",
    });
    expect(result.status).toBe("converged");
    expect(distance(result.final.point, [3, 2])).toBeLessThan(1e-5);
  });
});

describe("random rules", () => {
  const box = { xmin: -5, xmax: 5, ymin: -5, ymax: 5 };
  it("random search is reproducible from its seed, stays in the box and never goes uphill", () => {
    const spec = { start: [4, 4], optimizer: "random-search", box, maxSteps: 300, seed: 7 };
    const a = runOptimizer(himmelblau, spec);
    const b = runOptimizer(himmelblau, spec);
    const c = runOptimizer(himmelblau, { ...spec, seed: 8 });
    expect(Array.from(a.xs)).toEqual(Array.from(b.xs));
    expect(Array.from(a.xs)).not.toEqual(Array.from(c.xs));
    for (let k = 1; k <= a.steps; k++) {
      expect(a.values[k]!).toBeLessThanOrEqual(a.values[k - 1]!);
      expect(Math.abs(a.xs[k]!)).toBeLessThanOrEqual(5);
      expect(Math.abs(a.ys[k]!)).toBeLessThanOrEqual(5);
      // The proposal that led from iterate k − 1 to k is recorded at k − 1.
      const candidate = a.states[k - 1]!.candidate as number[];
      expect(Math.abs(candidate[0]!)).toBeLessThanOrEqual(5);
    }
    // A random step that is kept is the candidate; one that is not leaves x where it was.
    for (let k = 1; k <= a.steps; k++) {
      const state = a.states[k - 1]!;
      const expected = state.accepted ? (state.candidate as number[]) : [a.xs[k - 1], a.ys[k - 1]];
      expect([a.xs[k], a.ys[k]]).toEqual(expected);
    }
    expect(a.values[a.steps]!).toBeLessThan(a.values[0]! / 10);
  });

  it("random local search with σ 0.1 creeps to a Himmelblau minimum without going uphill", () => {
    const result = runOptimizer(himmelblau, {
      start: [1, 1],
      optimizer: "random-local",
      maxSteps: 3000,
      seed: 3,
    });
    for (let k = 1; k <= result.steps; k++) {
      expect(result.values[k]!).toBeLessThanOrEqual(result.values[k - 1]!);
    }
    expect(distance(result.final.point, [3, 2])).toBeLessThan(0.05);
  });
});

describe("bad input", () => {
  it("rejects an unknown rule, a short start and bad limits with messages that say what", () => {
    expect(() => runOptimizer(bowl, { start: [1, 1], optimizer: "sgd" })).toThrow(/sgd/);
    expect(() => runOptimizer(bowl, { start: [1], optimizer: "gd" })).toThrow(/2 coordinates/);
    expect(() => runOptimizer(bowl, { start: [1, 1], optimizer: "gd", maxSteps: -1 })).toThrow(
      /maxSteps/,
    );
    expect(() => runOptimizer(bowl, { start: [1, 1], optimizer: "gd", tol: Number.NaN })).toThrow(
      /tol/,
    );
    expect(() => runOptimizer(bowl, { start: [1, 1], optimizer: "gd", h: 0 })).toThrow(/h must/);
    expect(() =>
      runOptimizer(bowl, {
        start: [1, 1],
        optimizer: "random-search",
        box: { xmin: 1, xmax: -1, ymin: 0, ymax: 1 },
      }),
    ).toThrow(/xmin must be less than xmax/);
  });
});
