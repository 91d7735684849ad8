import { describe, expect, it } from "vitest";
import { runDocument } from "./reference/runDocument.ts";
import { bisectRoot } from "./reference/bisect.ts";
import {
  FENCE_ASCENT_STEPS,
  getLesson,
  lessons,
  RESTARTS_IN_DEEP,
} from "../../src/core/lessons/lessons.ts";
import { checkDocument, type ScenarioDocument } from "../../src/core/scenario/document.ts";
import { parseSurface } from "../../src/core/surface.ts";
import { gradientCheck } from "../../src/core/finiteDifference.ts";
import { noisyLine, noisyParabola } from "../../src/core/data/datasets.ts";
import { textbookLine } from "./reference/regression.ts";

function stepDocument(id: string, step: number): ScenarioDocument {
  const lesson = getLesson(id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  const found = lesson.steps[step - 1];
  if (!found) throw new Error(`no step ${step} in ${id}`);
  return found.document;
}

function stepText(id: string, step: number): string {
  return getLesson(id)!.steps[step - 1]!.text;
}

const distance = (point: readonly number[], to: readonly number[]) =>
  Math.hypot(...point.map((value, i) => value - (to[i] ?? 0)));

describe("the lessons", () => {
  it("are the ten the product teaches, each a few steps of two or three sentences", () => {
    expect(lessons.map((lesson) => lesson.id)).toEqual([
      "update-rule",
      "steepest-descent",
      "learning-rates",
      "valleys",
      "many-minima",
      "saddles",
      "gradient-check",
      "curvature",
      "without-gradients",
      "fitting-data",
    ]);
    for (const lesson of lessons) {
      expect(lesson.steps.length, lesson.id).toBeGreaterThanOrEqual(3);
      lesson.steps.forEach((step, index) => {
        const where = `${lesson.id} step ${index + 1}`;
        // Two or three sentences: count the sentence ends (a full stop followed by a capital).
        const sentences = step.text.split(/[.!?](?=\s+[A-Z“"])/).length;
        expect(sentences, where).toBeGreaterThanOrEqual(2);
        expect(sentences, where).toBeLessThanOrEqual(3);
        expect(step.text.length, where).toBeLessThan(320);
        // Every step's picture is a valid document, as a file or link would be checked.
        const checked = checkDocument(JSON.parse(JSON.stringify(step.document)));
        expect(checked.ok ? "" : checked.message, where).toBe("");
        // The step shown exists: no run is shorter than the step the picture opens at.
        const longest = Math.max(...runDocument(step.document).map((result) => result.steps));
        expect(step.document.playback.step, where).toBeLessThanOrEqual(longest);
      });
    }
  });

  it("1. the update rule: A′(57) = −14, l₁ = 56.3, the top at l = 50 with A = 2500", () => {
    const surface = parseSurface(stepDocument("update-rule", 1).f);
    // A(l) = 100l − l², A′(l) = 100 − 2l.
    expect(surface.dfdx(57, 0)).toBe(-14);
    expect(surface.dfdx(50, 0)).toBe(0);
    const [ascent] = runDocument(stepDocument("update-rule", 2));
    expect(stepDocument("update-rule", 2).playback.step).toBe(1);
    expect(ascent!.xs[1]).toBeCloseTo(57 + 0.05 * -14, 12);
    const [top] = runDocument(stepDocument("update-rule", 3));
    expect(top!.status).toBe("converged");
    expect(top!.steps).toBe(FENCE_ASCENT_STEPS);
    expect(stepDocument("update-rule", 3).playback.step).toBe(top!.steps);
    expect(top!.final.point[0]).toBeCloseTo(50, 6);
    expect(top!.final.value).toBeCloseTo(2500, 9);
    expect(top!.classification?.classification).toBe("maximum");
    const [descent] = runDocument(stepDocument("update-rule", 4));
    expect(descent!.xs[1]).toBeCloseTo(57.7, 12);
    expect(descent!.status).toBe("diverged");
  });

  it("2. steepest descent: ∇f(2, 1) = (4, 6), |∇f| = √52, the fastest fall along −∇f, x₁ = (1.6, 0.4)", () => {
    const surface = parseSurface(stepDocument("steepest-descent", 1).f);
    const g = [surface.dfdx(2, 1), surface.dfdy(2, 1)] as const;
    expect(g).toEqual([4, 6]);
    const norm = Math.hypot(...g);
    expect(norm).toBeCloseTo(Math.sqrt(52), 12);
    expect(stepText("steepest-descent", 2)).toContain("7.21");
    expect(norm).toBeCloseTo(7.21, 2);
    // Over 3600 unit directions, the rate of change ∇f·v is lowest along −∇f, where it is −|∇f|,
    // and zero across it (along the contour line).
    let lowest = Infinity;
    let lowestAngle = 0;
    for (let i = 0; i < 3600; i++) {
      const angle = (2 * Math.PI * i) / 3600;
      const rate = g[0] * Math.cos(angle) + g[1] * Math.sin(angle);
      if (rate < lowest) [lowest, lowestAngle] = [rate, angle];
    }
    expect(lowest).toBeCloseTo(-norm, 5);
    const along = [Math.cos(lowestAngle), Math.sin(lowestAngle)];
    expect(distance(along, [-g[0] / norm, -g[1] / norm])).toBeLessThan(2e-3);
    expect(g[0] * -g[1] + g[1] * g[0]).toBe(0);
    const [run] = runDocument(stepDocument("steepest-descent", 3));
    expect(run!.xs[1]).toBeCloseTo(1.6, 12);
    expect(run!.ys[1]).toBeCloseTo(0.4, 12);
  });

  it("3. learning rates on x² + 2y²: 27 steps at 0.22, a crawl at 0.01, swings at 0.45, divergence at 0.6, edge 0.5", () => {
    const results = runDocument(stepDocument("learning-rates", 4));
    const [good, small, large, tooLarge] = results;
    expect(good!.status).toBe("converged");
    expect(good!.steps).toBe(27);
    expect(small!.status).toBe("max-steps");
    expect(small!.steps).toBe(100);
    expect(small!.final.value).toBeGreaterThan(0.1);
    // y_k = 2 · (−0.8)^k until it converges: the sign flips every step.
    for (let k = 0; k < 10; k++) expect(large!.ys[k]).toBeCloseTo(2 * (-0.8) ** k, 10);
    expect(large!.status).toBe("converged");
    expect(large!.steps).toBe(72);
    expect(tooLarge!.status).toBe("diverged");
    expect(tooLarge!.steps).toBe(43);
    expect(tooLarge!.final.value).toBeGreaterThan(1e13);
    // The edge: the Hessian of x² + 2y² is diag(2, 4) everywhere, λmax = 4, 2/λmax = 0.5.
    const surface = parseSurface(stepDocument("learning-rates", 5).f);
    expect([surface.d2fdx2(0.3, -1), surface.d2fdxdy(0.3, -1), surface.d2fdy2(0.3, -1)]).toEqual([
      2, 0, 4,
    ]);
    expect(stepText("learning-rates", 5)).toContain("2/λmax = 0.5");
    const edge = stepDocument("learning-rates", 5);
    expect(edge.compare).toEqual({ by: "lr", runs: [0, 1, 2, 3] });
    expect(edge.runs.map((run) => run.params.lr)).toEqual([0.01, 0.22, 0.45, 0.6]);
    expect(edge.runs.filter((run) => run.params.lr! < 0.5)).toHaveLength(3);
  });

  it("4. valleys: the zigzag factors −0.8 and 0.82, no convergence at 0.02, momentum in 133, Adam's even first step", () => {
    const [zigzag, slow, heavy, adam] = runDocument(stepDocument("valleys", 4));
    for (let k = 0; k < 12; k++) {
      expect(zigzag!.ys[k + 1]).toBeCloseTo(-0.8 * zigzag!.ys[k]!, 12);
      expect(zigzag!.xs[k + 1]).toBeCloseTo(0.82 * zigzag!.xs[k]!, 12);
    }
    expect(slow!.ys[1]).toBeCloseTo(0.6 * 1.5, 12);
    expect(slow!.xs[1]).toBeCloseTo(0.96 * -2.5, 12);
    expect(slow!.status).toBe("max-steps");
    expect(slow!.steps).toBe(200);
    expect(heavy!.status).toBe("converged");
    expect(heavy!.steps).toBe(133);
    // Adam's first step: m̂ = g, v̂ = g², so each coordinate moves by lr · g/(|g| + ε) ≈ lr.
    expect(adam!.xs[1]! - -2.5).toBeCloseTo(0.2, 8);
    expect(adam!.ys[1]! - 1.5).toBeCloseTo(-0.2, 8);
    expect(distance(adam!.final.point, [0, 0])).toBeLessThan(distance(slow!.final.point, [0, 0]));
  });

  it("5. many minima: four starts, four minima; the ridge decides the depth; restarts find the deep one", () => {
    const minima = [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ];
    const found = new Set(
      runDocument(stepDocument("many-minima", 1)).map((result) =>
        minima.findIndex((m) => distance(result.final.point, m) < 1e-5),
      ),
    );
    expect([...found].sort()).toEqual([0, 1, 2, 3]);
    // Roots of f_x = 4x³ − 8x + 1 by bisection: the deep and shallow minima and the ridge.
    const fx = (x: number) => 4 * x ** 3 - 8 * x + 1;
    const root = (lo: number, hi: number) => bisectRoot(fx, lo, hi);
    const [deep, ridge, shallow] = [root(-2, -1), root(0, 0.5), root(1, 2)];
    const f = (x: number) => x ** 4 - 4 * x ** 2 + x;
    expect(deep).toBeCloseTo(-1.47, 2);
    expect(f(deep)).toBeCloseTo(-5.44, 2);
    expect(shallow).toBeCloseTo(1.35, 2);
    expect(f(shallow)).toBeCloseTo(-2.62, 2);
    expect(ridge).toBeCloseTo(0.13, 2);
    const two = stepDocument("many-minima", 2);
    const [left, right] = runDocument(two);
    expect(two.runs[1]!.start[0]! - two.runs[0]!.start[0]!).toBeCloseTo(0.7, 12);
    expect(left!.final.point[0]).toBeCloseTo(deep, 6);
    expect(right!.final.point[0]).toBeCloseTo(shallow, 6);
    const restarts = stepDocument("many-minima", 3);
    expect(restarts.runs).toHaveLength(8);
    const ends = runDocument(restarts);
    const inDeep = ends.filter((end) => Math.abs(end.final.point[0]! - deep) < 1e-5);
    const inShallow = ends.filter((end) => Math.abs(end.final.point[0]! - shallow) < 1e-5);
    expect(inDeep).toHaveLength(RESTARTS_IN_DEEP);
    expect(inDeep.length + inShallow.length).toBe(8);
    expect(Math.min(...ends.map((end) => end.final.value))).toBeCloseTo(f(deep), 9);
    // The starts fall on both sides of the ridge, not placed by hand on one side.
    const xs = restarts.runs.map((run) => run.start[0]!);
    expect(xs.some((x) => x < ridge)).toBe(true);
    expect(xs.some((x) => x > ridge)).toBe(true);
  });

  it("6. saddles: stuck at (0, 0) on the axis; a nudge grows by 1.2 a step to (0, √2); noise leaves too", () => {
    const [onAxis, nudged] = runDocument(stepDocument("saddles", 2));
    expect(onAxis!.status).toBe("converged");
    expect(distance(onAxis!.final.point, [0, 0])).toBeLessThan(1e-5);
    expect(onAxis!.classification?.classification).toBe("saddle");
    // y_{k+1} = y_k − 0.1 (y_k³ − 2y_k) = 1.2 y_k − 0.1 y_k³.
    expect(nudged!.ys[1]! / nudged!.ys[0]!).toBeCloseTo(1.2, 4);
    expect(nudged!.final.point[1]).toBeCloseTo(Math.SQRT2, 5);
    expect(nudged!.final.value).toBeCloseTo(-1, 9);
    expect(nudged!.classification?.classification).toBe("minimum");
    const document = stepDocument("saddles", 3);
    expect(document.runs[1]!.noise).toBe(0.05);
    expect(document.runs[1]!.start).toEqual([2.5, 0]);
    const [, noisy] = runDocument(document);
    expect(Math.abs(noisy!.final.value - -1)).toBeLessThan(0.01);
    expect(noisy!.status).toBe("max-steps");
  });

  it("7. gradient checks: h = 10⁻⁴ central coincides; h = 0.5 one-sided ends h/2 off; error ∝ h and h²", () => {
    const [exact, central] = runDocument(stepDocument("gradient-check", 1));
    const minimum = [-Math.PI / 2, 0];
    expect(distance(exact!.final.point, minimum)).toBeLessThan(1e-5);
    expect(distance(central!.final.point, exact!.final.point)).toBeLessThan(1e-5);
    expect(central!.final.value).toBeCloseTo(-1, 9);
    const [, wideCentral, forward, backward] = runDocument(stepDocument("gradient-check", 2));
    // (sin(x + h) − sin x)/h = cos(x + h/2) · sin(h/2)/(h/2): zero where x + h/2 = −π/2.
    expect(distance(forward!.final.point, [-Math.PI / 2 - 0.25, -0.25])).toBeLessThan(1e-4);
    expect(distance(backward!.final.point, [-Math.PI / 2 + 0.25, 0.25])).toBeLessThan(1e-4);
    expect(distance(wideCentral!.final.point, minimum)).toBeLessThan(1e-5);
    const surface = parseSurface(stepDocument("gradient-check", 3).f);
    const error = (h: number) => gradientCheck(surface, [1, 0.5], h);
    expect(error(1e-2).forward.relativeError).toBeCloseTo(8.4e-3, 4);
    expect(error(1e-4).forward.relativeError).toBeCloseTo(8.4e-5, 6);
    expect(error(1e-2).central.relativeError).toBeCloseTo(1.7e-5, 6);
    expect(error(1e-4).central.relativeError / 1.7e-9).toBeCloseTo(1, 1);
    // Far smaller h: rounding takes over and the forward error stops falling like h.
    expect(error(1e-12).forward.relativeError).toBeGreaterThan(error(1e-8).forward.relativeError);
  });

  it("8. curvature: Newton in one step on a quadratic and 6 on Rosenbrock; right-angle line search", () => {
    const [newton, descent] = runDocument(stepDocument("curvature", 1));
    expect(newton!.status).toBe("converged");
    expect(newton!.xs[1]).toBe(0);
    expect(newton!.ys[1]).toBe(0);
    expect(descent!.steps).toBe(80);
    const [search] = runDocument(stepDocument("curvature", 2));
    expect(search!.status).toBe("converged");
    expect(search!.steps).toBe(19);
    for (let k = 0; k < 8; k++) {
      const a = [search!.xs[k + 1]! - search!.xs[k]!, search!.ys[k + 1]! - search!.ys[k]!];
      const b = [search!.xs[k + 2]! - search!.xs[k + 1]!, search!.ys[k + 2]! - search!.ys[k + 1]!];
      const cos = (a[0]! * b[0]! + a[1]! * b[1]!) / (Math.hypot(...a) * Math.hypot(...b));
      expect(Math.abs(cos)).toBeLessThan(1e-6);
    }
    const [rosenNewton, backtracking, plain] = runDocument(stepDocument("curvature", 3));
    expect(rosenNewton!.status).toBe("converged");
    expect(rosenNewton!.steps).toBe(6);
    expect(distance(rosenNewton!.final.point, [1, 1])).toBeLessThan(1e-6);
    expect(backtracking!.steps).toBe(1000);
    expect(backtracking!.final.value).toBeLessThan(0.001);
    expect(plain!.final.value).toBeGreaterThan(0.1);
    // 0.0015 is under the edge 2/λmax at the minimum: H(1, 1) = [[802, −400], [−400, 200]].
    const lambdaMax = (1002 + Math.sqrt(602 ** 2 + 4 * 400 ** 2)) / 2;
    expect(0.0015).toBeLessThan(2 / lambdaMax);
  });

  it("9. without gradients: random search stays above 0.5, random local below 0.001, descent in 62 steps", () => {
    const [random, local, descent] = runDocument(stepDocument("without-gradients", 3));
    expect(random!.steps).toBe(200);
    expect(random!.final.value).toBeGreaterThan(0.5);
    expect(local!.steps).toBe(200);
    expect(local!.final.value).toBeLessThan(0.001);
    expect(descent!.status).toBe("converged");
    expect(descent!.steps).toBe(62);
    expect(distance(descent!.final.point, [3, 2])).toBeLessThan(1e-6);
    expect(descent!.final.value).toBeLessThan(1e-12);
    // The earlier steps hold the same runs, so their claims are the same numbers.
    expect(runDocument(stepDocument("without-gradients", 1))[0]!.final.value).toBe(
      random!.final.value,
    );
    expect(runDocument(stepDocument("without-gradients", 2))[1]!.final.value).toBe(
      local!.final.value,
    );
  });

  it("10. fitting data: the least-squares bowl in 69 steps, jittering batches, high bias 8.35 against 0.18, two minima", () => {
    const line = noisyLine();
    const fit = textbookLine(line);
    expect(fit.w).toBeCloseTo(1.99, 2);
    expect(fit.b).toBeCloseTo(1.09, 2);
    const [bowl] = runDocument(stepDocument("fitting-data", 1));
    expect(bowl!.status).toBe("converged");
    expect(bowl!.steps).toBe(69);
    expect(distance(bowl!.final.point, [fit.w, fit.b])).toBeLessThan(1e-5);

    const [, batched] = runDocument(stepDocument("fitting-data", 2));
    expect(batched!.batch).toEqual({ size: 5, stepsPerEpoch: 10 });
    expect(batched!.status).toBe("max-steps");
    let rises = 0;
    for (let k = 1; k <= batched!.steps; k++) {
      if (batched!.values[k]! > batched!.values[k - 1]!) rises++;
    }
    expect(rises).toBeGreaterThan(10);
    expect(stepDocument("fitting-data", 2).view.lossByEpoch).toBe(true);

    const parabola = noisyParabola();
    const flat = textbookLine(parabola);
    expect(flat.mse).toBeCloseTo(8.35, 2);
    expect(fit.mse).toBeCloseTo(0.18, 2);
    const [biased] = runDocument(stepDocument("fitting-data", 3));
    expect(biased!.status).toBe("converged");
    expect(biased!.final.value).toBeCloseTo(flat.mse, 8);

    const [shallow, deep] = runDocument(stepDocument("fitting-data", 4));
    expect(shallow!.final.value).toBeCloseTo(0.203, 3);
    expect(deep!.final.value).toBeCloseTo(0.14, 2);
    expect(deep!.final.value).toBeLessThan(shallow!.final.value);
    expect(stepText("fitting-data", 4)).toContain("0.203");
  });
});
