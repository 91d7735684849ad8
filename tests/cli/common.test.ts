import { describe, expect, it } from "vitest";
import { CliError, joinNegativeValues, parseOptions } from "../../src/cli/common.ts";

const options = {
  f: { type: "string" },
  at: { type: "string" },
  json: { type: "boolean" },
} as const;

describe("parseOptions", () => {
  it("takes a negative number or a leading minus as an option's value", () => {
    const values = parseOptions("grad", ["--f", "-x^2", "--at", "-1,-2", "--json"], options);
    expect(values).toEqual({ f: "-x^2", at: "-1,-2", json: true });
  });

  it("does not swallow the command's own options as values", () => {
    expect(joinNegativeValues(["--f", "--json"], options)).toEqual(["--f", "--json"]);
    expect(() => parseOptions("grad", ["--f", "--json"], options)).toThrow(CliError);
  });

  it("refuses unknown options with a one-line message naming the command", () => {
    try {
      parseOptions("grad", ["--nope", "1"], options);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      const message = (error as CliError).message;
      expect(message.startsWith("descent grad: ")).toBe(true);
      expect(message).toContain("--nope");
      expect(message.includes("\n")).toBe(false);
      expect((error as CliError).exitCode).toBe(2);
    }
  });
});
