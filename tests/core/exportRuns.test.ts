import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { exactNumber, runsToCsv, runsToJson, type ExportedRun } from "../../src/core/exportRuns.ts";
import { runOptimizer } from "../../src/core/run.ts";
import { parseSurface } from "../../src/core/surface.ts";
import type { RunSpec } from "../../src/core/types.ts";

function exported(text: string, label: string, spec: RunSpec): ExportedRun {
  const result = runOptimizer(parseSurface(text), spec);
  return { label, optimizer: spec.optimizer, params: spec.params ?? {}, result };
}

/** The CSV read by a CSV parser: header and rows of text cells. */
function parsed(csv: string): { header: string[]; rows: Record<string, string>[] } {
  const { data, errors, meta } = Papa.parse<Record<string, string>>(csv, {
    header: true,
    skipEmptyLines: true,
  });
  expect(errors).toEqual([]);
  return { header: meta.fields ?? [], rows: data };
}

const BOWL = "x^2 + 2*y^2";

describe("runs as CSV", () => {
  it("gradient descent on x² + 2y²: the first steps as worked by hand", () => {
    // ∇f = (2x, 4y). From (1, 1) with lr 0.1: step −0.1·(2, 4) = (−0.2, −0.4) to (0.8, 0.6),
    // where f = 0.64 + 0.72 = 1.36 and ∇f = (1.6, 2.4); the next step is (−0.16, −0.24).
    const run = exported(BOWL, "Run 1", { start: [1, 1], optimizer: "gd", params: { lr: 0.1 } });
    const { header, rows } = parsed(runsToCsv({ f: BOWL, dimension: 2, runs: [run] }));
    expect(header.slice(0, 10)).toEqual([
      "run",
      "step",
      "x",
      "y",
      "f",
      "grad_x",
      "grad_y",
      "step_x",
      "step_y",
      "lr",
    ]);
    const [first, second] = rows;
    expect(first!.run).toBe("Run 1");
    expect(first!.step).toBe("0");
    expect([first!.x, first!.y, first!.f, first!.grad_x, first!.grad_y]).toEqual([
      "1",
      "1",
      "3",
      "2",
      "4",
    ]);
    expect(Number(first!.step_x)).toBeCloseTo(-0.2, 15);
    expect(Number(first!.step_y)).toBeCloseTo(-0.4, 15);
    expect(first!.lr).toBe("0.1");
    expect(Number(second!.x)).toBeCloseTo(0.8, 15);
    expect(Number(second!.y)).toBeCloseTo(0.6, 15);
    expect(Number(second!.f)).toBeCloseTo(1.36, 14);
    expect(Number(second!.grad_x)).toBeCloseTo(1.6, 14);
    expect(Number(second!.grad_y)).toBeCloseTo(2.4, 14);
    expect(Number(second!.step_x)).toBeCloseTo(-0.16, 14);
    expect(Number(second!.step_y)).toBeCloseTo(-0.24, 14);
    // One row per iterate; the last took no step.
    expect(rows).toHaveLength(run.result.steps + 1);
    const last = rows.at(-1)!;
    expect([last.step_x, last.step_y, last.lr]).toEqual(["", "", ""]);
  });

  it("every number reads back as exactly the run's double", () => {
    const run = exported("sin(x)*cos(y) + 0.1*(x^2 + y^2)", "Run 1", {
      start: [1.3, -0.7],
      optimizer: "adam",
      params: { lr: 0.05 },
    });
    const { rows } = parsed(runsToCsv({ f: "…", dimension: 2, runs: [run] }));
    const { result } = run;
    expect(result.steps).toBeGreaterThan(50);
    rows.forEach((row, k) => {
      expect(Object.is(Number(row.x), result.xs[k])).toBe(true);
      expect(Object.is(Number(row.y), result.ys[k])).toBe(true);
      expect(Object.is(Number(row.f), result.values[k])).toBe(true);
      expect(Object.is(Number(row.grad_x), result.gradX[k])).toBe(true);
      expect(Object.is(Number(row.grad_y), result.gradY[k])).toBe(true);
      if (k < result.steps) {
        expect(Object.is(Number(row.step_x), result.xs[k + 1]! - result.xs[k]!)).toBe(true);
      }
    });
    expect(exactNumber(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(exactNumber(-0)).toBe("-0");
    expect(Object.is(Number(exactNumber(-0)), -0)).toBe(true);
  });

  it("names the optimizer's state: momentum's velocity, Adam's m and v, Newton's Hessian", () => {
    const momentum = exported(BOWL, "momentum", {
      start: [1, 1],
      optimizer: "momentum",
      params: { lr: 0.1, momentum: 0.9 },
    });
    const adam = exported(BOWL, "adam", { start: [1, 1], optimizer: "adam", params: { lr: 0.1 } });
    const newton = exported(BOWL, "newton", { start: [1, 1], optimizer: "newton", params: {} });
    const { header, rows } = parsed(
      runsToCsv({ f: BOWL, dimension: 2, runs: [momentum, adam, newton] }),
    );
    expect(header).toEqual(
      expect.arrayContaining([
        "velocity_x",
        "velocity_y",
        "m_x",
        "m_y",
        "v_x",
        "v_y",
        "hessian_xx",
        "hessian_xy",
        "hessian_yx",
        "hessian_yy",
      ]),
    );
    const of = (label: string, step: number) =>
      rows.find((row) => row.run === label && row.step === String(step))!;
    // PyTorch's SGD momentum: b₀ = g₀ = (2, 4); x₁ = (0.8, 0.6), g₁ = (1.6, 2.4),
    // b₁ = 0.9·b₀ + g₁ = (3.4, 6).
    expect(Number(of("momentum", 0).velocity_x)).toBeCloseTo(2, 15);
    expect(Number(of("momentum", 0).velocity_y)).toBeCloseTo(4, 15);
    expect(Number(of("momentum", 1).velocity_x)).toBeCloseTo(3.4, 14);
    expect(Number(of("momentum", 1).velocity_y)).toBeCloseTo(6, 14);
    // Cells of another optimizer's entries stay empty.
    expect(of("momentum", 0).m_x).toBe("");
    // Adam at step 0: m = (1 − β₁)·g = (0.2, 0.4), v = (1 − β₂)·g² = (0.004, 0.016).
    expect(Number(of("adam", 0).m_x)).toBeCloseTo(0.2, 15);
    expect(Number(of("adam", 0).m_y)).toBeCloseTo(0.4, 15);
    expect(Number(of("adam", 0).v_x)).toBeCloseTo(0.004, 15);
    expect(Number(of("adam", 0).v_y)).toBeCloseTo(0.016, 15);
    // Newton: the Hessian of x² + 2y² is [[2, 0], [0, 4]]; one full step lands on (0, 0).
    const n0 = of("newton", 0);
    expect([n0.hessian_xx, n0.hessian_xy, n0.hessian_yx, n0.hessian_yy].map(Number)).toEqual([
      2, 0, 0, 4,
    ]);
    expect(Number(of("newton", 1).x)).toBeCloseTo(0, 15);
  });

  it("in one variable there is no y, grad_y or step_y", () => {
    // The fence: A(l) = 100 l − l², ascent is descent on −A; A′(57) = −14 at the tangent.
    const text = "-(100*x - x^2)";
    const run = exported(text, "Run 1", { start: [57], optimizer: "gd", params: { lr: 0.1 } });
    const { header, rows } = parsed(runsToCsv({ f: text, dimension: 1, runs: [run] }));
    expect(header.slice(0, 7)).toEqual(["run", "step", "x", "f", "grad_x", "step_x", "lr"]);
    expect(header).not.toContain("y");
    expect(rows[0]!.grad_x).toBe("14");
    expect(Number(rows[0]!.step_x)).toBeCloseTo(-1.4, 14);
  });

  it("quotes a label with a comma, and writes a diverged run's numbers by name", () => {
    const run = exported(BOWL, "lr = 0.6, past the edge", {
      start: [1, 1],
      optimizer: "gd",
      params: { lr: 0.6 },
      maxSteps: 5000,
    });
    expect(run.result.status).toBe("diverged");
    const csv = runsToCsv({ f: BOWL, dimension: 2, runs: [run] });
    expect(csv.split("\n")[1]!.startsWith('"lr = 0.6, past the edge",0,')).toBe(true);
    const { rows } = parsed(csv);
    expect(rows[0]!.run).toBe("lr = 0.6, past the edge");
    const cells = rows.flatMap((row) => [row.f, row.x, row.y]);
    expect(
      cells.every((cell) => (cell !== "" && !Number.isNaN(Number(cell))) || cell === "NaN"),
    ).toBe(true);
    const json = JSON.parse(runsToJson({ f: BOWL, dimension: 2, runs: [run] }));
    const values = json.runs[0].iterates.map((it: { f: number | string }) => it.f);
    expect(
      values.every(
        (v: unknown) => typeof v === "number" || ["Infinity", "NaN"].includes(v as string),
      ),
    ).toBe(true);
  });

  it("never hands a spreadsheet a formula in a label", () => {
    const run = exported(BOWL, '=HYPERLINK("http://example.com")', {
      start: [1, 1],
      optimizer: "gd",
      params: { lr: 0.1 },
      maxSteps: 2,
    });
    const { rows } = parsed(runsToCsv({ f: BOWL, dimension: 2, runs: [run] }));
    expect(rows[0]!.run).toBe(`'=HYPERLINK("http://example.com")`);
    // Numbers keep their sign: only text is guarded.
    expect(rows[1]!.step_x!.startsWith("-")).toBe(true);
  });
});

describe("runs as JSON", () => {
  it("holds each iterate's point, value, gradient, step, rate and state, exactly", () => {
    const run = exported(BOWL, "Run 1", {
      start: [1, 1],
      optimizer: "momentum",
      params: { lr: 0.1, momentum: 0.9 },
    });
    const document = JSON.parse(runsToJson({ f: BOWL, dimension: 2, runs: [run] }));
    expect(document.f).toBe(BOWL);
    expect(document.dimension).toBe(2);
    const [only] = document.runs;
    expect(only.optimizer).toBe("momentum");
    expect(only.params).toEqual({ lr: 0.1, momentum: 0.9 });
    expect(only.status).toBe(run.result.status);
    expect(only.iterates).toHaveLength(run.result.steps + 1);
    const [first, second] = only.iterates;
    expect(first).toEqual({
      step: 0,
      point: [1, 1],
      f: 3,
      gradient: [2, 4],
      step_taken: [run.result.xs[1]! - 1, run.result.ys[1]! - 1],
      lr: 0.1,
      state: { velocity: [2, 4] },
    });
    expect(second.state.velocity[0]).toBeCloseTo(3.4, 14);
    only.iterates.forEach((it: { point: number[] }, k: number) => {
      expect(it.point[0]).toBe(run.result.xs[k]);
      expect(it.point[1]).toBe(run.result.ys[k]);
    });
    const last = only.iterates.at(-1);
    expect([last.step_taken, last.lr, last.state]).toEqual([null, null, null]);
  });
});
