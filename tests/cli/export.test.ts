import { describe, expect, it, vi } from "vitest";
import Papa from "papaparse";
import { descent, descentInProcess } from "./helpers.ts";

// Each spawn compiles the TypeScript entry point; give a busy machine time.
vi.setConfig({ testTimeout: 120_000 });

/** x² + 2y² from (1, 1), momentum with lr 0.1 and μ 0.9, as a hand-written link. */
const LINK = "?f=x%5E2%2B2*y%5E2&start=1,1&optimizer=momentum&lr=0.1";

describe("descent export", () => {
  it("--csv: one row per iterate, the steps and the velocity worked by hand", () => {
    const { status, stdout, stderr } = descent("export", "--scenario", LINK, "--csv");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const { data, errors, meta } = Papa.parse<Record<string, string>>(stdout, {
      header: true,
      skipEmptyLines: true,
    });
    expect(errors).toEqual([]);
    expect(meta.fields).toEqual([
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
      "velocity_x",
      "velocity_y",
    ]);
    // ∇f = (2x, 4y). b₀ = g₀ = (2, 4), x₁ = (1, 1) − 0.1·b₀ = (0.8, 0.6);
    // g₁ = (1.6, 2.4), b₁ = 0.9·b₀ + g₁ = (3.4, 6), x₂ = x₁ − 0.1·b₁ = (0.46, 0).
    const [r0, r1, r2] = data;
    expect([r0!.run, r0!.step, r0!.x, r0!.y, r0!.f, r0!.grad_x, r0!.grad_y]).toEqual([
      "Run 1",
      "0",
      "1",
      "1",
      "3",
      "2",
      "4",
    ]);
    expect([r0!.velocity_x, r0!.velocity_y]).toEqual(["2", "4"]);
    expect(Number(r1!.x)).toBeCloseTo(0.8, 15);
    expect(Number(r1!.y)).toBeCloseTo(0.6, 15);
    expect(Number(r1!.velocity_x)).toBeCloseTo(3.4, 14);
    expect(Number(r1!.velocity_y)).toBeCloseTo(6, 14);
    expect(Number(r1!.step_x)).toBeCloseTo(-0.34, 14);
    expect(Number(r2!.x)).toBeCloseTo(0.46, 14);
    expect(Number(r2!.y)).toBeCloseTo(0, 14);
    // The path the same as `descent run` prints for the same link, to the last digit.
    const run = JSON.parse(descent("run", "--scenario", LINK, "--json").stdout);
    const path = run.runs[0].path as number[][];
    expect(data).toHaveLength(path.length);
    data.forEach((row, k) => {
      expect([Number(row.x), Number(row.y), Number(row.f)]).toEqual(path[k]);
    });
  });

  it("--json: every iterate with its step, rate and state", async () => {
    const { status, stdout } = await descentInProcess(
      "export",
      "--scenario",
      "?f=x%5E2&start=57&optimizer=gd&lr=0.1",
      "--json",
    );
    expect(status).toBe(0);
    const document = JSON.parse(stdout);
    expect(document.dimension).toBe(1);
    const [run] = document.runs;
    expect(run.optimizer).toBe("gd");
    // f = x², f′(57) = 114: the first step is −11.4 to 45.6.
    expect(run.iterates[0]).toEqual({
      step: 0,
      point: [57],
      f: 3249,
      gradient: [114],
      step_taken: [run.iterates[1].point[0] - 57],
      lr: 0.1,
      state: {},
    });
    expect(run.iterates[1].point[0]).toBeCloseTo(45.6, 13);
    expect(run.iterates).toHaveLength(run.steps + 1);
  });

  it("refuses a missing scenario, both formats or neither, with status 2", async () => {
    const missing = await descentInProcess("export", "--csv");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("--scenario <file.json | link> is required");
    const both = await descentInProcess("export", "--scenario", LINK, "--csv", "--json");
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("choose one of --csv and --json");
    const neither = await descentInProcess("export", "--scenario", LINK);
    expect(neither.status).toBe(2);
    const bad = await descentInProcess("export", "--scenario", "?f=x%5E&start=1", "--csv");
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
  });

  it("is listed in the usage, and its help names both formats", async () => {
    const usage = await descentInProcess("--help");
    expect(usage.stdout).toMatch(/export\s+every run of a scenario/);
    const help = await descentInProcess("export", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("descent export --scenario <file.json | link> (--csv | --json)");
  });
});
