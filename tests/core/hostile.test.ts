import { readdirSync } from "node:fs";
import * as sharedMathjs from "mathjs";
import { describe, expect, it } from "vitest";
import { math as privateMath } from "../../src/core/parse.ts";
import { SurfaceError, trySurface } from "../../src/core/surface.ts";

/**
 * Strings that try to get out of the formula language: code execution, prototype pollution,
 * mathjs's own reach (import, evaluate, createUnit, config, ...), resource exhaustion and
 * odd unicode. Each must come back as a typed SurfaceError, quickly, and change nothing.
 */
const hostile: string[] = [
  "constructor",
  "x.constructor",
  'x.constructor.constructor("return process")()',
  "__proto__",
  "x.__proto__.polluted = 1",
  "prototype",
  "toString(x)",
  "valueOf",
  "hasOwnProperty(x)",
  "import({ polluted: 1 }, { override: true })",
  "import",
  'evaluate("1 + 1")',
  "evaluate(x)",
  'createUnit("foo")',
  "createUnit(x)",
  'config({ number: "BigNumber" })',
  "config(x)",
  'parse("x")',
  "parse(x)",
  "simplify(x)",
  "derivative(x, x)",
  "compile(x)",
  "chain(x)",
  "help(sin)",
  "typed(x)",
  "resolve(x)",
  "map(x, sin)",
  "x = 5",
  "f(x) = x^2",
  "sin = cos",
  "[1, 2, 3]",
  "x[1]",
  "sin(x)[1]",
  "{ a: 1 }",
  '"hello"',
  "'hello'",
  "`${x}`",
  "5 cm",
  "x to inch",
  "2 m + x",
  "this",
  "globalThis",
  "window",
  "process.exit(1)",
  'require("fs")',
  'eval("1")',
  'Function("return this")()',
  "setTimeout(x)",
  "fetch(x)",
  "x; y",
  "x\ny",
  "x # comment",
  "x ? y : 1",
  "1:10",
  "x!",
  "sin(x)'",
  "true",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "1e400",
  "sqrt(-1) i",
  "<script>alert(1)</script>",
  "x\u0000",
  "\u202ex + y",
  "x\u200b + y",
  "\ud835\udc65 + y", // mathematical italic x
  "\uff58^2", // fullwidth x
  "Ω x",
  "x + \ud83d\ude00",
  "\ud800",
  "(".repeat(500) + "x" + ")".repeat(500),
  "(".repeat(5000) + "x" + ")".repeat(5000),
  "-".repeat(1500) + "x",
  "x" + "^x".repeat(900),
  "x" + "+x".repeat(900),
  "sin(".repeat(200) + "x" + ")".repeat(200),
  "x".repeat(100000),
  "1".repeat(100000),
  "x + ".repeat(600) + "y",
  "sin(".repeat(39) + "x*y" + ")".repeat(39),
  "x" + "*sin(x*y)".repeat(75),
  "min(" + Array.from({ length: 100 }, () => "x").join(",") + ")",
];

function snapshot() {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(",");
  const values = (o: object) =>
    Object.getOwnPropertyNames(o).map((k) => Object.getOwnPropertyDescriptor(o, k)?.value);
  return {
    globalNames: names(globalThis),
    objectPrototype: names(Object.prototype),
    objectPrototypeValues: values(Object.prototype),
    functionPrototype: names(Function.prototype),
    functionPrototypeValues: values(Function.prototype),
    arrayPrototype: names(Array.prototype),
    stringPrototype: names(String.prototype),
    numberPrototype: names(Number.prototype),
    mathNames: names(Math),
    privateMathNames: names(privateMath),
    privateMathConfig: JSON.stringify((privateMath.config as () => unknown)()),
    sharedMathjsNames: Object.keys(sharedMathjs).sort().join(","),
    files: readdirSync(process.cwd()).sort().join(","),
  };
}

describe("hostile input", () => {
  it("has at least 40 strings", () => {
    expect(hostile.length).toBeGreaterThanOrEqual(40);
  });

  it("every string returns a typed SurfaceError within 100 ms and leaves no trace", () => {
    trySurface("x^2 + y^2"); // load and warm up the parser first
    const before = snapshot();
    const slow: string[] = [];
    for (const text of hostile) {
      const started = performance.now();
      const result = trySurface(text);
      const elapsed = performance.now() - started;
      const label = JSON.stringify(text.slice(0, 60));
      expect(result.ok, label).toBe(false);
      if (result.ok) continue;
      expect(result.error, label).toBeInstanceOf(SurfaceError);
      expect(result.error.message.length, label).toBeGreaterThan(0);
      expect(result.error.start, label).toBeGreaterThanOrEqual(0);
      expect(result.error.end, label).toBeLessThanOrEqual(text.length);
      expect(result.error.start, label).toBeLessThanOrEqual(result.error.end);
      if (elapsed > 100) slow.push(`${label}: ${elapsed.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
    expect(snapshot()).toEqual(before);
    expect((globalThis as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("the errors say what is wrong", () => {
    const codeOf = (text: string) => {
      const result = trySurface(text);
      return result.ok ? "accepted" : result.error.code;
    };
    expect(codeOf("import(x)")).toBe("forbidden");
    expect(codeOf('evaluate("1")')).toBe("forbidden");
    expect(codeOf("x.constructor")).toBe("forbidden");
    expect(codeOf("constructor")).toBe("unknown-symbol");
    expect(codeOf("x".repeat(100000))).toBe("too-long");
    expect(codeOf("(".repeat(500) + "x" + ")".repeat(500))).toBe("too-deep");
    expect(codeOf("x" + "*sin(x*y)".repeat(75))).toBe("too-long");
  });

  it("a non-string never throws", () => {
    for (const value of [undefined, null, 42, {}, ["x"]]) {
      const result = trySurface(value as unknown as string);
      expect(result.ok).toBe(false);
    }
  });
});
