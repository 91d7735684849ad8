import { describe, expect, it } from "vitest";
import { optimizerRegistry, scheduleRegistry } from "../../src/core/optimizers/index.ts";
import type { ParamSpec } from "../../src/core/optimizers/index.ts";
import { gradientSourceKeys, gradientSources } from "../../src/core/gradientSources.ts";
import {
  flagName,
  optimizerOptionConfig,
  optimizerOptionHelp,
  parameterFlagHelp,
  parameterFlags,
} from "../../src/cli/runOptions.ts";
import { descentInProcess } from "./helpers.ts";

const spec = (key: string, label: string, fields: Partial<ParamSpec> = {}): ParamSpec => ({
  key,
  label,
  default: 1,
  min: 0,
  max: 10,
  scale: "linear",
  ...fields,
});

/** The help text of one option: its first line and the indented lines under it. */
function helpFor(help: string, option: string): string {
  const lines = help.split("\n");
  const first = lines.findIndex((line) => line.startsWith(`  ${option} `));
  if (first < 0) return "";
  const rest = lines.slice(first + 1);
  const end = rest.findIndex((line) => !line.startsWith(" ".repeat(24)));
  return [lines[first], ...rest.slice(0, end < 0 ? rest.length : end)]
    .map((line) => line!.trim())
    .join(" ");
}

describe("optimizer flags from the parameter specs", () => {
  it("one flag per distinct key, in the order keys first appear, naming label, rules, range, default", () => {
    const registry = {
      a: { params: [spec("k", "Kappa", { default: 2 }), spec("m", "Mu")] },
      b: { params: [spec("k", "Kappa", { default: 3 })] },
      c: { params: [spec("k", "Kappa", { default: 2 })] },
      d: { params: [] },
    };
    const flags = parameterFlags(registry);
    expect(flags.map((flag) => flag.key)).toEqual(["k", "m"]);
    expect(flags[0]!.uses.map((use) => use.optimizer)).toEqual(["a", "b", "c"]);
    // Written by hand: the default most rules share first, the exceptions after it.
    expect(parameterFlagHelp(flags[0]!)).toBe("Kappa for a, b, c: from 0 to 10, default 2 (b 3)");
    expect(parameterFlagHelp(flags[1]!)).toBe("Mu for a: from 0 to 10, default 1");
  });

  it("ranges that differ between rules are told apart, and integer parameters say so", () => {
    const registry = {
      a: { params: [spec("n", "Count", { integer: true, max: 5 })] },
      b: { params: [spec("n", "Count", { integer: true, max: 9 })] },
      c: { params: [spec("n", "Count", { integer: true, max: 9 })] },
    };
    expect(parameterFlagHelp(parameterFlags(registry)[0]!)).toBe(
      "Count for a, b, c: a whole number from 0 to 9 (a 0 to 5), default 1",
    );
  });

  it("every parameter of every step rule has its flag, and the help names its label and the rule", () => {
    const help = optimizerOptionHelp();
    for (const [name, definition] of Object.entries(optimizerRegistry)) {
      for (const param of definition.params) {
        expect(Object.hasOwn(optimizerOptionConfig, flagName(param.key))).toBe(true);
        const text = helpFor(help, `--${flagName(param.key)}`);
        expect(text).toContain(param.label);
        expect(text).toMatch(new RegExp(`for [^:]*\\b${name}\\b[^:]*:`));
        expect(text).toContain(`from ${param.min} to ${param.max}`);
      }
    }
  });

  it("every schedule parameter has its flag, spelled as PyTorch's name with hyphens", () => {
    const help = optimizerOptionHelp();
    for (const [name, definition] of Object.entries(scheduleRegistry)) {
      for (const param of definition.params) {
        expect(Object.hasOwn(optimizerOptionConfig, flagName(param.key))).toBe(true);
        const text = helpFor(help, `--${flagName(param.key)}`);
        expect(text).toMatch(new RegExp(`for [^:]*\\b${name}\\b[^:]*:`));
        expect(text).toContain(`from ${param.min} to ${param.max}`);
      }
    }
    expect(flagName("t_max")).toBe("t-max");
    expect(helpFor(help, "--schedule")).toContain("constant, step, exponential, cosine, warmup");
  });

  it("a parameter key never shadows a fixed option of run, basins or sweep", () => {
    const fixed = [
      "f",
      "from",
      "optimizer",
      "seed",
      "gradient",
      "h",
      "steps",
      "tol",
      "box",
      "json",
      "csv",
      "scenario",
      "grid",
      "lr-min",
      "lr-max",
      "count",
      "help",
      "schedule",
      "noise",
    ];
    const keys = [...parameterFlags(), ...parameterFlags(scheduleRegistry)].map((flag) =>
      flagName(flag.key),
    );
    expect(keys.filter((key) => fixed.includes(key))).toEqual([]);
  });

  it("--gradient lists every source with its label and formula", () => {
    const help = optimizerOptionHelp();
    for (const key of gradientSourceKeys) {
      const line = help.split("\n").find((l) => l.trim().startsWith(`${key} `));
      expect(line).toContain(gradientSources[key].label);
      expect(line).toContain(gradientSources[key].formula);
    }
  });

  it("sweep's help leaves out --lr, which the sweep varies", async () => {
    const { stdout } = await descentInProcess("sweep", "--help");
    expect(stdout).not.toMatch(/^ {2}--lr </m);
    expect(stdout).toMatch(/^ {2}--momentum </m);
  });

  it("the step budget the help states is the one a run without --steps gets", async () => {
    const { stdout: help } = await descentInProcess("run", "--help");
    const stated = Number(/--steps <n>\s+step budget \(default (\d+)\)/.exec(help)?.[1]);
    expect(stated).toBeGreaterThan(0);
    // lr 1e-8 on x^2 from 1 moves x by a factor 1 - 2e-8 per step: it never converges.
    const { stdout } = await descentInProcess(
      "run",
      "--f",
      "x^2",
      "--from",
      "1",
      "--lr",
      "1e-8",
      "--json",
    );
    const output = JSON.parse(stdout);
    expect(output.status).toBe("max-steps");
    expect(output.steps).toBe(stated);
  });

  it.each(
    Object.entries(optimizerRegistry).flatMap(([name, definition]) =>
      definition.params.map((param) => [name, param.key, param] as const),
    ),
  )("%s: a --%s out of its range is refused in the flag's words", async (name, _key, param) => {
    const { status, stderr } = await descentInProcess(
      "run",
      "--f",
      "x^2",
      "--from",
      "1",
      "--optimizer",
      name,
      `--${flagName(param.key)}`,
      String(param.max * 2 + 1),
    );
    expect(status).toBe(2);
    expect(stderr).toBe(
      `descent run: --${flagName(param.key)} for ${name} must be ${param.integer === true ? "a whole number" : "a number"} from ${param.min} to ${param.max}, got ${param.max * 2 + 1}`,
    );
  });

  it("a parameter flag of another rule is refused, naming the rule's own flags", async () => {
    const { status, stderr } = await descentInProcess(
      "run",
      "--f",
      "x^2",
      "--from",
      "1",
      "--optimizer",
      "adam",
      "--sigma",
      "0.5",
    );
    expect(status).toBe(2);
    expect(stderr).toBe(
      "descent run: --sigma does not apply to adam (its options: --lr, --beta1, --beta2, --eps)",
    );
  });
});
