/**
 * Answers a script can trust: nothing classified where f is not defined or the point is not
 * critical, a start outside the domain named as such, swept rates run exactly as printed, boxes
 * that fit the function, and a distinct label for every minimum.
 */
import { describe, expect, it, vi } from "vitest";
import { descent, descentInProcess } from "./helpers.ts";

// Each spawn compiles the TypeScript entry point; give a busy machine time.
vi.setConfig({ testTimeout: 120_000 });

describe("descent grad outside the domain and off a critical point", () => {
  it("log(x) + y² at (−1, 1): not defined, with the reason, and nothing classified", () => {
    const { status, stdout, stderr } = descent(
      "grad",
      "--f",
      "log(x) + y^2",
      "--at",
      "-1,1",
      "--json",
    );
    expect(status).toBe(0);
    expect(stderr).toBe(
      "descent grad: at (-1, 1): f is not defined there: log of a negative number",
    );
    const result = JSON.parse(stdout);
    expect(result).toEqual({
      point: [-1, 1],
      defined: false,
      reason: "f is not defined there: log of a negative number",
      value: null,
      gradient: null,
      gradientNorm: null,
      critical: null,
      hessian: null,
      eigenvalues: null,
      classification: null,
      finiteDifference: null,
    });
  });

  it("the text output says f has no value there instead of printing a gradient", () => {
    const { status, stdout } = descent("grad", "--f", "log(x) + y^2", "--at", "-1,1");
    expect(status).toBe(0);
    expect(stdout).toMatch(/value\s+none: f is not defined there: log of a negative number/);
    expect(stdout).not.toMatch(/saddle|minimum|maximum|Hessian/);
  });

  it("sqrt(x² + y²) at the origin: f is 0 but the gradient x/√(x²+y²) is 0/0", async () => {
    const { status, stdout, stderr } = await descentInProcess(
      "grad",
      "--f",
      "sqrt(x^2 + y^2)",
      "--at",
      "0,0",
      "--json",
    );
    expect(status).toBe(0);
    expect(stderr).toMatch(/the gradient is not defined there: ∂f\/∂x is NaN/);
    const result = JSON.parse(stdout);
    expect(result.defined).toBe(false);
    expect(result.value).toBe(0);
    expect(result.gradientNorm).toBeNull();
    expect(result.critical).toBeNull();
    expect(result.classification).toBeNull();
  });

  it("x² + 3y² at (1, 2): gradient (2, 12) is not zero, so no classification", () => {
    const { status, stdout, stderr } = descent("grad", "--f", "x^2+3*y^2", "--at", "1,2", "--json");
    expect(status).toBe(0);
    expect(stderr).toBe("");
    const result = JSON.parse(stdout);
    expect(result.defined).toBe(true);
    expect(result.reason).toBeNull();
    expect(result.gradient).toEqual([2, 12]);
    expect(result.gradientNorm).toBeCloseTo(Math.sqrt(148), 13);
    expect(result.critical).toBe(false);
    expect(result.classification).toBeNull();
    // The Hessian is still reported: [[2, 0], [0, 6]].
    expect(result.hessian).toEqual([
      [2, 0],
      [0, 6],
    ]);
    const text = descent("grad", "--f", "x^2+3*y^2", "--at", "1,2").stdout;
    // √148 = 12.16552506059644…, to 12 significant digits.
    expect(text).toMatch(/classification\s+none: not a critical point \(\|∇f\| = 12\.1655250606\)/);
  });

  it("classifies at a critical point: x² + 3y² at the origin is a minimum", async () => {
    const { stdout } = await descentInProcess("grad", "--f", "x^2+3*y^2", "--at", "0,0", "--json");
    const result = JSON.parse(stdout);
    expect(result.critical).toBe(true);
    expect(result.classification).toBe("minimum");
  });
});

describe("a start outside the domain", () => {
  it("run: undefined-start with the reason, in JSON, text and CSV", () => {
    const json = descent("run", "--f", "log(x) + y^2", "--from", "-1,1", "--json");
    expect(json.status).toBe(0);
    const output = JSON.parse(json.stdout);
    expect(output.status).toBe("undefined-start");
    expect(output.reason).toBe("f is not defined at the start (log of a negative number)");
    expect(output.steps).toBe(0);

    const text = descent("run", "--f", "log(x) + y^2", "--from", "-1,1");
    expect(text.stdout).toContain(
      "status: undefined-start: f is not defined at the start (log of a negative number)",
    );
    expect(text.stdout).not.toMatch(/diverged/);

    const csv = descent("run", "--f", "log(x) + y^2", "--from", "-1,1", "--csv");
    expect(csv.status).toBe(0);
    expect(csv.stdout.trim().split("\n")).toHaveLength(2); // the header and the start
    expect(csv.stderr).toBe(
      "descent run: undefined-start: f is not defined at the start (log of a negative number)",
    );
  });

  it("run: a run that really diverges still says diverged", async () => {
    // x ← x − 1.5·2x = −2x: |f| = 4ᵏ passes 10¹²·(1 + 1) after 21 steps.
    const { stdout } = await descentInProcess(
      "run",
      "--f",
      "x^2",
      "--from",
      "1",
      "--lr",
      "1.5",
      "--json",
    );
    const output = JSON.parse(stdout);
    expect(output.status).toBe("diverged");
    expect(output.steps).toBe(21);
    expect(output.reason).toBeNull();
  });

  it("basins: starts with x < 0 on log(x) + y² are counted apart from divergence", () => {
    const { status, stdout } = descent(
      "basins",
      "--f",
      "log(x) + y^2",
      "--box",
      "-5,5,-5,5",
      "--grid",
      "10x4",
      "--json",
    );
    expect(status).toBe(0);
    const output = JSON.parse(stdout);
    // Cell centres x = −4.5, −3.5, …, 4.5: the first five columns of every row start at x < 0.
    expect(output.undefinedStart).toBe(20);
    for (const row of output.basins as number[][]) {
      expect(row.slice(0, 5)).toEqual([-4, -4, -4, -4, -4]);
      expect(row.slice(5)).not.toContain(-4);
    }
    const total =
      output.diverged +
      output.notConverged +
      output.notMinimum +
      output.undefinedStart +
      output.minima.reduce((sum: number, m: { count: number }) => sum + m.count, 0);
    expect(total).toBe(40);
    const text = descent("basins", "--f", "log(x) + y^2", "--grid", "10x4").stdout;
    expect(text.split("\n")[1]).toMatch(/^\?{5}/);
    expect(text).toContain("f not defined at the start (?): 20");
  });
});

describe("descent sweep rates", () => {
  it("runs and prints exactly the rounded rates: 0.1 is 0.1, on the edge 2/λmax = 0.1", () => {
    const args = [
      "sweep",
      "--f",
      "x^2 + 10*y^2",
      "--from",
      "1,1",
      "--lr-min",
      "0.001",
      "--lr-max",
      "1",
      "--count",
      "13",
    ];
    // 10^(−3 + k/4) for k = 0…12, rounded to 3 significant digits by hand.
    const expected = [
      0.001, 0.00178, 0.00316, 0.00562, 0.01, 0.0178, 0.0316, 0.0562, 0.1, 0.178, 0.316, 0.562, 1,
    ];
    const json = JSON.parse(descent(...args, "--json").stdout);
    expect(json.entries.map((e: { lr: number }) => e.lr)).toEqual(expected);
    // At lr = 0.1 exactly, y ← y − 0.1·20y = −y: y stays ±1 while x → 0, so f ends at 10 with
    // the budget used. At 0.09999999999999996 y would shrink and f end below 10 − 1e−11.
    const edge = json.entries[8];
    expect(edge.status).toBe("max-steps");
    expect(edge.finalValue).toBeCloseTo(10, 12);
    expect(json.stability.edge).toBeCloseTo(0.1, 12);

    const table = descent(...args).stdout.split("\n");
    const printed = table.slice(2, 15).map((line) => line.trim().split(/\s+/)[0]);
    expect(printed).toEqual(expected.map(String));
  });

  it("more digits only where 3 would make two rates equal", async () => {
    const { stdout } = await descentInProcess(
      "sweep",
      "--f",
      "x^2",
      "--from",
      "1",
      "--lr-min",
      "0.1",
      "--lr-max",
      "0.1001",
      "--count",
      "3",
      "--json",
    );
    // 0.1·1.001^(k/2): 0.1, 0.100049987…, 0.1001; 3 digits give 0.1 twice, 4 give 0.1 twice,
    // 5 give 0.1, 0.10005, 0.1001.
    expect(JSON.parse(stdout).entries.map((e: { lr: number }) => e.lr)).toEqual([
      0.1, 0.10005, 0.1001,
    ]);
  });

  it("--count 1 with a different --lr-max is refused; without it, one rate", async () => {
    const refused = await descentInProcess(
      "sweep",
      "--f",
      "x^2",
      "--from",
      "1",
      "--lr-min",
      "0.1",
      "--lr-max",
      "1",
      "--count",
      "1",
    );
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/--count 1 runs --lr-min alone, so --lr-max \(1\)/);
    const one = await descentInProcess(
      "sweep",
      "--f",
      "x^2",
      "--from",
      "1",
      "--lr-min",
      "0.1",
      "--count",
      "1",
      "--json",
    );
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout).entries.map((e: { lr: number }) => e.lr)).toEqual([0.1]);
  });
});

describe("--box fits the function", () => {
  it("two numbers for f of x and y, or four for f of x, are refused with exit 2", () => {
    const two = descent("basins", "--f", "x^2 + y^2", "--box", "-1,1");
    expect(two.status).toBe(2);
    expect(two.stdout).toBe("");
    expect(two.stderr).toBe(
      'descent basins: f depends on x and y, so --box takes four numbers xmin,xmax,ymin,ymax, got "-1,1"',
    );
    const four = descent("run", "--f", "x^2", "--from", "1", "--box", "-5,5,-5,5");
    expect(four.status).toBe(2);
    expect(four.stdout).toBe("");
    expect(four.stderr).toBe(
      'descent run: f depends only on x, so --box takes two numbers xmin,xmax, got "-5,5,-5,5"',
    );
  });

  it("a box whose width overflows a double is refused, not run as all-diverged", async () => {
    const { status, stdout, stderr } = await descentInProcess(
      "basins",
      "--f",
      "x^2 + y^2",
      "--box",
      "-1e308,1e308,-1,1",
    );
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "descent basins: --box: xmax − xmin is too large to compute with (over 1.8e308)",
    );
    const y = await descentInProcess(
      "sweep",
      "--f",
      "x^2+y^2",
      "--from",
      "1,1",
      "--box",
      "0,1,-1.5e308,1e308",
    );
    expect(y.status).toBe(2);
    expect(y.stderr).toMatch(/ymax − ymin is too large/);
  });
});

describe("descent basins labels", () => {
  it("−cos(x) over [−400, 400]: 129 minima at 2πk, each with its own label", () => {
    // x − 0.5·sin x is increasing and fixes every multiple of π, so each start stays in
    // (2πk − π, 2πk + π) and converges to 2πk. Starts at −400 + (i + ½)·800/1270 reach
    // k = −64 (−402.1, basin from −405.3) … 64: 129 minima.
    const args = ["basins", "--f", "-cos(x)", "--box", "-400,400", "--grid", "1270", "--lr", "0.5"];
    const { status, stdout } = descent(...args, "--json");
    expect(status).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.minima).toHaveLength(129);
    const labels = output.minima.map((m: { label: string }) => m.label);
    expect(new Set(labels).size).toBe(129);
    for (const m of output.minima as { point: number[]; label: string }[]) {
      const k = Math.round(m.point[0]! / (2 * Math.PI));
      expect(Math.abs(m.point[0]! - 2 * Math.PI * k)).toBeLessThan(1e-5);
    }
    const text = descent(...args).stdout;
    const listed = text
      .split("\n")
      .filter((line) => /^\s+\S+\s+\(/.test(line))
      .map((line) => line.trim().split(/\s+/)[0]);
    expect(listed).toHaveLength(129);
    expect(new Set(listed).size).toBe(129);
    expect(text).not.toContain("#");
  });

  it("up to 51 minima take one letter each, never 's' (other critical points)", async () => {
    const { stdout } = await descentInProcess(
      "basins",
      "--f",
      "-cos(x)",
      "--box",
      "-160,160",
      "--grid",
      "1000",
      "--lr",
      "0.5",
      "--json",
    );
    // 2πk for k = −25…25 (±157.08 inside, ±163.4 beyond the starts' basins): 51 minima.
    const labels = JSON.parse(stdout).minima.map((m: { label: string }) => m.label);
    expect(labels).toHaveLength(51);
    expect(labels.every((l: string) => /^[A-Za-z]$/.test(l))).toBe(true);
    expect(labels).not.toContain("s");
    expect(new Set(labels).size).toBe(51);
  });
});
