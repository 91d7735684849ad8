import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runOptimizer } from "../../src/core/run.ts";
import { parseSurface } from "../../src/core/surface.ts";
import { computeRun } from "../../src/core/scenario/runs.ts";
import type { ScenarioDocument } from "../../src/core/scenario/document.ts";
import { printScenario } from "../../src/cli/scenarioOutput.ts";
import { descent, descentInProcess } from "./helpers.ts";

// One test spawns the real command, which compiles the TypeScript entry point; give a busy machine time.
vi.setConfig({ testTimeout: 120_000 });

const directory = mkdtempSync(join(tmpdir(), "descent-scenario-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let fileCount = 0;
/** Writes `content` (a value as JSON, or raw text) to a fresh file and returns its path. */
function scenarioFile(content: unknown, raw = false): string {
  const path = join(directory, `scenario-${++fileCount}.json`);
  writeFileSync(path, raw ? String(content) : JSON.stringify(content, null, 2));
  return path;
}

const box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };

/** A run as a file holds it, every field written out. */
function run(fields: Record<string, unknown>) {
  return {
    label: "Run",
    color: "#0072B2",
    start: [0, 0],
    optimizer: "gd",
    params: { lr: 0.01 },
    gradient: "analytic",
    seed: 1,
    maxSteps: 200,
    ...fields,
  };
}

function document(f: string, runs: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return {
    version: 1,
    f,
    box,
    runs,
    playback: { step: 0, speed: 20 },
    view: { showQuiver: true, logLoss: false, addMode: false },
    selectedRun: runs.length > 0 ? 0 : null,
    camera: null,
    ...extra,
  };
}

// f = x² + 10y², ∇f = (2x, 20y). With lr 0.09 a gd step multiplies x by 1 - 0.18 = 0.82 and
// y by 1 - 1.8 = -0.8, so x_k = -2.5·0.82^k, y_k = 1.5·(-0.8)^k. With lr 0.05 from (1, -1):
// x by 0.9 and y by 1 - 1 = 0, so x_k = 0.9^k and y_k = 0 from the first step on.
const bowl = document("x^2 + 10*y^2", [
  run({ label: "zigzag", start: [-2.5, 1.5], params: { lr: 0.09 }, maxSteps: 30 }),
  run({ label: "slow, then flat", start: [1, -1], params: { lr: 0.05 }, color: "#D55E00" }),
  run({
    label: "search",
    start: [2, 2],
    optimizer: "random-search",
    params: {},
    seed: 42,
    maxSteps: 25,
    color: "#009E73",
  }),
]);
const bowlFile = scenarioFile(bowl);

interface JsonRun {
  label: string;
  status: string;
  steps: number;
  path: number[][];
  final: { point: number[]; value: number; gradientNorm: number };
  classification: string | null;
  error: string | null;
}

async function scenarioJson(...args: string[]): Promise<JsonRun[]> {
  const { status, stdout, stderr } = await descentInProcess("run", "--scenario", ...args, "--json");
  expect(stderr).toBe("");
  expect(status).toBe(0);
  return (JSON.parse(stdout) as { runs: JsonRun[] }).runs;
}

describe("descent run --scenario <file>", () => {
  it("--json: every run with its label, checked against the closed forms", async () => {
    const [zigzag, slow, search] = await scenarioJson(bowlFile);
    expect([zigzag?.label, slow?.label, search?.label]).toEqual([
      "zigzag",
      "slow, then flat",
      "search",
    ]);

    expect(zigzag!.status).toBe("max-steps");
    expect(zigzag!.steps).toBe(30);
    expect(zigzag!.path).toHaveLength(31);
    zigzag!.path.forEach(([x, y, f], k) => {
      const xk = -2.5 * 0.82 ** k;
      const yk = 1.5 * (-0.8) ** k;
      expect(x).toBeCloseTo(xk, 12);
      expect(y).toBeCloseTo(yk, 12);
      expect(f).toBeCloseTo(xk * xk + 10 * yk * yk, 12);
    });
    expect(zigzag!.classification).toBeNull();
    expect(zigzag!.error).toBeNull();

    // |∇f| = 2·0.9^k ≤ 1e-6 first at k = 138: 0.9^137 ≈ 5.39e-7 > 5e-7 ≥ 0.9^138 ≈ 4.85e-7.
    expect(slow!.status).toBe("converged");
    expect(slow!.steps).toBe(138);
    expect(slow!.path[0]).toEqual([1, -1, 11]);
    expect(slow!.path[1]![0]).toBeCloseTo(0.9, 15);
    expect(slow!.path[1]![1]).toBe(0);
    expect(slow!.final.point[0]).toBeCloseTo(0.9 ** 138, 15);
    expect(slow!.classification).toBe("minimum");
  });

  it("a random-search run follows its own seed: the same path twice, and runOptimizer's", async () => {
    const first = (await scenarioJson(bowlFile))[2]!;
    const second = (await scenarioJson(bowlFile))[2]!;
    expect(second.path).toEqual(first.path);
    const reference = runOptimizer(parseSurface("x^2 + 10*y^2"), {
      start: [2, 2],
      optimizer: "random-search",
      seed: 42,
      maxSteps: 25,
      box,
    });
    expect(first.steps).toBe(reference.steps);
    first.path.forEach(([x, y, f], k) => {
      expect(x).toBe(reference.xs[k]);
      expect(y).toBe(reference.ys[k]);
      expect(f).toBe(reference.values[k]);
      // Random search samples the document's box.
      expect(x).toBeGreaterThanOrEqual(box.xmin);
      expect(x).toBeLessThanOrEqual(box.xmax);
    });
    // Another seed, another path.
    const reseeded = scenarioFile({
      ...bowl,
      runs: [{ ...bowl.runs[2], seed: 43 }],
    });
    expect((await scenarioJson(reseeded))[0]!.path).not.toEqual(first.path);
  });

  it("a one-variable document: path entries are [x, f], starts keep only x", async () => {
    // A'(x) = 100 - 2x; ascent with lr 0.1: x_{k+1} = x_k + 0.1(100 - 2x_k) = 0.8 x_k + 10,
    // so x_k = 50 + 7·0.8^k from 57.
    const fence = scenarioFile(
      document("100*x - x^2", [
        run({ start: [57, 2], optimizer: "ascent", params: { lr: 0.1 }, maxSteps: 10 }),
      ]),
    );
    const [ascent] = await scenarioJson(fence);
    expect(ascent!.path[0]).toEqual([57, 2451]);
    ascent!.path.forEach(([x, f], k) => {
      const xk = 50 + 7 * 0.8 ** k;
      expect(x).toBeCloseTo(xk, 11);
      expect(f).toBeCloseTo(100 * xk - xk * xk, 9);
    });
  });

  it("prints each run as run does, under a heading naming its label", async () => {
    const { status, stdout } = await descentInProcess("run", "--scenario", bowlFile);
    expect(status).toBe(0);
    const headings = stdout.split("\n").filter((line) => line.startsWith("=== "));
    expect(headings).toEqual(["=== zigzag ===", "=== slow, then flat ===", "=== search ==="]);
    const blocks = stdout.split(/\n\n(?==== )/);
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toMatch(/gd on .* from \(-2\.5, 1\.5\), lr 0\.09, analytic gradient/);
    expect(blocks[0]).toMatch(/status: max-steps after 30 steps/);
    expect(blocks[1]).toMatch(/status: converged after 138 steps/);
    expect(blocks[1]).toMatch(/classification: minimum \(Hessian eigenvalues 2, 20\)/);
    expect(blocks[2]).toMatch(/random-search on .* from \(2, 2\), analytic gradient/);
  });

  it("--csv: one header, a run column holding the label (quoted when it has a comma)", async () => {
    const { status, stdout } = await descentInProcess("run", "--scenario", bowlFile, "--csv");
    expect(status).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe("run,step,x,y,f,grad_x,grad_y");
    // 31 + 139 + 26 iterates.
    expect(lines).toHaveLength(1 + 31 + 139 + 26);
    // f(-2.5, 1.5) = 6.25 + 22.5, ∇f = (-5, 30).
    expect(lines[1]).toBe("zigzag,0,-2.5,1.5,28.75,-5,30");
    expect(lines[32]).toBe('"slow, then flat",0,1,-1,11,2,-20');
    expect(lines.filter((line) => line.startsWith("search,"))).toHaveLength(26);
  });

  it("the real command reads the file too", () => {
    const { status, stdout } = descent("run", "--scenario", bowlFile, "--json");
    expect(status).toBe(0);
    expect(JSON.parse(stdout).runs).toHaveLength(3);
  });

  it("a document with no runs prints an empty list", async () => {
    const empty = scenarioFile(document("x^2", []));
    expect(await scenarioJson(empty)).toEqual([]);
  });
});

describe("descent run --scenario: bad input exits 2 naming the place", () => {
  const bad = (value: unknown, raw = false) => scenarioFile(value, raw);
  const withRun = (fields: Record<string, unknown>) =>
    document("x^2 + y^2", [run({ start: [1, 1], ...fields })]);

  it.each([
    ["not JSON", () => bad("{ version: 1, ", true), /: is not JSON \(/],
    [
      "another version",
      () => bad({ ...withRun({}), version: 2 }),
      /: version: this is a version 2 document/,
    ],
    [
      "a parameter out of range",
      () => bad(withRun({ params: { lr: -1 } })),
      /: runs\[0\]\.params: gd: lr must be a number from 1e-8 to 1000, got -1$/,
    ],
    [
      "a parameter of another rule",
      () => bad(withRun({ params: { lr: 0.1, momentum: 0.9 } })),
      /: runs\[0\]\.params: gd has no parameter "momentum"/,
    ],
    ["an unknown optimizer", () => bad(withRun({ optimizer: "sgd" })), /: runs\[0\]\.optimizer: /],
    ["a missing field", () => bad({ ...withRun({}), box: undefined }), /: box: /],
    ["a negative seed", () => bad(withRun({ seed: -1 })), /: runs\[0\]\.seed: /],
    [
      "a box upside down",
      () => bad({ ...withRun({}), box: { ...box, xmax: -4 } }),
      /: box\.xmax: xmin must be less than xmax/,
    ],
  ])("%s", async (_name, makeFile, message) => {
    const path = makeFile();
    const { status, stdout, stderr } = await descentInProcess("run", "--scenario", path);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr.startsWith(`descent run: --scenario ${path}: `)).toBe(true);
    expect(stderr).toMatch(message);
  });

  it("a function that does not parse points at it, like --f does", async () => {
    const path = scenarioFile(document("x^2 + sni(y)", [run({ start: [1, 1] })]));
    const { status, stderr } = await descentInProcess("run", "--scenario", path);
    expect(status).toBe(2);
    const [first, expression, caret] = stderr.split("\n");
    expect(first).toMatch(
      new RegExp(`^descent run: --scenario ${path}: f: unknown function "sni"`),
    );
    expect(expression).toBe("  x^2 + sni(y)");
    expect(caret).toBe("        ^^^");
  });

  it.each([
    [join(directory, "missing.json"), /: no such file$/],
    [directory, /: is a directory, not a file$/],
    ["lesson", /: no such file$/],
  ])("%s is refused", async (argument, message) => {
    const { status, stderr } = await descentInProcess("run", "--scenario", argument);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("a file larger than any document is not read", async () => {
    const path = scenarioFile(" ".repeat(1_000_001), true);
    const { status, stderr } = await descentInProcess("run", "--scenario", path);
    expect(status).toBe(2);
    expect(stderr).toMatch(/: is 1000001 bytes; a scenario document is at most 1000000$/);
  });

  it.each([
    [["--f", "x^2"], "--f"],
    [["--from", "1"], "--from"],
    [["--lr", "0.1"], "--lr"],
    [["--optimizer", "adam", "--steps", "5"], "--optimizer, --steps"],
  ])("--scenario with %j is refused", async (args, named) => {
    const { status, stdout, stderr } = await descentInProcess(
      "run",
      "--scenario",
      bowlFile,
      ...args,
    );
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `descent run: --scenario takes every setting from the document, so it cannot be combined with ${named}`,
    );
  });

  it("labels with control characters print as spaces", async () => {
    const path = scenarioFile(document("x^2", [run({ start: [1], label: "a\u001b[2Jb" })]));
    const { stdout } = await descentInProcess("run", "--scenario", path);
    expect(stdout.split("\n")[0]).toBe("=== a [2Jb ===");
  });
});

describe("a run that could not be computed", () => {
  // No checked document makes computeRun fail today; the printer is checked with an outcome
  // that carries an error, as computeRun returns one.
  const doc = bowl as unknown as ScenarioDocument;
  const surface = parseSurface(doc.f);
  const outcomes = doc.runs.map((r) => computeRun(surface, doc.box, r));
  outcomes[1] = { ...outcomes[1]!, error: "lr must be a number from 1e-8 to 1000" };

  function print(format: "text" | "json" | "csv") {
    let out = "";
    let err = "";
    const status = printScenario(doc, surface, outcomes, format, {
      out: (text) => (out += text),
      err: (text) => (err += text),
    });
    return { status, out, err };
  }

  it("--json gives it status error and its message, and exits 1", () => {
    const { status, out } = print("json");
    expect(status).toBe(1);
    const runs = JSON.parse(out).runs;
    expect(runs[1].status).toBe("error");
    expect(runs[1].error).toBe("lr must be a number from 1e-8 to 1000");
    expect(runs[1].classification).toBeNull();
    expect(runs[0].error).toBeNull();
    expect(runs[0].status).toBe("max-steps");
  });

  it("text shows the message under its heading instead of a table", () => {
    const { status, out } = print("text");
    expect(status).toBe(1);
    const block = out.split(/\n\n(?==== )/)[1]!;
    expect(block.split("\n")[0]).toBe("=== slow, then flat ===");
    expect(block).toContain("error: lr must be a number from 1e-8 to 1000");
    expect(block).not.toContain("status:");
  });

  it("--csv leaves its rows out and says why on stderr", () => {
    const { status, out, err } = print("csv");
    expect(status).toBe(1);
    expect(out).not.toContain("slow, then flat");
    expect(err).toBe("descent run: slow, then flat: lr must be a number from 1e-8 to 1000");
  });
});

describe("descent run --scenario <lesson link>", () => {
  it("opens a lesson step's picture, as the page does", async () => {
    const [onAxis, nudged] = await scenarioJson("?lesson=saddles&step=2");
    // The saddle lesson's second step: on the axis (stuck at the saddle), and 0.01 off it,
    // which ends at the minimum (0, √2) with f = −1.
    expect(onAxis!.path[0]!.slice(0, 2)).toEqual([2.5, 0]);
    expect(nudged!.path[0]!.slice(0, 2)).toEqual([2.5, 0.01]);
    expect(onAxis!.classification).toBe("saddle");
    expect(nudged!.final.point[1]).toBeCloseTo(Math.SQRT2, 5);
    expect(nudged!.final.value).toBeCloseTo(-1, 9);
  });
});

describe("descent run --scenario with a data scenario", () => {
  it("runs a file's own points on their loss: y = 2x + 1 fitted from (0, 0) by hand", async () => {
    // Points (0, 1), (1, 3), (2, 5): at (w, b) = (0, 0) the residuals are −1, −3, −5, so the
    // MSE gradient is (2/3)·Σ r·(x, 1) = (2/3)·(−13, −9), and gd at lr 0.1 moves to
    // (0.1·26/3, 0.1·6) = (0.8667, 0.6).
    const file = scenarioFile(
      document("x^2", [run({ start: [0, 0], params: { lr: 0.1 }, maxSteps: 400 })], {
        data: {
          source: "csv",
          model: "line",
          loss: "mse",
          points: { label: "three", xLabel: "x", yLabel: "y", xs: [0, 1, 2], ys: [1, 3, 5] },
        },
      }),
    );
    const [fit] = await scenarioJson(file);
    expect(fit!.path[0]![2]).toBeCloseTo((1 + 9 + 25) / 3, 12);
    expect(fit!.path[1]![0]).toBeCloseTo(2.6 / 3, 12);
    expect(fit!.path[1]![1]).toBeCloseTo(0.6, 12);
    expect(fit!.status).toBe("converged");
    expect(fit!.final.point[0]).toBeCloseTo(2, 5);
    expect(fit!.final.point[1]).toBeCloseTo(1, 5);
  });

  it("lays a hand-written link's data scenario out as the page does, the cars included", async () => {
    const [line] = await scenarioJson("?data=line");
    // The noisy line's least-squares fit is w ≈ 1.9918, b ≈ 1.0919 (see the data tests).
    expect(line!.status).toBe("converged");
    expect(line!.final.point[0]).toBeCloseTo(1.9918, 3);
    expect(line!.final.point[1]).toBeCloseTo(1.0919, 3);
    const [cars] = await scenarioJson("?data=cars&standardize=1");
    // Standardized, b of the fit is the mean mpg of the 392 cars, 23.4459.
    expect(cars!.final.point[1]).toBeCloseTo(23.4459, 3);
  });
});
