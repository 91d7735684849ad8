import { describe, expect, it } from "vitest";
import { runDocument } from "../reference/runDocument.ts";
import { bisectRoot } from "../reference/bisect.ts";
import {
  DEFAULT_PRESET_ID,
  defaultPreset,
  getPreset,
  presets,
} from "../../../src/core/scenario/presets.ts";
import { checkDocument, type ScenarioDocument } from "../../../src/core/scenario/document.ts";
import { parseSurface } from "../../../src/core/surface.ts";
import { basinMap } from "../../../src/core/batch.ts";
import { basinShares } from "../../../src/core/landscape/basinMapView.ts";
import { getOptimizer } from "../../../src/core/optimizers/index.ts";
import type { RunResult } from "../../../src/core/types.ts";

function scenario(id: string): ScenarioDocument {
  const found = getPreset(id);
  if (!found) throw new Error(`missing preset ${id}`);
  return found.document;
}

function result(results: RunResult[], index: number): RunResult {
  const r = results[index];
  if (!r) throw new Error(`no run ${index}`);
  return r;
}

/** Signs of y_k - y* for the first `count` iterates. */
function signs(values: Float64Array, count: number): number[] {
  return Array.from(values.subarray(0, count), Math.sign);
}

describe("every preset", () => {
  it("has unique ids and the issue's presets", () => {
    const ids = presets.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      "convex-bowl",
      "elongated-bowl",
      "sine-hills",
      "twin-minima",
      "saddle",
      "himmelblau",
      "rosenbrock",
      "lr-regimes",
      "start-decides",
      "fence",
    ]) {
      expect(ids).toContain(id);
    }
    expect(defaultPreset().id).toBe(DEFAULT_PRESET_ID);
    expect(defaultPreset().document.runs).toHaveLength(4);
  });

  it.each(presets.map((p) => [p.id, p] as const))(
    "%s: a valid document that parses, known optimizers, in-range parameters, starts of the right size",
    (_id, preset) => {
      expect(preset.title.length).toBeGreaterThan(0);
      expect(preset.explanation.length).toBeGreaterThan(20);
      expect(checkDocument(preset.document)).toEqual({ ok: true, document: preset.document });
      const s = preset.document;
      // Each run has its own seed, so a random rule in a preset is reproducible.
      expect(new Set(s.runs.map((run) => run.seed)).size).toBe(s.runs.length);
      const surface = parseSurface(s.f);
      expect(s.box.xmin).toBeLessThan(s.box.xmax);
      expect(s.box.ymin).toBeLessThan(s.box.ymax);
      expect(s.runs.length).toBeGreaterThan(0);
      for (const run of s.runs) {
        const def = getOptimizer(run.optimizer);
        expect(def, run.optimizer).toBeDefined();
        for (const [key, value] of Object.entries(run.params ?? {})) {
          const spec = def!.params.find((p) => p.key === key);
          expect(spec, `${run.optimizer}.${key}`).toBeDefined();
          expect(value).toBeGreaterThanOrEqual(spec!.min);
          expect(value).toBeLessThanOrEqual(spec!.max);
        }
        expect(run.start).toHaveLength(surface.dimension);
        expect(run.start[0]).toBeGreaterThanOrEqual(s.box.xmin);
        expect(run.start[0]).toBeLessThanOrEqual(s.box.xmax);
      }
    },
  );
});

describe("the claims each scenario makes", () => {
  it("elongated bowl: plain descent at lr 0.09 zigzags across (y changes sign every step)", () => {
    // y_{k+1} = (1 - 0.09 * 20) y_k = -0.8 y_k.
    const results = runDocument(scenario("elongated-bowl"));
    expect(signs(result(results, 0).ys, 6)).toEqual([1, -1, 1, -1, 1, -1]);
    expect(result(results, 0).ys[1]! / result(results, 0).ys[0]!).toBeCloseTo(-0.8, 12);
    for (const r of results) expect(r.final.value).toBeLessThan(1e-3);
  });

  it("learning-rate regimes on x^2 + 2y^2: crawl, ~25-step converge, oscillate, diverge", () => {
    const s = scenario("lr-regimes");
    // Hessian diag(2, 4): lambda_max = 4, descent is stable for lr < 2 / 4 = 0.5.
    const edge = 2 / 4;
    const lrs = s.runs.map((run) => run.params!.lr!);
    expect(lrs[0]).toBeLessThan(edge / 10);
    expect(lrs[1]).toBeLessThan(edge);
    expect(lrs[2]).toBeLessThan(edge);
    expect(lrs[2]).toBeGreaterThan(0.8 * edge);
    expect(lrs[3]).toBeGreaterThan(edge);
    expect(new Set(s.runs.map((run) => run.maxSteps)).size).toBe(1);

    const [crawl, good, oscillate, diverge] = runDocument(s);
    expect(crawl!.status).toBe("max-steps");
    expect(crawl!.final.value).toBeGreaterThan(0.05);
    expect(good!.status).toBe("converged");
    expect(good!.steps).toBeGreaterThanOrEqual(20);
    expect(good!.steps).toBeLessThanOrEqual(32);
    expect(oscillate!.status).toBe("converged");
    expect(oscillate!.steps).toBeGreaterThan(good!.steps);
    // y_{k+1} = (1 - 0.45 * 4) y_k = -0.8 y_k: it overshoots the valley floor every step.
    expect(signs(oscillate!.ys, 6)).toEqual([1, -1, 1, -1, 1, -1]);
    expect(diverge!.status).toBe("diverged");
    expect(Math.abs(diverge!.final.value)).toBeGreaterThan(1e12);
  });

  it("sine hills: every run settles in a pit of sin(x)cos(y), where f = -1", () => {
    for (const r of runDocument(scenario("sine-hills"))) {
      expect(r.status).toBe("converged");
      expect(r.final.value).toBeCloseTo(-1, 9);
      expect(r.classification?.classification).toBe("minimum");
      // Pits: sin x = -1, cos y = 1 or sin x = 1, cos y = -1, i.e. x = ±pi/2 (mod 2pi).
      const [x, y] = r.final.point as [number, number];
      expect(Math.abs(Math.sin(x))).toBeCloseTo(1, 9);
      expect(Math.abs(Math.cos(y))).toBeCloseTo(1, 9);
    }
  });

  it("twin minima: f_x = 1.5x(x^2-1)(x^2-4); minima at x = ±2 (f = -2), shallower at 0 (f = 0)", () => {
    const s = scenario("twin-minima");
    const surface = parseSurface(s.f);
    for (const x of [-2.3, -1.5, -0.4, 0.7, 1.2, 2.5]) {
      expect(surface.dfdx(x, 0)).toBeCloseTo(1.5 * x * (x * x - 1) * (x * x - 4), 9);
    }
    expect(surface.f(2, 0)).toBeCloseTo(-2, 12);
    expect(surface.f(-2, 0)).toBeCloseTo(-2, 12);
    expect(surface.f(0, 0)).toBe(0);
    expect(surface.f(1, 0)).toBeCloseTo(1.375, 12);
    const [shallow, right, left] = runDocument(s);
    expect(shallow!.final.point[0]).toBeCloseTo(0, 6);
    expect(shallow!.final.value).toBeCloseTo(0, 6);
    expect(right!.final.point[0]).toBeCloseTo(2, 6);
    expect(left!.final.point[0]).toBeCloseTo(-2, 6);
    expect(right!.final.value).toBeCloseTo(-2, 9);
    expect(left!.final.value).toBeCloseTo(-2, 9);
  });

  it("saddle: on the axis descent stops at the saddle; 0.01 off the axis it slides away", () => {
    const [onAxis, offAxis] = runDocument(scenario("saddle"));
    expect(onAxis!.status).toBe("converged");
    expect(onAxis!.final.point[0]).toBeCloseTo(0, 5);
    expect(onAxis!.classification?.classification).toBe("saddle");
    // y_k = 0.01 * 1.2^k: 0.01 * 1.2^35 = 5.90668...
    expect(offAxis!.final.point[1]).toBeCloseTo(0.01 * 1.2 ** 35, 9);
    expect(offAxis!.final.value).toBeLessThan(-30);
  });

  it("Himmelblau: the four runs find the four published minima", () => {
    const minima = [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ];
    const results = runDocument(scenario("himmelblau"));
    const found = new Set<number>();
    for (const r of results) {
      expect(r.status).toBe("converged");
      const index = minima.findIndex(
        ([mx, my]) =>
          Math.abs(r.final.point[0]! - mx!) < 1e-5 && Math.abs(r.final.point[1]! - my!) < 1e-5,
      );
      expect(index, JSON.stringify(r.final.point)).toBeGreaterThanOrEqual(0);
      found.add(index);
    }
    expect(found.size).toBe(4);
  });

  it("Himmelblau: past the sharpest minimum's edge its basin is left unconverged", () => {
    // At (−3.779310, −3.283186): f_xx = 12x² + 4y − 42, f_yy = 12y² + 4x − 26, f_xy = 4(x + y).
    const [x, y] = [-3.77931, -3.283186];
    const fxx = 12 * x * x + 4 * y - 42;
    const fyy = 12 * y * y + 4 * x - 26;
    const fxy = 4 * (x + y);
    const lambdaMax = (fxx + fyy) / 2 + Math.hypot((fxx - fyy) / 2, fxy);
    expect(lambdaMax).toBeCloseTo(133.8, 1);
    expect(2 / lambdaMax).toBeGreaterThan(0.01);
    expect(2 / lambdaMax).toBeLessThan(0.015);
    const s = scenario("himmelblau");
    expect(s.runs[0]!.params.lr).toBe(0.01);
    const spec = { box: s.box, columns: 100, rows: 100, maxSteps: 1000 };
    const surface = parseSurface(s.f);
    const atPreset = basinMap(surface, { ...spec, optimizer: "gd", params: { lr: 0.01 } });
    expect(atPreset.minima).toHaveLength(4);
    expect(atPreset.notConverged).toBe(0);
    const past = basinMap(surface, { ...spec, optimizer: "gd", params: { lr: 0.015 } });
    expect(past.minima).toHaveLength(3);
    expect(past.minima.some((m) => Math.hypot(m.point[0]! - x, m.point[1]! - y) < 0.01)).toBe(
      false,
    );
    // The starts that went there now oscillate about it: a share near its basin's.
    const share = basinShares(past).notConverged;
    expect(share).toBeGreaterThan(15);
    expect(getPreset("himmelblau")!.explanation).toContain("lr 0.015");
  });

  it("Start decides: momentum carries runs over the ridge, growing the deep basin", () => {
    const s = scenario("start-decides");
    const surface = parseSurface(s.f);
    const ridge = bisectRoot((x) => 4 * x ** 3 - 8 * x + 1, 0, 0.5);
    const spec = { box: s.box, columns: 200, rows: 200, maxSteps: 1000, params: { lr: 0.04 } };
    const gd = basinShares(basinMap(surface, { ...spec, optimizer: "gd" }));
    // Cell centres x = −2.5 + 0.025·(k + ½) left of the ridge: ⌊(ridge + 2.5)/0.025 − ½⌋ + 1
    // columns of 200.
    const leftColumns = Math.floor((ridge + 2.5) / 0.025 - 0.5) + 1;
    expect(gd.minima[0]).toBeCloseTo((100 * leftColumns) / 200, 9);
    expect(gd.minima[0]).toBeCloseTo(52.5, 9);
    const momentum = basinShares(basinMap(surface, { ...spec, optimizer: "momentum" }));
    expect(momentum.minima[0]).toBeGreaterThan(gd.minima[0]! + 3);
    expect(getPreset("start-decides")!.explanation).toContain(`${momentum.minima[0]!.toFixed(1)}%`);
    expect(getPreset("start-decides")!.explanation).toContain("52.5%");
  });

  it("Rosenbrock: plain descent crawls short of (1, 1); Adam gets closer", () => {
    const s = scenario("rosenbrock");
    const surface = parseSurface(s.f);
    expect(surface.f(1, 1)).toBe(0);
    const [gd, adam] = runDocument(s);
    const distance = (r: RunResult) => Math.hypot(r.final.point[0]! - 1, r.final.point[1]! - 1);
    expect(gd!.final.value).toBeLessThan(gd!.values[0]!);
    expect(distance(gd!)).toBeGreaterThan(0.2);
    expect(distance(adam!)).toBeLessThan(distance(gd!));
  });

  it("two minima of different depth: the side of the ridge decides", () => {
    // Roots of f_x = 4x^3 - 8x + 1, found by bisection here.
    const fx = (x: number) => 4 * x ** 3 - 8 * x + 1;
    const root = (lo: number, hi: number) => bisectRoot(fx, lo, hi);
    const deep = root(-2, -1);
    const ridge = root(0, 0.5);
    const shallow = root(1, 2);
    const f = (x: number) => x ** 4 - 4 * x ** 2 + x;
    expect(f(deep)).toBeLessThan(f(shallow));
    const s = scenario("start-decides");
    const results = runDocument(s);
    s.runs.forEach((run, i) => {
      const r = result(results, i);
      expect(r.status).toBe("converged");
      const expected = run.start[0]! < ridge ? deep : shallow;
      expect(r.final.point[0]).toBeCloseTo(expected, 6);
      expect(r.final.value).toBeCloseTo(f(expected), 9);
    });
    expect(s.runs.some((run) => run.start[0]! < ridge)).toBe(true);
    expect(s.runs.some((run) => run.start[0]! > ridge)).toBe(true);
  });

  it("fence: A'(57) = -14, so ascent from 57 moves down and ends at l = 50 with A = 2500", () => {
    const s = scenario("fence");
    const surface = parseSurface(s.f);
    expect(surface.dimension).toBe(1);
    expect(surface.dfdx(57, 0)).toBe(-14);
    expect(s.runs[0]!.optimizer).toBe("ascent");
    const [ascent] = runDocument(s);
    // x1 = 57 + 0.05 * (-14) = 56.3.
    expect(ascent!.xs[1]).toBeCloseTo(56.3, 12);
    expect(ascent!.status).toBe("converged");
    expect(ascent!.final.point[0]).toBeCloseTo(50, 6);
    expect(ascent!.final.value).toBeCloseTo(2500, 9);
    expect(ascent!.classification?.classification).toBe("maximum");
  });
});
