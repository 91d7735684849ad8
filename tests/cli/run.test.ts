import { describe, expect, it, vi } from "vitest";
import { descent, descentInProcess } from "./helpers.ts";

// Each spawn compiles the TypeScript entry point; give a busy machine time.
vi.setConfig({ testTimeout: 120_000 });

const himmelblau = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";

describe("descent run", () => {
  it("--json: status, steps, path from the start, final and classification", () => {
    const { status, stdout } = descent(
      "run",
      "--f",
      "x^2 + 3*y^2",
      "--from",
      "1,1",
      "--lr",
      "0.1",
      "--json",
    );
    expect(status).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.status).toBe("converged");
    expect(output.path).toHaveLength(output.steps + 1);
    // The start first, then x₁ = (0.8, 0.4) with f = 0.64 + 0.48, worked by hand.
    expect(output.path[0]).toEqual([1, 1, 4]);
    expect(output.path[1][0]).toBeCloseTo(0.8, 15);
    expect(output.path[1][1]).toBeCloseTo(0.4, 15);
    expect(output.path[1][2]).toBeCloseTo(1.12, 14);
    expect(output.final.gradientNorm).toBeLessThanOrEqual(1e-6);
    expect(Math.hypot(...(output.final.point as number[]))).toBeLessThan(1e-6);
    expect(output.classification).toBe("minimum");
    expect(output.eigenvalues).toEqual([2, 6]);
  });

  it("--json in one variable: path entries are [x, f]", () => {
    const { stdout } = descent(
      "run",
      "--f",
      "100*x - x^2",
      "--from",
      "57",
      "--optimizer",
      "ascent",
      "--lr",
      "0.1",
      "--json",
    );
    const output = JSON.parse(stdout);
    expect(output.path[0]).toEqual([57, 2451]);
    expect(output.path[1][0]).toBeCloseTo(55.6, 12);
    expect(output.final.point[0]).toBeCloseTo(50, 6);
    expect(output.classification).toBe("maximum");
  });

  it("--json reports a run that is not converged with classification null", () => {
    const { stdout } = descent("run", "--f", "x^2", "--from", "1", "--lr", "1.5", "--json");
    const output = JSON.parse(stdout);
    expect(output.status).toBe("diverged");
    expect(output.steps).toBe(21);
    expect(output.classification).toBeNull();
  });

  it("--csv prints every iterate with full precision", () => {
    const { status, stdout } = descent(
      "run",
      "--f",
      himmelblau,
      "--from",
      "1,1",
      "--lr",
      "0.01",
      "--steps",
      "3",
      "--csv",
    );
    expect(status).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe("step,x,y,f,grad_x,grad_y");
    expect(lines).toHaveLength(5);
    // Iterate 0 is the start: f(1, 1) = 81 + 25 = 106, ∇f = (−46, −38) − by hand.
    expect(lines[1]).toBe("0,1,1,106,-46,-38");
    // x₁ = (1 + 0.46, 1 + 0.38).
    const [, x1, y1] = lines[2]!.split(",").map(Number);
    expect(x1).toBeCloseTo(1.46, 14);
    expect(y1).toBeCloseTo(1.38, 14);
  });

  it("prints a table and a summary by default", () => {
    const { status, stdout } = descent("run", "--f", himmelblau, "--from", "1,1", "--lr", "0.01");
    expect(status).toBe(0);
    expect(stdout).toMatch(/step\s+x\s+y\s+f/);
    expect(stdout).toMatch(/status: converged after \d+ steps/);
    const final = /final: \(x, y\) = \(([-\d.e]+), ([-\d.e]+)\)/.exec(stdout);
    expect(Number(final?.[1])).toBeCloseTo(3, 6);
    expect(Number(final?.[2])).toBeCloseTo(2, 6);
    expect(stdout).toMatch(/classification: minimum/);
  });

  it("takes optimizer parameters, gradient sources and seeds", async () => {
    const adam = JSON.parse(
      (
        await descentInProcess(
          "run",
          "--f",
          "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
          "--from",
          "1,1",
          "--optimizer",
          "adam",
          "--lr",
          "0.01",
          "--beta1",
          "0.9",
          "--beta2",
          "0.999",
          "--steps",
          "20000",
          "--gradient",
          "central",
          "--json",
        )
      ).stdout,
    );
    expect(adam.status).toBe("converged");
    expect(adam.final.point[0]).toBeCloseTo(3, 3);
    expect(adam.final.point[1]).toBeCloseTo(0.5, 3);
    const args = ["run", "--f", himmelblau, "--from", "4,4", "--optimizer", "random-search"];
    const seeded = [...args, "--seed", "9", "--steps", "50", "--box", "-5,5,-5,5", "--json"];
    const a = await descentInProcess(...seeded);
    const b = await descentInProcess(...seeded);
    const c = await descentInProcess(...args, "--seed", "10", "--steps", "50", "--json");
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
  });

  it("--help explains the options", async () => {
    const { status, stdout } = await descentInProcess("run", "--help");
    expect(status).toBe(0);
    for (const option of [
      "--from",
      "--optimizer",
      "--lr",
      "--gradient",
      "--h",
      "--steps",
      "--tol",
      "--json",
      "--csv",
    ]) {
      expect(stdout).toContain(option);
    }
  });

  it.each([
    [["--from", "1,1"], /--f is required/],
    [["--f", "x^2 + y^2"], /--from is required/],
    [["--f", "x^2 + y^2", "--from", "1"], /--from takes two numbers/],
    [["--f", "x^2", "--from", "1,2"], /only on x, so --from takes one number/],
    [["--f", "x^2 + y^2", "--from", "1,a"], /--from must be comma-separated finite numbers/],
    [
      ["--f", "x^2 + y^2", "--from", "1,1", "--optimizer", "sgd"],
      /--optimizer "sgd" is not a step rule/,
    ],
    [["--f", "x^2 + y^2", "--from", "1,1", "--lr", "fast"], /--lr must be a finite number/],
    [["--f", "x^2 + y^2", "--from", "1,1", "--lr", "-1"], /--lr for gd must be a number from/],
    [["--f", "x^2 + y^2", "--from", "1,1", "--lr=-1"], /--lr for gd must be a number from/],
    [["--f", "x^2 + y^2", "--from", "1,1", "--momentum", "0.9"], /--momentum does not apply to gd/],
    [["--f", "x^2 + y^2", "--from", "1,1", "--gradient", "exact"], /--gradient must be one of/],
    [["--f", "x^2 + y^2", "--from", "1,1", "--steps", "2.5"], /--steps must be a whole number/],
    [
      ["--f", "x^2 + y^2", "--from", "1,1", "--box", "1,0,0,1"],
      /--box: xmin must be less than xmax/,
    ],
    [["--f", "x^2 + y^2", "--from", "1,1", "--json", "--csv"], /choose one of --json and --csv/],
    [["--f", "x^2 + y^2", "--from", "1,1", "--speed", "2"], /--speed/],
  ])("bad options %j exit 2 with one clear line", async (args, message) => {
    const { status, stdout, stderr } = await descentInProcess("run", ...args);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^descent run: /);
    expect(stderr).toMatch(message);
  });

  it("a bad expression exits 2 and points at the problem", () => {
    const { status, stderr } = descent("run", "--f", "x^2 +", "--from", "1");
    expect(status).toBe(2);
    expect(stderr.split("\n")[0]).toMatch(/^descent run: --f: /);
  });
});

describe("descent basins", () => {
  it("--json on Himmelblau: four minima, every start assigned", () => {
    const { status, stdout } = descent(
      "basins",
      "--f",
      himmelblau,
      "--box",
      "-5,5,-5,5",
      "--grid",
      "12x10",
      "--lr",
      "0.01",
      "--json",
    );
    expect(status).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.grid).toEqual([12, 10]);
    expect(output.minima).toHaveLength(4);
    expect(output.basins).toHaveLength(10);
    const labels = (output.basins as number[][]).flat();
    expect(labels).toHaveLength(120);
    expect(labels.every((b) => b >= 0 && b < 4)).toBe(true);
    expect(output.minima.reduce((s: number, m: { count: number }) => s + m.count, 0)).toBe(120);
    const hasMinimum = (x: number, y: number) =>
      output.minima.some(
        (m: { point: number[] }) => Math.hypot(m.point[0]! - x, m.point[1]! - y) < 1e-5,
      );
    expect(hasMinimum(3, 2)).toBe(true);
    expect(hasMinimum(-2.805118, 3.131312)).toBe(true);
    expect(hasMinimum(-3.77931, -3.283186)).toBe(true);
    expect(hasMinimum(3.584428, -1.848126)).toBe(true);
  });

  it("draws the map with the top row at ymax", () => {
    const { stdout } = descent(
      "basins",
      "--f",
      "(x - 1)^2 * (x + 1)^2 + y^2",
      "--box",
      "-2,2,-1,1",
      "--grid",
      "8x3",
      "--lr",
      "0.01",
    );
    const lines = stdout.split("\n");
    // Two minima, (−1, 0) and (1, 0): the left half of every row goes to one, the right to the other.
    const rows = lines.slice(1, 4);
    for (const row of rows) expect(row).toMatch(/^(A{4}B{4}|B{4}A{4})$/);
    expect(stdout).toMatch(/2 minima:/);
  });

  it("bad --grid exits 2 with one line", async () => {
    const { status, stderr } = await descentInProcess("basins", "--f", himmelblau, "--grid", "ten");
    expect(status).toBe(2);
    expect(stderr).toMatch(/^descent basins: --grid must look like 40x30/);
    expect(stderr.split("\n")).toHaveLength(1);
  });

  it("--help explains the map", async () => {
    expect((await descentInProcess("basins", "--help")).stdout).toMatch(/--grid <n>x<m>/);
  });
});

describe("descent sweep", () => {
  it("--json: statuses across the edge and the edge 2/λmax = 0.5 for x² + 2y²", () => {
    const { status, stdout } = descent(
      "sweep",
      "--f",
      "x^2 + 2*y^2",
      "--from",
      "3,2",
      "--lr-min",
      "0.01",
      "--lr-max",
      "1",
      "--count",
      "5",
      "--steps",
      "5000",
      "--json",
    );
    expect(status).toBe(0);
    const output = JSON.parse(stdout);
    const rates = output.entries.map((e: { lr: number }) => e.lr);
    // 0.01·10^(k/2) = 0.01, 0.0316227766…, 0.1, 0.316227766…, 1, rounded to 3 significant digits.
    expect(rates).toEqual([0.01, 0.0316, 0.1, 0.316, 1]);
    expect(output.entries.map((e: { status: string }) => e.status)).toEqual([
      "converged",
      "converged",
      "converged",
      "converged",
      "diverged",
    ]);
    expect(output.stability.lambdaMax).toBeCloseTo(4, 10);
    expect(output.stability.edge).toBeCloseTo(0.5, 10);
  });

  it("prints a table and the edge by default", () => {
    const { stdout } = descent("sweep", "--f", "3*x^2", "--from", "1", "--count", "4");
    expect(stdout).toMatch(/lr\s+status\s+steps\s+final f/);
    expect(stdout).toMatch(/λmax = 6(\.0+\d*)?;.*2\/λmax = 0\.333333/);
  });

  it.each([
    [["--from", "1,1", "--lr", "0.1"], /--lr is what the sweep varies/],
    [["--from", "1,1", "--lr-min", "0"], /--lr-min must be greater than 0/],
    [
      ["--from", "1,1", "--lr-min", "1", "--lr-max", "0.1"],
      /--lr-max \(0.1\) must not be less than --lr-min/,
    ],
    [["--from", "1,1", "--count", "0"], /--count must be a whole number/],
    [["--from", "1,1", "--optimizer", "linesearch"], /linesearch has no learning rate/],
  ])("bad options %j exit 2 with one line", async (args, message) => {
    const { status, stderr } = await descentInProcess("sweep", "--f", "x^2 + y^2", ...args);
    expect(status).toBe(2);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});
