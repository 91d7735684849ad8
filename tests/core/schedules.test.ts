/**
 * Learning-rate schedules and gradient noise. The schedules are checked against rates worked by
 * hand and against PyTorch's recursive (chainable) `get_lr` forms written out here, which share
 * nothing with the closed forms the product uses; scheduled runs against the reference rules of
 * ./reference/optimizers.ts fed those rates; noise against a separate mulberry32 + Box–Muller.
 */
import { describe, expect, it } from "vitest";
import {
  optimizerNames,
  optimizerRegistry,
  resolveSchedule,
  scheduledRate,
  scheduleNames,
  type ScheduleSettings,
} from "../../src/core/optimizers/index.ts";
import { runOptimizer } from "../../src/core/run.ts";
import { runBatch } from "../../src/core/batch.ts";
import { parseSurface } from "../../src/core/surface.ts";
import { handSurface } from "./reference/handSurface.ts";
import {
  himmelblau,
  quadratic,
  referenceIterates,
  rosenbrock,
  type HandFunction,
  type Vec,
} from "./reference/optimizers.ts";

function schedule(kind: string, params: Record<string, number> = {}): ScheduleSettings {
  return resolveSchedule(kind, params);
}

function rates(settings: ScheduleSettings, base: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => scheduledRate(settings, base, k));
}

describe("schedule rates at steps 0, 1, 2, … worked by hand", () => {
  it("constant: lr at every step", () => {
    expect(rates(schedule("constant"), 0.3, 4)).toEqual([0.3, 0.3, 0.3, 0.3]);
  });

  it("step (StepLR), step_size 2, gamma 0.5: 1, 1, 0.5, 0.5, 0.25, 0.25, 0.125", () => {
    const got = rates(schedule("step", { step_size: 2, gamma: 0.5 }), 1, 7);
    expect(got).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25, 0.125]);
  });

  it("exponential (ExponentialLR), gamma 0.5 from 0.8: 0.8, 0.4, 0.2, 0.1, 0.05", () => {
    const got = rates(schedule("exponential", { gamma: 0.5 }), 0.8, 5);
    [0.8, 0.4, 0.2, 0.1, 0.05].forEach((value, k) => expect(got[k]).toBeCloseTo(value, 15));
  });

  it("cosine (CosineAnnealingLR), t_max 4, eta_min 0, lr 1: down to 0 at 4, back to 1 at 8", () => {
    const got = rates(schedule("cosine", { t_max: 4, eta_min: 0 }), 1, 9);
    // (1 + cos(πk/4))/2: cos(π/4) = √2/2, so k = 1 gives (2 + √2)/4 ≈ 0.853553.
    const half = Math.SQRT2 / 2;
    const expected = [1, (1 + half) / 2, 0.5, (1 - half) / 2, 0, (1 - half) / 2, 0.5];
    expected.forEach((value, k) => expect(got[k]).toBeCloseTo(value, 15));
    expect(got[8]).toBeCloseTo(1, 15);
  });

  it("cosine with eta_min 0.1, t_max 2, lr 0.5: 0.5, 0.3, 0.1", () => {
    const got = rates(schedule("cosine", { t_max: 2, eta_min: 0.1 }), 0.5, 3);
    // 0.1 + 0.4·(1 + cos(πk/2))/2: 0.5, 0.1 + 0.2 = 0.3, 0.1.
    [0.5, 0.3, 0.1].forEach((value, k) => expect(got[k]).toBeCloseTo(value, 15));
  });

  it("warmup (LinearLR), 0.25 → 1 over 3 steps, lr 0.4: 0.1, 0.2, 0.3, 0.4, 0.4", () => {
    const settings = schedule("warmup", { start_factor: 0.25, end_factor: 1, total_iters: 3 });
    const got = rates(settings, 0.4, 5);
    [0.1, 0.2, 0.3, 0.4, 0.4].forEach((value, k) => expect(got[k]).toBeCloseTo(value, 15));
  });

  it("takes PyTorch's defaults for what is not given", () => {
    expect(schedule("step")).toEqual({ kind: "step", params: { step_size: 10, gamma: 0.1 } });
    expect(schedule("exponential")).toEqual({ kind: "exponential", params: { gamma: 0.95 } });
    expect(schedule("cosine")).toEqual({ kind: "cosine", params: { t_max: 50, eta_min: 0 } });
    expect(schedule("warmup")).toEqual({
      kind: "warmup",
      params: { start_factor: 1 / 3, end_factor: 1, total_iters: 5 },
    });
  });

  it("refuses an unknown schedule, key or an out-of-range value, naming it", () => {
    expect(() => schedule("linear")).toThrow(/unknown schedule "linear"/);
    expect(() => schedule("step", { step: 3 })).toThrow(
      /step schedule has no parameter "step" \(its parameters: step_size, gamma\)/,
    );
    expect(() => schedule("step", { step_size: 2.5 })).toThrow(/step_size must be an integer/);
    expect(() => schedule("warmup", { start_factor: 0 })).toThrow(/start_factor must be a number/);
    expect(() => schedule("cosine", { eta_min: -1 })).toThrow(/eta_min/);
  });
});

/**
 * PyTorch's chainable `get_lr` of each scheduler, stepped once per optimizer step: each rate
 * from the one before, as torch.optim.lr_scheduler computes them.
 */
function torchChainedRates(
  kind: string,
  p: Record<string, number>,
  base: number,
  count: number,
): number[] {
  const out: number[] = [];
  let lr = base;
  for (let epoch = 0; epoch < count; epoch++) {
    switch (kind) {
      case "step":
        if (epoch !== 0 && epoch % p.step_size! === 0) lr *= p.gamma!;
        break;
      case "exponential":
        if (epoch !== 0) lr *= p.gamma!;
        break;
      case "cosine": {
        const tMax = p.t_max!;
        const etaMin = p.eta_min!;
        if (epoch === 0) lr = base;
        else if ((epoch - 1 - tMax) % (2 * tMax) === 0) {
          lr = lr + ((base - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
        } else {
          lr =
            ((1 + Math.cos((Math.PI * epoch) / tMax)) /
              (1 + Math.cos((Math.PI * (epoch - 1)) / tMax))) *
              (lr - etaMin) +
            etaMin;
        }
        break;
      }
      case "warmup": {
        const { start_factor: s = 0, end_factor: e = 0, total_iters: n = 0 } = p;
        if (epoch === 0) lr = base * s;
        else if (epoch <= n) lr *= 1 + (e - s) / (n * s + (epoch - 1) * (e - s));
        break;
      }
      default:
        break;
    }
    out.push(lr);
  }
  return out;
}

const scheduleCases: [string, Record<string, number>][] = [
  ["step", { step_size: 3, gamma: 0.5 }],
  ["exponential", { gamma: 0.9 }],
  ["cosine", { t_max: 6, eta_min: 0.001 }],
  ["warmup", { start_factor: 0.25, end_factor: 1, total_iters: 4 }],
  ["warmup", { start_factor: 1, end_factor: 0.2, total_iters: 7 }],
];

describe("the closed forms match PyTorch's chained rates", () => {
  it.each(scheduleCases)("%s %j over 40 steps", (kind, params) => {
    const ours = rates(schedule(kind, params), 0.1, 40);
    const torch = torchChainedRates(kind, params, 0.1, 40);
    ours.forEach((rate, k) => {
      expect(Math.abs(rate - torch[k]!) / Math.abs(torch[k]!), `step ${k}`).toBeLessThan(1e-9);
    });
  });
});

function path(
  fn: HandFunction,
  rule: string,
  start: Vec,
  params: Record<string, number>,
  extra: { schedule?: ScheduleSettings; noise?: number; seed?: number },
): Vec[] {
  const result = runOptimizer(handSurface(fn, 2), {
    start,
    optimizer: rule,
    params,
    maxSteps: 10,
    tol: 0,
    ...extra,
  });
  const out: Vec[] = [];
  for (let k = 0; k <= result.steps; k++) out.push([result.xs[k]!, result.ys[k]!]);
  return out;
}

function relativeDifference(a: Vec, b: Vec): number {
  const size = Math.max(...b.map(Math.abs), 1e-300);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!))) / size;
}

const scheduledRules: [string, HandFunction, Vec, Record<string, number>][] = [
  ["gd", quadratic, [1.5, -1], { lr: 0.1 }],
  ["momentum", rosenbrock, [-1.2, 1], { lr: 0.0005, momentum: 0.9 }],
  ["adagrad", himmelblau, [0.5, 1], { lr: 0.3, eps: 1e-10 }],
  ["adam", himmelblau, [0.5, 1], { lr: 0.2, beta1: 0.8, beta2: 0.99, eps: 1e-8 }],
  [
    "adamw",
    quadratic,
    [1.5, -1],
    { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.05 },
  ],
  [
    "nadam",
    rosenbrock,
    [-1.2, 1],
    { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, momentum_decay: 0.004 },
  ],
];

describe("first ten iterates of scheduled rules match the reference fed PyTorch's rates", () => {
  for (const [rule, fn, start, params] of scheduledRules) {
    it.each(scheduleCases)(`${rule} on ${fn.name} with %s %j`, (kind, scheduleParams) => {
      const settings = schedule(kind, scheduleParams);
      const ours = path(fn, rule, start, params, { schedule: settings });
      const torch = torchChainedRates(kind, scheduleParams, params.lr!, 10);
      const reference = referenceIterates(rule, fn, start, params, 10, (k) => torch[k]!);
      expect(ours).toHaveLength(11);
      ours.forEach((point, k) =>
        expect(relativeDifference(point, reference[k]!), `iterate ${k}`).toBeLessThan(1e-9),
      );
      // The schedule must change the path, or the comparison proves nothing.
      const constant = path(fn, rule, start, params, {});
      expect(relativeDifference(ours[10]!, constant[10]!)).toBeGreaterThan(1e-6);
    });
  }

  it("records the rate each step used in rates[k]", () => {
    const result = runOptimizer(parseSurface("x^2 + y^2"), {
      start: [1, 1],
      optimizer: "gd",
      params: { lr: 0.2 },
      schedule: { kind: "step", params: { step_size: 2, gamma: 0.5 } },
      maxSteps: 5,
      tol: 0,
    });
    expect(Array.from(result.rates!)).toEqual([0.2, 0.2, 0.1, 0.1, 0.05, 0.05]);
    // x₁ = 0.6, x₂ = 0.36 at 0.2; x₃ = 0.36·0.8 = 0.288 at 0.1.
    expect(result.xs[3]).toBeCloseTo(0.288, 15);
  });

  it("applies only to first-order rules: a schedule for newton is refused with a reason", () => {
    const surface = parseSurface("x^2 + y^2");
    expect(() =>
      runOptimizer(surface, {
        start: [1, 1],
        optimizer: "newton",
        schedule: { kind: "exponential" },
      }),
    ).toThrow(/newton takes no learning-rate schedule/);
    const schedulable = optimizerNames.filter((name) => optimizerRegistry[name].schedulable);
    expect(schedulable.sort()).toEqual(
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
      ].sort(),
    );
    // The constant schedule is no schedule at all, so any rule takes it.
    expect(
      runOptimizer(surface, { start: [1, 1], optimizer: "newton", schedule: { kind: "constant" } })
        .status,
    ).toBe("converged");
  });

  it("every schedule name is covered here", () => {
    const covered = new Set(["constant", ...scheduleCases.map(([kind]) => kind)]);
    expect([...covered].sort()).toEqual([...scheduleNames].sort());
  });
});

/** mulberry32 and Box–Muller written out again from their published definitions. */
function referenceNormals(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 2 ** 32;
  };
  const pending: number[] = [];
  return () => {
    if (pending.length > 0) return pending.pop()!;
    const u1 = uniform();
    const u2 = uniform();
    const radius = Math.sqrt(-2 * Math.log(1 - u1));
    pending.push(radius * Math.sin(2 * Math.PI * u2));
    return radius * Math.cos(2 * Math.PI * u2);
  };
}

describe("gradient noise", () => {
  const noisyCases: [string, HandFunction, Vec, Record<string, number>][] = [
    ["gd", quadratic, [1.5, -1], { lr: 0.1 }],
    ["momentum", quadratic, [1.5, -1], { lr: 0.05, momentum: 0.9 }],
    ["adam", himmelblau, [0.5, 1], { lr: 0.2, beta1: 0.8, beta2: 0.99, eps: 1e-8 }],
  ];

  it.each(noisyCases)(
    "%s: the first ten iterates match the reference with g + σ·z, z from the seed",
    (rule, fn, start, params) => {
      const normal = referenceNormals(7);
      const ours = path(fn, rule, start, params, { noise: 0.1, seed: 7 });
      const reference = referenceIterates(rule, fn, start, params, 10, undefined, (g) =>
        g.map((gi) => gi + 0.1 * normal()),
      );
      ours.forEach((point, k) =>
        expect(relativeDifference(point, reference[k]!), `iterate ${k}`).toBeLessThan(1e-9),
      );
    },
  );

  it("the same seed gives the same path, another seed another one, σ = 0 the plain one", () => {
    const spec = { start: [1.5, -1], optimizer: "gd", params: { lr: 0.1 }, maxSteps: 50 };
    const surface = handSurface(quadratic, 2);
    const a = runOptimizer(surface, { ...spec, noise: 0.5, seed: 7 });
    const b = runOptimizer(surface, { ...spec, noise: 0.5, seed: 7 });
    const c = runOptimizer(surface, { ...spec, noise: 0.5, seed: 8 });
    const plain = runOptimizer(surface, spec);
    const quiet = runOptimizer(surface, { ...spec, noise: 0, seed: 7 });
    expect(Array.from(a.xs)).toEqual(Array.from(b.xs));
    expect(Array.from(a.ys)).toEqual(Array.from(b.ys));
    expect(a.xs[5]).not.toBe(c.xs[5]);
    expect(Array.from(quiet.xs)).toEqual(Array.from(plain.xs));
  });

  it("has standard deviation σ: on a flat f every step is −lr·σ·z", () => {
    // f = 0 has ∇f = 0, so the steps are pure noise: mean ≈ 0 and sd ≈ lr·σ = 0.3.
    const result = runOptimizer(parseSurface("0*x + 0*y"), {
      start: [0, 0],
      optimizer: "gd",
      params: { lr: 1 },
      noise: 0.3,
      seed: 11,
      maxSteps: 20_000,
      tol: 0,
    });
    const steps: number[] = [];
    for (let k = 0; k < result.steps; k++) {
      steps.push(result.xs[k + 1]! - result.xs[k]!, result.ys[k + 1]! - result.ys[k]!);
    }
    const mean = steps.reduce((a, b) => a + b, 0) / steps.length;
    const sd = Math.sqrt(steps.reduce((a, b) => a + (b - mean) ** 2, 0) / steps.length);
    // 40 000 draws: the standard error of the mean is 0.3/200 = 0.0015.
    expect(Math.abs(mean)).toBeLessThan(0.006);
    expect(sd).toBeGreaterThan(0.29);
    expect(sd).toBeLessThan(0.31);
  });

  it("lets plain descent leave a saddle that it cannot leave without noise", () => {
    // x² − y² from (1, 0): without noise y stays 0 and descent converges to the saddle.
    const surface = parseSurface("x^2 - y^2 + y^4");
    const spec = { start: [1, 0], optimizer: "gd", params: { lr: 0.1 }, maxSteps: 300 };
    const plain = runOptimizer(surface, spec);
    expect(plain.status).toBe("converged");
    expect(plain.classification?.classification).toBe("saddle");
    const noisy = runOptimizer(surface, { ...spec, noise: 0.05, seed: 3 });
    // The minima are at y = ±1/√2 ≈ ±0.707.
    expect(Math.abs(noisy.ys[noisy.steps]!)).toBeGreaterThan(0.6);
  });

  it("is refused for a rule that uses no gradient, and out of range, with a reason", () => {
    const surface = parseSurface("x^2 + y^2");
    expect(() =>
      runOptimizer(surface, { start: [1, 1], optimizer: "random-search", noise: 0.1 }),
    ).toThrow(/random-search uses no gradient/);
    expect(() => runOptimizer(surface, { start: [1, 1], optimizer: "gd", noise: -1 })).toThrow(
      /noise must be a number from 0 to 100/,
    );
  });

  it("reaches batches: the same seed and noise give the same finals", () => {
    const surface = parseSurface("x^2 + y^2");
    const starts = { x: Float64Array.of(1, 2), y: Float64Array.of(1, -1) };
    const spec = {
      optimizer: "gd",
      params: { lr: 0.1 },
      box: { xmin: -3, xmax: 3, ymin: -3, ymax: 3 },
      maxSteps: 20,
      noise: 0.2,
      seed: 4,
    };
    const a = runBatch(surface, starts, spec);
    const b = runBatch(surface, starts, spec);
    const plain = runBatch(surface, starts, { ...spec, noise: 0 });
    expect(Array.from(a.finalX)).toEqual(Array.from(b.finalX));
    expect(a.finalX[0]).not.toBe(plain.finalX[0]);
  });
});
