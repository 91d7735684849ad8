/**
 * `descent fit` against references worked out here: exact data on a known line, losses and
 * gradients summed by hand, mini-batch steps taken by hand, and published fits of the cars data.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { epochOrder } from "../../src/core/data/epochOrder.ts";
import { descent, descentInProcess } from "./helpers.ts";

// Each spawn compiles the TypeScript entry point; give a busy machine time.
vi.setConfig({ testTimeout: 120_000 });

let dir = "";
/** A file in the test's own folder. */
const file = (name: string) => join(dir, name);

/** y = 3x − 2 at x = 0..4, exactly. */
const xs = [0, 1, 2, 3, 4];
const ys = xs.map((x) => 3 * x - 2);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "descent-fit-"));
  writeFileSync(file("line.csv"), ["x,y", ...xs.map((x, i) => `${x},${ys[i]}`)].join("\n") + "\n");
  // Line 4 has a word for x, line 5 is blank (skipped silently), line 7 has one value.
  writeFileSync(file("gaps.csv"), "x,y\n0,-2\n1,1\nabc,4\n\n3,7\n4\n");
  writeFileSync(file("one-row.csv"), "x,y\n0,-2\nq,1\n");
  writeFileSync(file("empty.csv"), "");
  // One byte over the 1 MB limit.
  writeFileSync(file("large.csv"), "1,2\n".repeat(250_000) + "\n");
  mkdirSync(file("folder.csv"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Iterate {
  params: number[];
  loss: number;
  gradient: number[];
}

interface FitJson {
  model: string;
  loss: string;
  n: number;
  dropped: number;
  start: Iterate;
  final: Iterate;
  path: number[][];
  status: string;
  steps: number;
  leastSquares?: number[] | null;
  standardized?: { mean: number; std: number };
  batch?: { size: number; stepsPerEpoch: number };
}

async function fitJson(...args: string[]): Promise<FitJson> {
  const { status, stdout, stderr } = await descentInProcess("fit", ...args, "--json");
  expect(stderr).toBe("");
  expect(status).toBe(0);
  return JSON.parse(stdout) as FitJson;
}

/** MSE of the line (w, b) over the exact data, summed here. */
function lineMse(w: number, b: number): number {
  return xs.reduce((sum, x, i) => sum + (w * x + b - ys[i]!) ** 2, 0) / xs.length;
}

describe("descent fit on a CSV file of exact data y = 3x − 2", () => {
  it("--json: converges to (3, −2), the least-squares line, from the start (0, 0)", () => {
    const { status, stdout, stderr } = descent(
      "fit",
      "--data",
      file("line.csv"),
      "--model",
      "line",
      "--loss",
      "mse",
      "--lr",
      "0.1",
      "--steps",
      "5000",
      "--json",
    );
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const fit = JSON.parse(stdout) as FitJson;
    expect(fit.model).toBe("line");
    expect(fit.loss).toBe("mse");
    expect(fit.n).toBe(5);
    expect(fit.status).toBe("converged");
    // The closed form by hand: x̄ = 2, ȳ = 4, cov(x, y) = 6, var(x) = 2, so w = 3, b = 4 − 3·2.
    expect(fit.leastSquares![0]).toBeCloseTo(3, 12);
    expect(fit.leastSquares![1]).toBeCloseTo(-2, 12);
    expect(fit.final.params[0]).toBeCloseTo(3, 5);
    expect(fit.final.params[1]).toBeCloseTo(-2, 5);
    expect(fit.final.loss).toBeLessThan(1e-10);
    expect(Math.hypot(...fit.final.gradient)).toBeLessThanOrEqual(1e-6);
    expect(fit.path).toHaveLength(fit.steps + 1);
    expect(fit.path.at(-1)).toEqual([...fit.final.params, fit.final.loss]);
  });

  it("the path starts at the start with its loss and gradient summed by hand, then one step of gd", async () => {
    const fit = await fitJson("--data", file("line.csv"), "--lr", "0.1", "--steps", "3");
    // L(0, 0) = (4 + 1 + 16 + 49 + 100)/5 = 34; ∂L/∂w = −(2/5)·Σxy = −28, ∂L/∂b = −(2/5)·Σy = −8.
    expect(fit.path[0]).toEqual([0, 0, 34]);
    expect(fit.start).toEqual({ params: [0, 0], loss: 34, gradient: [-28, -8] });
    // (w, b) = (0, 0) − 0.1·(−28, −8) = (2.8, 0.8); residuals 2.8, 2.6, 2.4, 2.2, 2.0.
    expect(fit.path[1]![0]).toBeCloseTo(2.8, 14);
    expect(fit.path[1]![1]).toBeCloseTo(0.8, 14);
    expect(fit.path[1]![2]).toBeCloseTo((7.84 + 6.76 + 5.76 + 4.84 + 4) / 5, 13);
    expect(fit.path).toHaveLength(4);
    expect(fit.status).toBe("max-steps");
  });

  it("--steps 0 prints the start alone: final is the start, the path has one entry", async () => {
    const fit = await fitJson("--data", file("line.csv"), "--from", "1,-1", "--steps", "0");
    // Residuals of (1, −1): 1, −1, −3, −5, −7.
    const loss = (1 + 1 + 9 + 25 + 49) / 5;
    expect(lineMse(1, -1)).toBeCloseTo(loss, 14);
    expect(fit.path).toEqual([[1, -1, loss]]);
    expect(fit.final).toEqual(fit.start);
    expect(fit.start.params).toEqual([1, -1]);
    expect(fit.start.loss).toBeCloseTo(loss, 14);
    // ∂L/∂w = (2/5)·Σ rᵢ·xᵢ = (2/5)(0 − 1 − 6 − 15 − 28), ∂L/∂b = (2/5)·Σ rᵢ = (2/5)(−15).
    expect(fit.start.gradient[0]).toBeCloseTo(-20, 13);
    expect(fit.start.gradient[1]).toBeCloseTo(-6, 13);
    expect(fit.steps).toBe(0);
  });

  it("--loss mae: mean |r| and the sign subgradient by hand, and no least squares", async () => {
    const fit = await fitJson("--data", file("line.csv"), "--loss", "mae", "--steps", "0");
    // At (0, 0) rᵢ = −yᵢ = 2, −1, −4, −7, −10: L = 24/5; signs +, −, −, −, −.
    expect(fit.start.loss).toBeCloseTo(4.8, 14);
    expect(fit.start.gradient[0]).toBeCloseTo((0 - 1 - 2 - 3 - 4) / 5, 14);
    expect(fit.start.gradient[1]).toBeCloseTo((1 - 4) / 5, 14);
    expect(fit.loss).toBe("mae");
    expect(fit).not.toHaveProperty("leastSquares");
  });

  it("--batch: each step follows the gradient of its batch of the seeded shuffle, stepped by hand", async () => {
    const lr = 0.05;
    const seed = 4;
    const steps = 7;
    const fit = await fitJson(
      "--data",
      file("line.csv"),
      "--batch",
      "2",
      "--seed",
      String(seed),
      "--lr",
      String(lr),
      "--steps",
      String(steps),
      "--tol",
      "0",
    );
    // ⌈5/2⌉ = 3 batches an epoch: rows {0, 1}, {2, 3}, {4} of each epoch's shuffle.
    expect(fit.batch).toEqual({ size: 2, stepsPerEpoch: 3 });
    expect(fit.path).toHaveLength(steps + 1);
    let [w, b] = [0, 0];
    for (let k = 0; k < steps; k++) {
      expect(fit.path[k]![0]).toBeCloseTo(w, 12);
      expect(fit.path[k]![1]).toBeCloseTo(b, 12);
      // The loss shown is over all five rows, not the batch.
      expect(fit.path[k]![2]).toBeCloseTo(lineMse(w, b), 12);
      const order = epochOrder(5, seed, Math.floor(k / 3));
      const j = k % 3;
      const rows = Array.from(order.subarray(2 * j, Math.min(5, 2 * j + 2)));
      let gw = 0;
      let gb = 0;
      for (const i of rows) {
        const r = w * xs[i]! + b - ys[i]!;
        gw += (2 * r * xs[i]!) / rows.length;
        gb += (2 * r) / rows.length;
      }
      w -= lr * gw;
      b -= lr * gb;
    }
    expect(fit.final.params[0]).toBeCloseTo(w, 12);
    expect(fit.final.params[1]).toBeCloseTo(b, 12);
    // The final gradient is the full one over all five rows, whatever the batch.
    let fullW = 0;
    let fullB = 0;
    xs.forEach((x, i) => {
      const r = w * x + b - ys[i]!;
      fullW += (2 * r * x) / 5;
      fullB += (2 * r) / 5;
    });
    expect(fit.final.gradient[0]).toBeCloseTo(fullW, 12);
    expect(fit.final.gradient[1]).toBeCloseTo(fullB, 12);
  });

  it("--standardize: x′ = (x − 2)/√2, one step of lr 0.5 lands on the least-squares (3√2, 4)", async () => {
    // Population std of 0..4: √((4 + 1 + 0 + 1 + 4)/5) = √2. On x′ the MSE Hessian is 2·I, so
    // lr 0.5 is Newton's step: (w′, b′) = (3·√2, 3·2 − 2) at once.
    const fit = await fitJson("--data", file("line.csv"), "--standardize", "--lr", "0.5");
    expect(fit.standardized!.mean).toBeCloseTo(2, 14);
    expect(fit.standardized!.std).toBeCloseTo(Math.SQRT2, 14);
    expect(fit.leastSquares![0]).toBeCloseTo(3 * Math.SQRT2, 12);
    expect(fit.leastSquares![1]).toBeCloseTo(4, 12);
    expect(fit.path[1]![0]).toBeCloseTo(3 * Math.SQRT2, 12);
    expect(fit.path[1]![1]).toBeCloseTo(4, 12);
    expect(fit.status).toBe("converged");
    expect(fit.steps).toBe(1);

    const text = await descentInProcess("fit", "--data", file("line.csv"), "--standardize");
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(
      /^standardized: Inputs rescaled to mean 0 and standard deviation 1, x′ = \(x − 2\) \/ 1\.41421/m,
    );
  });

  it("prints a readable summary by default", () => {
    const { status, stdout } = descent("fit", "--data", file("line.csv"), "--lr", "0.1");
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^gd on MSE of w·x \+ b on the data in line\.csv \(5 points\) from \(0, 0\), lr 0\.1/,
    );
    expect(stdout).toMatch(/^rows: 5 used$/m);
    expect(stdout).toMatch(/^model: line, F\(x\) = w·x \+ b, parameters \(w, b\)$/m);
    expect(stdout).toMatch(/^loss: mean squared error \(MSE\)/m);
    expect(stdout).toMatch(/^start: \(w, b\) = \(0, 0\), loss = 34, gradient = \(-28, -8\)$/m);
    expect(stdout).toMatch(/^status: converged after \d+ steps$/m);
    expect(stdout).toMatch(/^least squares: \(w, b\) = \(3, -2\), final distance /m);
    const final = /^final: \(w, b\) = \(([-\d.e]+), ([-\d.e]+)\)/m.exec(stdout);
    expect(Number(final?.[1])).toBeCloseTo(3, 5);
    expect(Number(final?.[2])).toBeCloseTo(-2, 5);
  });
});

describe("descent fit with bad data files", () => {
  it("names each skipped line on stderr and fits the rows left", async () => {
    const { status, stdout, stderr } = await descentInProcess(
      "fit",
      "--data",
      file("gaps.csv"),
      "--steps",
      "0",
      "--json",
    );
    expect(status).toBe(0);
    expect(stderr.split("\n")).toEqual([
      'descent fit: skipped line 4: "abc" is not a number',
      'descent fit: skipped line 7: only one value ("4"); two columns, x and y, are needed',
    ]);
    const fit = JSON.parse(stdout) as FitJson;
    // Rows (0, −2), (1, 1), (3, 7): L(0, 0) = (4 + 1 + 49)/3.
    expect(fit.n).toBe(3);
    expect(fit.dropped).toBe(2);
    expect(fit.start.loss).toBeCloseTo(18, 14);
  });

  it.each([
    ["one-row.csv", /: the file has only 1 usable row; .*\(line 3: "q" is not a number\)$/],
    ["empty.csv", /: the file is empty$/],
    ["large.csv", /: the file has 1,000,001 bytes, over the limit of 1 MB \(1,000,000 bytes\)$/],
    ["folder.csv", /: not a file$/],
    ["missing.csv", /: no such file$/],
  ])("%s exits 2 with one line naming the path", async (name, message) => {
    const { status, stdout, stderr } = await descentInProcess("fit", "--data", file(name));
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr.startsWith(`descent fit: --data ${file(name)}: `)).toBe(true);
    expect(stderr).toMatch(message);
  });
});

describe("descent fit on the built-in data", () => {
  it("cars: 392 of the 406 rows used and the published least-squares line mpg ~ horsepower", () => {
    const { status, stdout } = descent("fit", "--data", "cars", "--steps", "0", "--json");
    expect(status).toBe(0);
    const fit = JSON.parse(stdout) as FitJson;
    expect(fit.n).toBe(392);
    expect(fit.dropped).toBe(14);
    // James, Witten, Hastie and Tibshirani, An Introduction to Statistical Learning, Table 3.9
    // (mpg on horsepower, Auto data): intercept 39.935861, slope −0.157845.
    expect(fit.leastSquares![0]).toBeCloseTo(-0.157845, 6);
    expect(fit.leastSquares![1]).toBeCloseTo(39.935861, 6);
  });

  it("cars in text: the rows used and dropped", async () => {
    const { status, stdout } = await descentInProcess("fit", "--data", "cars", "--steps", "0");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^rows: 392 used, 14 dropped$/m);
  });

  it("fence areas with the quadratic template: least squares (−1, 100) and the start's loss by hand", async () => {
    const fit = await fitJson(
      "--data",
      "fence",
      "--model",
      "quadratic",
      "--from",
      "-2,30",
      "--steps",
      "0",
    );
    expect(fit.leastSquares![0]).toBeCloseTo(-1, 9);
    expect(fit.leastSquares![1]).toBeCloseTo(100, 7);
    // F(l) − A(l) = (−2l² + 30l) − (100l − l²) = −l² − 70l, for l = 0..99.
    let loss = 0;
    for (let l = 0; l < 100; l++) loss += (l * l + 70 * l) ** 2 / 100;
    expect(fit.start.loss / loss).toBeCloseTo(1, 14);
    expect(fit.n).toBe(100);
  });

  it("tanh unit: from the default start off the saddle, gd at lr 0.5 reaches the shallow minimum", async () => {
    const fit = await fitJson("--data", "tanh", "--model", "tanh-unit", "--lr", "0.5");
    expect(fit.start.params).toEqual([1, 0.5]);
    expect(fit.status).toBe("converged");
    // The shallow minimum, from the profile min over w2 of L(w1, w2): (0.69563, 2.79894), 0.202800.
    expect(fit.final.params[0]).toBeCloseTo(0.69563, 4);
    expect(fit.final.params[1]).toBeCloseTo(2.79894, 4);
    expect(fit.final.loss).toBeCloseTo(0.2028, 5);
    expect(fit).not.toHaveProperty("leastSquares");
  });

  it("accepts the datasets' own keys as well as the short names", async () => {
    const short = await fitJson("--data", "parabola", "--steps", "0");
    const key = await fitJson("--data", "noisy-parabola", "--steps", "0");
    expect(key).toEqual(short);
    expect(short.n).toBe(50);
  });
});

describe("descent fit options", () => {
  it.each([
    [
      ["--model", "cubic"],
      /--model "cubic" is not a model \(choose one of: line, quadratic, tanh-unit\)/,
    ],
    [["--loss", "huber"], /--loss "huber" is not a loss \(choose one of: mse, mae\)/],
    [["--batch", "51"], /--batch must be a whole number from 1 to 50 \(the rows used\), got 51/],
    [["--batch", "0"], /--batch must be a whole number from 1 to 50/],
    [["--batch", "2.5"], /--batch must be a whole number from 1 to 50/],
    [["--batch", "5", "--optimizer", "newton"], /newton takes no mini-batches/],
    [["--batch", "5", "--gradient", "central"], /exact gradient over each batch/],
    [["--from", "1"], /--from takes 2 numbers/],
    [["--lr", "-1"], /--lr for gd must be a number from/],
    [["--f", "x^2"], /--f/],
  ])("bad options %j exit 2 with one clear line", async (args, message) => {
    const { status, stdout, stderr } = await descentInProcess("fit", "--data", "line", ...args);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^descent fit: /);
    expect(stderr).toMatch(message);
  });

  it("an unknown dataset lists the known ones, and --data is required", async () => {
    const unknown = await descentInProcess("fit", "--data", "lines");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(
      /--data "lines" is neither a dataset \(choose one of: line, parabola, fence, cars, tanh, noisy-line, noisy-parabola, tanh-two-minima\) nor a file/,
    );
    const none = await descentInProcess("fit");
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--data is required/);
  });

  it("--help names the data, models, losses and options, and the usage lists fit", async () => {
    const { status, stdout } = await descentInProcess("fit", "--help");
    expect(status).toBe(0);
    for (const word of [
      "--data",
      "--model",
      "--loss",
      "--from",
      "--standardize",
      "--batch",
      "--seed",
      "--optimizer",
      "--lr",
      "--steps",
      "--json",
      "tanh-two-minima",
      "tanh-unit",
      "quadratic",
      "mae",
    ]) {
      expect(stdout).toContain(word);
    }
    const usage = await descentInProcess("--help");
    expect(usage.stdout).toMatch(/^ {2}fit\s+fit a model to data/m);
  });
});
