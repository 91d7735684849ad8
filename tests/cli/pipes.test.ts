/**
 * The command line in pipes and at the prompt: a reader that stops early, help by both
 * spellings, the usage without a command, the bench's own help, and expression messages in the
 * product's words.
 */
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { descent, descentInProcess } from "./helpers.ts";

vi.setConfig({ testTimeout: 120_000 });

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the command with a reader that takes the first chunk of stdout, then closes the pipe. */
function firstChunkThenClose(...args: string[]) {
  return new Promise<{ status: number | null; first: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["bin/descent.mjs", ...args], { cwd: root });
    let first = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.once("data", (chunk) => {
      first = String(chunk);
      child.stdout.destroy();
    });
    child.on("close", (status) => resolve({ status, first, stderr }));
  });
}

describe("a pipe closed early", () => {
  it("descent run --csv | head: status 0 and no stack trace", async () => {
    // 100,001 rows of CSV, far more than one pipe buffer, so the write meets the closed pipe.
    const result = await firstChunkThenClose(
      "run",
      "--f",
      "x^2 + y^2",
      "--from",
      "1,1",
      "--lr",
      "0.00001",
      "--tol",
      "0",
      "--steps",
      "100000",
      "--csv",
    );
    expect(result.first.startsWith("step,x,y,f,grad_x,grad_y\n0,1,1,2,2,2\n")).toBe(true);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("help", () => {
  it.each(["grad", "run", "basins", "sweep"])(
    "descent help %s, --help and -h print the same help on stdout, status 0",
    async (command) => {
      const byWord = descent("help", command);
      const byFlag = descent(command, "--help");
      const byShort = await descentInProcess(command, "-h");
      expect(byWord.status).toBe(0);
      expect(byFlag.status).toBe(0);
      expect(byWord.stderr).toBe("");
      expect(byWord.stdout.startsWith(`descent ${command}: `)).toBe(true);
      expect(byFlag.stdout).toBe(byWord.stdout);
      expect(byShort.stdout).toBe(byWord.stdout);
    },
  );

  it("bare descent: the usage on stderr, nothing on stdout, status 2", () => {
    const { status, stdout, stderr } = descent();
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^descent: the Descent Lab command line/);
    expect(stderr).toContain("Usage: descent <command> [options]");
  });

  it("descent --help and descent help: the usage on stdout, status 0", async () => {
    for (const args of [["--help"], ["help"]]) {
      const { status, stdout, stderr } = await descentInProcess(...args);
      expect(status).toBe(0);
      expect(stderr).toBe("");
      expect(stdout).toContain("Usage: descent <command> [options]");
    }
  });

  it("descent help with an unknown command is refused", async () => {
    const { status, stdout, stderr } = await descentInProcess("help", "grd");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/descent help: takes one command name .* got "grd"/);
  });
});

describe("npm run bench", () => {
  const bench = (...args: string[]) =>
    spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "bench/index.ts", ...args], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });

  it("--help prints the help and runs no suite", () => {
    const result = bench("--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^npm run bench -- \[--json\] \[suite \.\.\.\]/);
    expect(result.stdout).toContain("browser");
    // A suite that ran would print its name on a line of its own, then its figures.
    expect(result.stdout).not.toMatch(/^expression$/m);
  });

  it("an unknown suite or option is refused with status 2 and nothing runs", () => {
    const suite = bench("expresion");
    expect(suite.status).toBe(2);
    expect(suite.stdout).toBe("");
    expect(suite.stderr).toMatch(/bench: unknown suite "expresion" \(suites: expression, /);
    const option = bench("--fast");
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/unknown option --fast/);
  });
});

describe("expression messages in the product's words", () => {
  it.each([
    ["(x))", '")" here closes nothing: there is no opening bracket for it', 4],
    ["x + 1.2.3", '".3" cannot follow what comes before it', 8],
    ["min()", "min takes at least 1 argument, got none", 1],
    ["x---------y", "more than 8 + or − signs in a row; at most 8 are allowed", 10],
  ])("%s", async (text, message, character) => {
    const { status, stdout, stderr } = await descentInProcess("grad", "--f", text, "--at", "1,1");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    const first = stderr.split("\n")[0]!;
    expect(first).toContain(message);
    expect(first).toContain(`(at character ${character})`);
    expect(first).not.toMatch(/Unexpected|arguments, got 0/);
  });

  it("a formula too complex names the limit and says when the size is an estimate", async () => {
    const product = Array.from({ length: 60 }, (_, i) => `sin(x + ${i})`).join(" * ");
    const { status, stderr } = await descentInProcess("grad", "--f", product, "--at", "1");
    expect(status).toBe(2);
    expect(stderr).toMatch(
      /too complex: its first derivative (would have about \d+ nodes by an estimate made before building it|has \d+ nodes), more than the 1500 allowed/,
    );
  });
});
