import { describe, expect, it } from "vitest";
import { parseSurface } from "../../../src/core/surface.ts";
import { runOptimizer } from "../../../src/core/run.ts";
import {
  curvatureAt,
  curvatureOfGroup,
  curvatureOfRun,
  explainRate,
  fourRegimes,
  REGIME_STEPS,
  regimeOutcome,
} from "../../../src/core/compare/regimes.ts";

// f = x² + 2y²: H = [[2, 0], [0, 4]] everywhere, so λmin = 2, λmax = 4 and the edge 2/λmax = 0.5.
// One descent step multiplies x by (1 − 2·lr) and y by (1 − 4·lr).
const bowl = parseSurface("x^2 + 2*y^2");
const start = [-2.5, 2];

function curvatureOfBowl() {
  const check = curvatureAt(bowl, start, "start");
  if (!check.ok) throw new Error(check.message);
  return check.curvature;
}

describe("curvature and the stability edge", () => {
  it("reads λ = 2, 4 and the edge 0.5 on x² + 2y², steepest along y", () => {
    const curvature = curvatureOfBowl();
    expect(curvature.eigenvalues).toEqual([2, 4]);
    expect(curvature.lambdaMax).toBe(4);
    expect(curvature.edge).toBe(0.5);
    expect(Math.abs(curvature.steepest[1]!)).toBeCloseTo(1, 12);
    expect(curvature.steepest[0]).toBeCloseTo(0, 12);
  });

  it("finds the tilted steepest direction (1, 1)/√2 of x² + xy + y² (λ = 1, 3)", () => {
    const check = curvatureAt(parseSurface("x^2 + x*y + y^2"), [1, 0], "start");
    if (!check.ok) throw new Error(check.message);
    expect(check.curvature.lambdaMin).toBeCloseTo(1, 12);
    expect(check.curvature.lambdaMax).toBeCloseTo(3, 12);
    expect(check.curvature.edge).toBeCloseTo(2 / 3, 12);
    const [vx, vy] = check.curvature.steepest;
    expect(Math.abs(vx! * vy!)).toBeCloseTo(0.5, 12);
    expect(vx! * vy!).toBeGreaterThan(0);
  });

  it("uses f'' in one variable: 3x² has the edge 2/6", () => {
    const check = curvatureAt(parseSurface("3*x^2"), [1], "start");
    if (!check.ok) throw new Error(check.message);
    expect(check.curvature.edge).toBeCloseTo(1 / 3, 12);
  });

  it("refuses a Hessian that is not positive definite, saying so", () => {
    const check = curvatureAt(parseSurface("x^2 - y^2"), [1, 1], "start");
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.message).toMatch(/not positive definite/);
      expect(check.message).toMatch(/eigenvalues -2, 2/);
    }
    expect(curvatureAt(parseSurface("x^4 + y^2"), [0, 0], "minimum").ok).toBe(false);
  });

  it("takes the minimum a run reaches, else its start", () => {
    // From (1, 1) on (x − 1)⁴-free bowl (x − 1)² + 3(y + 2)²: converges to (1, −2).
    const surface = parseSurface("(x - 1)^2 + 3*(y + 2)^2");
    const reached = runOptimizer(surface, { start: [0, 0], optimizer: "gd", params: { lr: 0.1 } });
    const check = curvatureOfRun(surface, reached);
    if (!check.ok) throw new Error(check.message);
    expect(check.curvature.where).toBe("minimum");
    expect(check.curvature.point[0]).toBeCloseTo(1, 5);
    expect(check.curvature.point[1]).toBeCloseTo(-2, 5);
    expect(check.curvature.edge).toBeCloseTo(2 / 6, 10);
    const short = runOptimizer(surface, {
      start: [0, 0],
      optimizer: "gd",
      params: { lr: 0.1 },
      maxSteps: 2,
    });
    const atStart = curvatureOfRun(surface, short);
    expect(atStart.ok && atStart.curvature.where).toBe("start");
    expect(atStart.ok && atStart.curvature.point).toEqual([0, 0]);
  });
});

describe("four regimes", () => {
  it("sets 0.01, 0.25, 0.45 and 0.6 on x² + 2y² (edge/50, 1/λmax, 0.9 and 1.2 × edge)", () => {
    const regimes = fourRegimes(curvatureOfBowl());
    expect(regimes.map((r) => r.kind)).toEqual(["crawl", "converge", "oscillate", "diverge"]);
    expect(regimes.map((r) => r.lr)).toEqual([0.01, 0.25, 0.45, 0.6]);
    // Factors worked by hand: 1 − 0.01·2 = 0.98; 1 − 0.25·4 = 0; 1 − 0.45·4 = −0.8; |1 − 0.6·4| = 1.4.
    expect(regimes[0]!.why).toContain("0.98");
    expect(regimes[1]!.why).toContain("= 0)");
    expect(regimes[2]!.why).toContain("-0.8");
    expect(regimes[3]!.why).toContain("1.4 > 1");
  });

  it("explains any rate by its factors: 0.98^100 = 0.133 of the way left at lr 0.01", () => {
    const curvature = curvatureOfBowl();
    const crawl = explainRate(0.01, curvature, 100);
    expect(crawl.kind).toBe("crawl");
    expect(crawl.why).toContain("0.02 × 2/λmax");
    expect(crawl.why).toContain("0.133 of it is left");
    // 0.98^300 = 0.0023 < 1%: with three times the budget the same rate converges.
    expect(explainRate(0.01, curvature, 300).kind).toBe("converge");
    expect(explainRate(0.5, curvature, 100).why).toContain("on the edge");
    expect(explainRate(0.3, curvature, 100).kind).toBe("oscillate");
    expect(explainRate(0.51, curvature, 100).kind).toBe("diverge");
  });

  it("ends crawling, converged, converged after oscillating and diverged on x² + 2y²", () => {
    const curvature = curvatureOfBowl();
    const outcomes = fourRegimes(curvature).map((regime) => {
      const result = runOptimizer(bowl, {
        start,
        optimizer: "gd",
        params: { lr: regime.lr },
        maxSteps: REGIME_STEPS,
      });
      return regimeOutcome(result, [0, 0], curvature.steepest);
    });
    expect(outcomes).toEqual(["crawling", "converged", "converged after oscillating", "diverged"]);
  });

  it("converges with 1/λmax in the steps the factor 1/2 along x predicts", () => {
    // |∇f| = 2|x| once y = 0 (after one step): 2·2.5·0.5^k ≤ 1e-6 first at k = 23.
    const result = runOptimizer(bowl, { start, optimizer: "gd", params: { lr: 0.25 } });
    expect(result.status).toBe("converged");
    expect(result.steps).toBe(23);
  });
});

describe("curvature of a group", () => {
  it("reads it at the minimum any run of the group reaches", () => {
    const surface = parseSurface("(x - 1)^2 + 3*(y + 2)^2");
    const short = runOptimizer(surface, {
      start: [0, 0],
      optimizer: "gd",
      params: { lr: 0.01 },
      maxSteps: 5,
    });
    const reaches = runOptimizer(surface, { start: [0, 0], optimizer: "gd", params: { lr: 0.1 } });
    const check = curvatureOfGroup(surface, [short, reaches]);
    expect(check.ok && check.curvature.where).toBe("minimum");
    const none = curvatureOfGroup(surface, [short]);
    expect(none.ok && none.curvature.where).toBe("start");
    expect(curvatureOfGroup(surface, []).ok).toBe(false);
  });
});
