/**
 * `descent run` with the step rules, schedules and noise flags, spawned as a user runs them;
 * the numbers are worked by hand.
 */
import { describe, expect, it, vi } from "vitest";
import { descent, descentInProcess } from "./helpers.ts";

// Each spawn compiles the TypeScript entry point; give a busy machine time.
vi.setConfig({ testTimeout: 120_000 });

function runJson(...args: string[]) {
  const { status, stdout, stderr } = descent("run", ...args, "--json");
  expect(stderr).toBe("");
  expect(status).toBe(0);
  return JSON.parse(stdout);
}

describe("descent run: the step rules", () => {
  it("--optimizer try-steps --spread 3: trials 2⁻³…2³ times lr, the best one taken", () => {
    // x² + 10y² from (−2.5, 1.5), g = (−5, 30): with lr 0.01, spread 1 the trials are
    // a = 0.005, 0.01, 0.02 with f = 24.350625, 20.4025, 13.86, so x₁ = (−2.4, 0.9).
    const one = runJson(
      "--f",
      "x^2 + 10*y^2",
      "--from",
      "-2.5,1.5",
      "--optimizer",
      "try-steps",
      "--spread",
      "1",
      "--lr",
      "0.01",
      "--steps",
      "1",
    );
    expect(one.path[1][0]).toBeCloseTo(-2.4, 14);
    expect(one.path[1][1]).toBeCloseTo(0.9, 14);
    const three = runJson(
      "--f",
      "x^2 + 10*y^2",
      "--from",
      "-2.5,1.5",
      "--optimizer",
      "try-steps",
      "--spread",
      "3",
    );
    expect(three.params).toEqual({ lr: 0.1, spread: 3 });
    expect(three.status).toBe("converged");
  });

  it("--optimizer adamw --weight-decay 0.01 and --optimizer nadam --momentum-decay 0.004", () => {
    const adamw = runJson(
      "--f",
      "x^2 + 10*y^2",
      "--from",
      "-2.5,1.5",
      "--optimizer",
      "adamw",
      "--weight-decay",
      "0.01",
      "--steps",
      "1",
    );
    expect(adamw.params.weight_decay).toBe(0.01);
    // x·(1 − 0.001·0.01) then Adam's first step 0.001·g/(|g| + 1e-8).
    expect(adamw.path[1][0]).toBeCloseTo(-2.5 * (1 - 1e-5) + 0.005 / (5 + 1e-8), 14);
    const nadam = runJson(
      "--f",
      "x^2 + 10*y^2",
      "--from",
      "-2.5,1.5",
      "--optimizer",
      "nadam",
      "--momentum-decay",
      "0.004",
      "--steps",
      "3",
    );
    expect(nadam.params).toEqual({
      lr: 0.002,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      momentum_decay: 0.004,
    });
  });
});

describe("descent run: schedules", () => {
  const bowl = ["--f", "x^2 + y^2", "--from", "1,1", "--tol", "0"];

  it("--schedule step --step-size 5 --gamma 0.5: the rate halves every 5 steps", () => {
    const out = runJson(
      ...bowl,
      "--lr",
      "0.2",
      "--steps",
      "11",
      "--schedule",
      "step",
      "--step-size",
      "5",
      "--gamma",
      "0.5",
    );
    expect(out.schedule).toEqual({ kind: "step", params: { step_size: 5, gamma: 0.5 } });
    expect(out.rates.slice(0, 11)).toEqual([
      0.2, 0.2, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05,
    ]);
    // x shrinks by 1 − 2·rate: 0.6⁵ at 0.2, then 0.8 per step at 0.1: x₆ = 0.6⁵·0.8.
    expect(out.path[6][0]).toBeCloseTo(0.6 ** 5 * 0.8, 14);
  });

  it("--schedule exponential --gamma 0.95: lr·0.95^k", () => {
    const out = runJson(
      ...bowl,
      "--lr",
      "0.1",
      "--steps",
      "4",
      "--schedule",
      "exponential",
      "--gamma",
      "0.95",
    );
    [0.1, 0.095, 0.09025, 0.0857375].forEach((rate, k) =>
      expect(out.rates[k]).toBeCloseTo(rate, 15),
    );
  });

  it("--schedule cosine --t-max 30 --eta-min 0.001: halfway at step 15, the floor at 30", () => {
    const out = runJson(
      ...bowl,
      "--lr",
      "0.1",
      "--steps",
      "30",
      "--schedule",
      "cosine",
      "--t-max",
      "30",
      "--eta-min",
      "0.001",
    );
    expect(out.rates[0]).toBeCloseTo(0.1, 15);
    // 0.001 + 0.099·(1 + cos(π/2))/2 = 0.0505.
    expect(out.rates[15]).toBeCloseTo(0.0505, 15);
    expect(out.rates[30]).toBeCloseTo(0.001, 15);
  });

  it("--schedule warmup --start-factor 0.25 --end-factor 1 --total-iters 10", () => {
    const out = runJson(
      ...bowl,
      "--lr",
      "0.1",
      "--steps",
      "12",
      "--schedule",
      "warmup",
      "--start-factor",
      "0.25",
      "--end-factor",
      "1",
      "--total-iters",
      "10",
    );
    // 0.1·(0.25 + 0.75·k/10): 0.025 at 0, 0.0625 at 5, 0.1 from 10 on.
    expect(out.rates[0]).toBeCloseTo(0.025, 15);
    expect(out.rates[5]).toBeCloseTo(0.0625, 15);
    expect(out.rates[10]).toBeCloseTo(0.1, 15);
    expect(out.rates[12]).toBeCloseTo(0.1, 15);
  });
});

describe("descent run: noise", () => {
  it("--noise 0.1 --seed 7: the same seed gives the same path, another seed another", () => {
    const args = ["--f", "x^2 + y^2", "--from", "1,1", "--lr", "0.1", "--steps", "20"];
    const a = runJson(...args, "--noise", "0.1", "--seed", "7");
    const b = runJson(...args, "--noise", "0.1", "--seed", "7");
    const c = runJson(...args, "--noise", "0.1", "--seed", "8");
    expect(a.noise).toBe(0.1);
    expect(a.path).toEqual(b.path);
    expect(a.path[5]).not.toEqual(c.path[5]);
    // Without noise x₁ = 0.8·(1, 1); with it x₁ differs by 0.1·lr·z, a few thousandths.
    expect(Math.abs(a.path[1][0] - 0.8)).toBeLessThan(0.05);
    expect(a.path[1][0]).not.toBe(0.8);
  });
});

describe("descent run: bad schedule and noise flags say what is wrong", () => {
  const base = ["run", "--f", "x^2 + y^2", "--from", "1,1"];

  it.each([
    [["--gamma", "0.5"], /--gamma is a schedule parameter; add --schedule step or exponential/],
    [["--schedule", "linear"], /--schedule "linear" is not a schedule \(choose one of: constant/],
    [
      ["--schedule", "step", "--step-size", "2.5"],
      /--step-size for the step schedule must be a whole number from 1 to 1000000, got 2.5/,
    ],
    [
      ["--schedule", "exponential", "--t-max", "3"],
      /--t-max does not apply to the exponential schedule \(its options: --gamma\)/,
    ],
    [
      ["--optimizer", "newton", "--schedule", "cosine"],
      /--schedule does not apply to newton \(only the first-order rules take one\)/,
    ],
    [["--noise", "-1"], /--noise must be a number from 0 to 100, got -1/],
    [
      ["--optimizer", "random-search", "--noise", "0.1"],
      /--noise does not apply to random-search, which uses no gradient/,
    ],
    [["--optimizer", "adam", "--spread", "2"], /--spread does not apply to adam/],
    [
      ["--optimizer", "try-steps", "--spread", "11"],
      /--spread for try-steps must be a whole number from 0 to 10, got 11/,
    ],
  ])("%j", async (extra, message) => {
    const { status, stderr } = await descentInProcess(...base, ...(extra as string[]));
    expect(status).not.toBe(0);
    expect(stderr).toMatch(message);
  });
});
