import { describe, expect, it, vi } from "vitest";
import { descent, descentInProcess } from "./helpers.ts";

// Each spawn compiles the TypeScript entry point; give a busy machine time.
vi.setConfig({ testTimeout: 120_000 });

const himmelblau = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";

describe("descent grad", () => {
  it("--json at Himmelblau's minimum (3, 2): hand-computed value, gradient and Hessian", () => {
    const { status, stdout, stderr } = descent("grad", "--f", himmelblau, "--at", "3,2", "--json");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? "");
    expect(result.value).toBe(0);
    expect(result.gradient).toEqual([0, 0]);
    // f_xx = 12x^2 + 4y - 42, f_xy = 4x + 4y, f_yy = 4x + 12y^2 - 26
    expect(result.hessian).toEqual([
      [74, 20],
      [20, 34],
    ]);
    // eigenvalues of [[74, 20], [20, 34]]: 54 ± sqrt(400 + 400) = 54 ± 20√2
    expect(result.eigenvalues[0]).toBeCloseTo(54 - 20 * Math.SQRT2, 10);
    expect(result.eigenvalues[1]).toBeCloseTo(54 + 20 * Math.SQRT2, 10);
    expect(result.classification).toBe("minimum");
    expect(Object.keys(result.finiteDifference).sort()).toEqual(["backward", "central", "forward"]);
    for (const kind of ["forward", "backward", "central"]) {
      const entry = result.finiteDifference[kind];
      expect(entry.gradient).toHaveLength(2);
      expect(typeof entry.relativeError).toBe("number");
      expect(Math.hypot(...entry.gradient)).toBeLessThan(1e-5);
    }
  });

  it("--json away from a critical point: gradient (-46, -38) at (1, 1) and small FD errors", () => {
    const { status, stdout } = descent("grad", "--f", himmelblau, "--at", "1,1", "--json");
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    // f(1,1) = (1 + 1 - 11)^2 + (1 + 1 - 7)^2 = 81 + 25
    expect(result.value).toBe(106);
    // 4x(x^2+y-11) + 2(x+y^2-7) = -36 - 10; 2(x^2+y-11) + 4y(x+y^2-7) = -18 - 20
    expect(result.gradient).toEqual([-46, -38]);
    expect(result.hessian).toEqual([
      [-26, 8],
      [8, -10],
    ]);
    expect(result.critical).toBe(false);
    expect(result.finiteDifference.central.relativeError).toBeLessThan(1e-8);
    expect(result.finiteDifference.forward.relativeError).toBeLessThan(1e-5);
  });

  it("--h: the difference quotients of x^3 at 1 are 3 + 3h + h², 3 - 3h + h², 3 + h²", () => {
    const { status, stdout } = descent("grad", "--f", "x^3", "--at", "1", "--h", "0.001", "--json");
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.gradient).toEqual([3]);
    expect(result.hessian).toEqual([[6]]);
    expect(result.eigenvalues).toEqual([6]);
    const h = 0.001;
    expect(result.finiteDifference.forward.gradient[0]).toBeCloseTo(3 + 3 * h + h * h, 9);
    expect(result.finiteDifference.backward.gradient[0]).toBeCloseTo(3 - 3 * h + h * h, 9);
    expect(result.finiteDifference.central.gradient[0]).toBeCloseTo(3 + h * h, 9);
    expect(result.finiteDifference.central.relativeError).toBeCloseTo((h * h) / (3 + h * h), 9);
  });

  it("text output names every part", () => {
    const { status, stdout } = descent("grad", "--f", "x^2 - y^2", "--at", "0,0");
    expect(status).toBe(0);
    for (const word of ["value", "gradient", "forward", "backward", "central", "Hessian"]) {
      expect(stdout).toContain(word);
    }
    expect(stdout).toMatch(/eigenvalues\s+\[-2, 2\]/);
    expect(stdout).toMatch(/classification\s+saddle/);
  });

  it("bad expression: exit 2, nothing on stdout, message and a caret under the problem", () => {
    const text = "sin(x) + sni(y)";
    const { status, stdout, stderr } = descent("grad", "--f", text, "--at", "1,2");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    const lines = stderr.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/unknown function "sni"; did you mean sin\?/);
    expect(lines[0]).toContain("character 10");
    const expressionColumn = (lines[1] ?? "").indexOf(text);
    expect(expressionColumn).toBeGreaterThanOrEqual(0);
    expect((lines[2] ?? "").indexOf("^")).toBe(expressionColumn + text.indexOf("sni"));
    expect((lines[2] ?? "").trim()).toBe("^^^");
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("--help exits 0 and describes the options", () => {
    const { status, stdout } = descent("grad", "--help");
    expect(status).toBe(0);
    expect(stdout).toContain("--at");
    expect(stdout).toContain("--json");
  });

  it.each([
    [["--at", "1,2"], /--f is required/],
    [["--f", "x^2 + y^2"], /--at is required/],
    [["--f", "x^2 + y^2", "--at", "1"], /takes two numbers/],
    [["--f", "x^2", "--at", "1,2"], /takes one number/],
    [["--f", "x^2 + y^2", "--at", "1,abc"], /--at must be comma-separated finite numbers/],
    [["--f", "x^2", "--at", "1", "--h=-1"], /--h must be a positive step/],
    [["--f", "x^2", "--at", "1", "--h", "zero"], /--h must be a finite number/],
    [["--f", "x^2", "--at", "1", "--bogus"], /bogus/],
    [["--f", "x = 1", "--at", "1"], /assignments/],
    [["--f", "import(x)", "--at", "1"], /"import" is not allowed/],
  ])("%j is refused with exit 2 and nothing on stdout", async (args, message) => {
    const { status, stdout, stderr } = await descentInProcess("grad", ...args);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/internal error/);
  });
});
