import { describe, expect, it } from "vitest";
import { domainReason } from "../../src/core/domainReason.ts";
import { runOptimizer } from "../../src/core/run.ts";
import { briefRunStatus, describeRun } from "../../src/core/runStatus.ts";
import { parseSurface } from "../../src/core/surface.ts";
import type { RunSpec } from "../../src/core/types.ts";

/** Runs `spec` on `text` and describes it, with the expression (as the page does). */
function described(text: string, spec: RunSpec) {
  const surface = parseSurface(text);
  const result = runOptimizer(surface, spec);
  return {
    result,
    description: describeRun(result, { optimizer: spec.optimizer, surfaceText: text }),
  };
}

describe("converged runs say what kind of point they stopped at", () => {
  it("a minimum is a success", () => {
    const { result, description } = described("x^2 + 10*y^2", {
      start: [-2.5, 1.5],
      optimizer: "gd",
      params: { lr: 0.09 },
    });
    expect(result.status).toBe("converged");
    expect(description).toEqual({
      kind: "minimum",
      tone: "success",
      text: `converged to a minimum in ${result.steps} steps`,
    });
  });

  it("a run along the axis of x² − y² stops at the saddle, not in success", () => {
    // From (1, 0): y stays 0 and x shrinks by 0.8 each step, to the saddle at the origin.
    const { result, description } = described("x^2 - y^2", {
      start: [1, 0],
      optimizer: "gd",
      params: { lr: 0.1 },
    });
    expect(result.status).toBe("converged");
    expect(description.kind).toBe("saddle");
    expect(description.tone).toBe("caution");
    expect(description.text).toBe(`stopped at a saddle point after ${result.steps} steps`);
  });

  it("descent that starts on a maximum stops there; ascent that reaches one succeeds", () => {
    const still = described("-(x^2 + y^2)", { start: [0, 0], optimizer: "gd" });
    expect(still.description).toEqual({
      kind: "maximum",
      tone: "caution",
      text: "stopped at a maximum after 0 steps",
    });
    const climb = described("-(x^2 + y^2)", {
      start: [1, 1],
      optimizer: "ascent",
      params: { lr: 0.1 },
    });
    expect(climb.description.kind).toBe("maximum");
    expect(climb.description.tone).toBe("success");
    expect(climb.description.text).toMatch(/^converged to a maximum in \d+ steps$/);
    // Ascent resting on a minimum has not done what it is for.
    const bottom = described("x^2 + y^2", { start: [0, 0], optimizer: "ascent" });
    expect(bottom.description).toMatchObject({ kind: "minimum", tone: "caution" });
  });

  it("a flat critical point (x⁴ + y⁴ at 0: Hessian 0) is neither success nor failure", () => {
    const { description } = described("x^4 + y^4", { start: [0, 0], optimizer: "gd" });
    expect(description).toEqual({
      kind: "flat",
      tone: "neutral",
      text: "converged in 0 steps; the second-derivative test is inconclusive there",
    });
  });
});

describe("runs that stop without converging", () => {
  it("the step budget", () => {
    const { description } = described("x^2 + y^2", {
      start: [1, 1],
      optimizer: "gd",
      params: { lr: 0.001 },
      maxSteps: 1,
    });
    expect(description).toEqual({
      kind: "budget",
      tone: "caution",
      text: "used its step budget of 1 step",
    });
  });

  it("a stall", () => {
    // f = 5e-7·x with lr 1e-8: each step is 5e-15 < 1e-14, so 10 short steps stall it.
    const { description } = described("5e-7*x", {
      start: [1],
      optimizer: "gd",
      params: { lr: 1e-8 },
      tol: 1e-7,
    });
    expect(description.kind).toBe("stalled");
    expect(description.text).toBe("stalled after 10 steps: the steps no longer move the point");
  });
});

describe("where f is not defined", () => {
  it("log(x) + y² from x < 0: not defined at the start, because of log, not 'diverged'", () => {
    const { result, description } = described("log(x) + y^2", {
      start: [-1, 1.5],
      optimizer: "gd",
    });
    expect(result.steps).toBe(0);
    expect(description).toEqual({
      kind: "undefined-start",
      tone: "danger",
      text: "f is not defined at the start (log of a negative number)",
    });
    // Without the expression only the value is known.
    expect(describeRun(result).text).toBe("f is not defined at the start (f is NaN there)");
  });

  it("log(x) + y² at x = 0 is −∞: log of 0", () => {
    const { description } = described("log(x) + y^2", { start: [0, 1], optimizer: "gd" });
    expect(description.text).toBe("f is not defined at the start (log of 0)");
  });

  it("a run that steps out of the domain says at which step", () => {
    // log(x) + y² from (0.5, 1), lr 1: g = (1/0.5, 2) = (2, 2), so x₁ = (−1.5, −1).
    const { result, description } = described("log(x) + y^2", {
      start: [0.5, 1],
      optimizer: "gd",
      params: { lr: 1 },
    });
    expect(result.steps).toBe(1);
    expect(description).toEqual({
      kind: "left-domain",
      tone: "danger",
      text: "left the domain of f: f is not defined at step 1 (log of a negative number)",
    });
  });

  it("sqrt(x) overshooting zero: x₁ = 1 − 10·½ = −4", () => {
    const { description } = described("sqrt(x)", {
      start: [1],
      optimizer: "gd",
      params: { lr: 10 },
    });
    expect(description.text).toBe(
      "left the domain of f: f is not defined at step 1 (square root of a negative number)",
    );
  });

  it("1/x at 0 is a division by zero; exp(x) at 1000 an overflow", () => {
    expect(described("1/x", { start: [0], optimizer: "gd" }).description.text).toBe(
      "f is not defined at the start (division by zero)",
    );
    const overflow = described("exp(x)", { start: [1000], optimizer: "gd" }).description;
    expect(overflow).toEqual({
      kind: "undefined-start",
      tone: "danger",
      text: "f is too large to represent at the start (overflow in exp)",
    });
  });

  it("a gradient that is not a number: √(x² + y²) at its tip", () => {
    // ∂f/∂x = x/√(x² + y²) is 0/0 at the origin, so x₁ is NaN.
    const { result, description } = described("sqrt(x^2 + y^2)", {
      start: [0, 0],
      optimizer: "gd",
    });
    expect(result.steps).toBe(1);
    expect(description).toEqual({
      kind: "gradient-undefined",
      tone: "danger",
      text: "the gradient is not defined at step 0 (it is NaN there), so the next point is not a number",
    });
  });

  it("plain divergence: gd on x² with lr 1.5 doubles |x| each step", () => {
    // x_{k+1} = x_k − 1.5·2x_k = −2x_k, f_k = 4^k. The bound is 1e12·(|f₀| + 1) = 2e12:
    // 4^20 ≈ 1.1e12 is below it, 4^21 ≈ 4.4e12 above, so the run stops at step 21.
    const { result, description } = described("x^2", {
      start: [1],
      optimizer: "gd",
      params: { lr: 1.5 },
    });
    expect(result.steps).toBe(21);
    expect(description).toEqual({
      kind: "diverged",
      tone: "danger",
      text: "diverged after 21 steps: |f| grew past 10¹² × (|f(start)| + 1)",
    });
  });
});

describe("domainReason names the innermost failing part", () => {
  it.each([
    ["sqrt(log(x))", [0.5], "square root of a negative number"],
    ["log(sqrt(x))", [-1], "square root of a negative number"],
    ["log10(x) + y", [-2, 0], "log10 of a negative number"],
    ["x^0.5", [-1], "a negative number to a fractional power"],
    ["x^(-1)", [0], "0 to a negative power"],
    ["asin(x)", [2], "asin of a number outside [−1, 1]"],
    ["log(x, y)", [2, 1], "log to base 1"],
    ["y / (x - 1)", [1, 2], "division by zero"],
    ["x^2 * exp(y)", [2, 800], "overflow in exp"],
    ["(x * 1e300) * y", [1e10, 1], "overflow in a product"],
  ] as const)("%s at %j: %s", (text, point, expected) => {
    expect(domainReason(text, point)?.text).toBe(expected);
  });

  it("says nothing where f is finite, at a point that is not, or for text that is not f", () => {
    expect(domainReason("log(x)", [2])).toBeNull();
    expect(domainReason("log(x)", [Number.NaN])).toBeNull();
    expect(domainReason("import(", [1])).toBeNull();
  });
});

describe("the brief status of a small panel", () => {
  /** The brief status of a real run, and its step count. */
  function brief(text: string, spec: RunSpec) {
    const { result, description } = described(text, spec);
    return { steps: result.steps, brief: briefRunStatus(description, result.steps) };
  }

  it("says converged for the point the rule is after, and names any other", () => {
    // Plain descent on a bowl reaches its minimum; ascent on a bowl's negative reaches the top.
    const down = brief("x^2 + 10*y^2", {
      start: [-2.5, 1.5],
      optimizer: "gd",
      params: { lr: 0.09 },
    });
    expect(down.brief).toBe(`converged, ${down.steps} steps`);
    const up = brief("-(x^2 + y^2)", { start: [1, 1], optimizer: "ascent", params: { lr: 0.1 } });
    expect(up.brief).toBe(`converged, ${up.steps} steps`);
    // On the saddle x² − y², a start on the x axis runs into the saddle point at the origin.
    const saddle = brief("x^2 - y^2", { start: [1, 0], optimizer: "gd", params: { lr: 0.1 } });
    expect(saddle.brief).toBe(`saddle point, ${saddle.steps} steps`);
  });

  it("names divergence, the step budget and a start outside the domain", () => {
    // lr 0.6 is past the edge 2/λmax = 2/20 = 0.1 of x² + 10y².
    const blown = brief("x^2 + 10*y^2", { start: [1, 1], optimizer: "gd", params: { lr: 0.6 } });
    expect(blown.brief).toBe(`diverged, ${blown.steps} steps`);
    const budget = brief("x^2 + 10*y^2", {
      start: [1, 1],
      optimizer: "gd",
      params: { lr: 0.0001 },
      maxSteps: 50,
    });
    expect(budget.brief).toBe("out of steps (50)");
    const outside = brief("log(x) + y^2", { start: [-1, 1], optimizer: "gd", params: { lr: 0.1 } });
    expect(outside.brief).toBe("f undefined at start");
  });

  it("fits a small panel: at most 24 characters for runs of up to 9,999 steps", () => {
    const kinds = [
      "minimum",
      "maximum",
      "saddle",
      "flat",
      "converged",
      "budget",
      "stalled",
      "undefined-start",
      "left-domain",
      "gradient-undefined",
      "diverged",
    ] as const;
    for (const kind of kinds) {
      for (const tone of ["success", "caution"] as const) {
        const text = briefRunStatus({ kind, tone, text: "" }, 9999);
        expect(text.length, `${kind}: ${text}`).toBeLessThanOrEqual(24);
      }
    }
  });

  it("says a run that was not computed is not, whatever its step count", () => {
    expect(briefRunStatus(null, 0)).toBe("not computed");
    expect(briefRunStatus(null, 57)).toBe("not computed");
  });
});
