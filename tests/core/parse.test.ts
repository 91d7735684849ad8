import { describe, expect, it } from "vitest";
import { editDistance, suggestName, validateExpression } from "../../src/core/parse.ts";
import { parseSurface, SurfaceError, trySurface } from "../../src/core/surface.ts";

/** The error trySurface reports for text, failing the test if the text was accepted. */
function errorOf(text: string): SurfaceError {
  const result = trySurface(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
  return result.error;
}

/** The characters an editor would underline. */
const underlined = (text: string) => {
  const error = errorOf(text);
  return text.slice(error.start, error.end);
};

describe("parseSurface accepts the whitelist", () => {
  it.each([
    ["x^2 + y^2", 2],
    ["x^2", 1],
    ["3", 1],
    ["y", 2],
    ["2x + 3y", 2],
    ["2 x y", 2],
    ["(x^2 + y - 11)^2 + (x + y^2 - 7)^2", 2],
    ["100 (y - x^2)^2 + (1 - x)^2", 2],
    ["sin(x) cos(y)", 2],
    ["-x^2", 1],
    ["+x", 1],
    ["pi e x", 1],
    ["1.5e-3 x + .5 + 2.", 1],
    ["0xff * x", 1],
    ["log(x, 2) + log(x) + log10(x) + log2(x)", 1],
    ["min(x, y, 1) + max(x) + abs(x) + sign(y) + floor(x) + ceil(y) + round(x)", 2],
    ["asin(x) + acos(x) + atan(x) + sinh(x) + cosh(x) + tanh(x) + exp(x) + sqrt(x) + cbrt(x)", 1],
    ["tan( x )\t+\u00a0y", 2],
  ])("%s (dimension %i)", (text, dimension) => {
    const surface = parseSurface(text);
    expect(surface.dimension).toBe(dimension);
    expect(surface.text).toBe(text);
  });

  it("reads mathjs precedence: -x^2 is -(x^2), x^y^z is right associative, 2x is 2*x", () => {
    expect(parseSurface("-x^2").f(3, 0)).toBe(-9);
    expect(parseSurface("2^x^2").f(3, 0)).toBe(512); // 2^(3^2), not (2^3)^2 = 64
    expect(parseSurface("2x").f(5, 0)).toBe(10);
    expect(parseSurface("1/2x").f(4, 0)).toBe(2); // mathjs: (1/2) x
    expect(parseSurface("x^-1").f(4, 0)).toBe(0.25);
  });

  it("knows pi and e", () => {
    expect(parseSurface("pi").f(0, 0)).toBe(Math.PI);
    expect(parseSurface("e").f(0, 0)).toBe(Math.E);
  });

  it("normalizes the expression as mathjs prints it", () => {
    expect(parseSurface("x^2+y^2").normalized).toBe("x ^ 2 + y ^ 2");
  });

  it("reports the variables used", () => {
    expect(validateExpression("x + 1").usesY).toBe(false);
    expect(validateExpression("x + y").usesY).toBe(true);
  });
});

describe("typed, positioned errors", () => {
  it("empty text", () => {
    expect(errorOf("").code).toBe("empty");
    expect(errorOf("   ").code).toBe("empty");
  });

  it("syntax errors point where mathjs stopped", () => {
    const error = errorOf("x + * y");
    expect(error.code).toBe("syntax");
    expect(error.start).toBe(4);
    expect(errorOf("sin(x").code).toBe("syntax");
    expect(errorOf("sin(x").start).toBe(5);
    expect(errorOf("1 +").start).toBe(3);
    expect(errorOf("x ** 2").start).toBe(3);
    expect(errorOf("()").code).toBe("syntax");
    expect(errorOf("x )").code).toBe("syntax");
  });

  it("unknown symbols, with the symbol underlined and a did-you-mean", () => {
    const error = errorOf("x + z^2");
    expect(error.code).toBe("unknown-symbol");
    expect([error.start, error.end]).toEqual([4, 5]);
    expect(underlined("sin(x) + sni(y)")).toBe("sni");
    expect(errorOf("sin(x) + sni(y)").suggestion).toBe("sin");
    expect(errorOf("sni(y)").message).toContain("did you mean sin");
    expect(errorOf("ln(x)").suggestion).toBe("log");
    expect(errorOf("sqtr(x)").suggestion).toBe("sqrt");
    expect(errorOf("exq(x)").suggestion).toBe("exp");
    expect(errorOf("xy").suggestion).toBe("x*y");
    expect(errorOf("PI * x").suggestion).toBe("pi");
    expect(errorOf("foo + x").suggestion).toBeUndefined();
  });

  it("the same name twice: the offending occurrence is underlined", () => {
    const text = "x + y + xy + sin(x)";
    const error = errorOf(text);
    expect(text.slice(error.start, error.end)).toBe("xy");
    expect(error.start).toBe(8);
    const text2 = "sin(x) + cos(y) + cos(z)";
    expect(errorOf(text2).start).toBe(text2.lastIndexOf("z"));
  });

  it("unsupported mathjs functions are refused as such", () => {
    const error = errorOf("x + gamma(y)");
    expect(error.code).toBe("unsupported-function");
    expect(underlined("x + gamma(y)")).toBe("gamma");
    expect(errorOf("sec(x)").code).toBe("unsupported-function");
    expect(errorOf("atan2(y, x)").code).toBe("unsupported-function");
  });

  it("wrong number of arguments", () => {
    expect(errorOf("sin(x, y)").message).toMatch(/sin takes 1 argument, got 2/);
    expect(errorOf("log(x, 2, 3)").message).toMatch(/log takes 1 or 2 arguments, got 3/);
    expect(errorOf("round(x, 2)").code).toBe("syntax");
    expect(underlined("x + min()")).toBe("min");
  });

  it("variables and constants are not functions; functions need parentheses", () => {
    expect(errorOf("x(y + 1)").code).toBe("unsupported-function");
    expect(errorOf("x(y + 1)").message).toMatch(/x is a variable/);
    expect(errorOf("pi(2)").code).toBe("unsupported-function");
    expect(errorOf("sin + x").message).toMatch(/sin is a function/);
  });

  it.each([
    ["x = 1", "forbidden", "="],
    ["f(x) = x^2", "forbidden", "="],
    ["[1, 2]", "forbidden", "["],
    ["x[1]", "forbidden", "["],
    ["{a: 1}", "forbidden", "{"],
    ['"text"', "forbidden", '"'],
    ["'text'", "forbidden", "'"],
    ["x; y", "forbidden", ";"],
    ["x\ny", "forbidden", "\n"],
    ["x # comment", "forbidden", "#"],
    ["x!", "unsupported-function", "!"],
    ["x % 2", "unsupported-function", "%"],
    ["x < y", "forbidden", "<"],
    ["x == y", "forbidden", "="],
    ["x > 0 ? x : y", "forbidden", ">"],
    ["1:3", "forbidden", ":"],
    ["x & y", "unsupported-function", "&"],
    ["x .* y", "unsupported-function", ".*"],
    ["x.constructor", "forbidden", ".constructor"],
    ["x mod 2", "unsupported-function", "mod"],
    ["x to cm", "unsupported-function", "to"],
    ["not x", "unsupported-function", "not"],
    ["true + x", "forbidden", "true"],
    ["Infinity * x", "invalid-number", "Infinity"],
    ["NaN", "invalid-number", "NaN"],
    ["1e999 * x", "invalid-number", "1e999"],
    ["evaluate(x)", "forbidden", "evaluate"],
    ["import(x)", "forbidden", "import"],
    ["x × y", "syntax", "×"],
    ["x²", "syntax", "²"],
    ["$x", "syntax", "$"],
  ])("%j -> %s at %j", (text, code, marked) => {
    const error = errorOf(text);
    expect(error).toBeInstanceOf(SurfaceError);
    expect(error.code).toBe(code);
    expect(text.slice(error.start, error.end)).toBe(marked);
    expect(error.message.length).toBeGreaterThan(5);
  });

  it("units are named as units", () => {
    const error = errorOf("5 cm");
    expect(error.code).toBe("unknown-symbol");
    expect(error.message).toMatch(/unit/);
    expect(underlined("5 cm")).toBe("cm");
  });

  it("too long and too deep", () => {
    const long = "x+".repeat(1200) + "x";
    expect(errorOf(long).code).toBe("too-long");
    expect(errorOf(long).start).toBe(2000);
    const deep = "(".repeat(60) + "x" + ")".repeat(60);
    expect(errorOf(deep).code).toBe("too-deep");
    expect(errorOf(deep).start).toBe(40); // the 41st parenthesis
    expect(errorOf("-".repeat(20) + "x").code).toBe("too-deep");
    expect(errorOf("x" + "^x".repeat(200)).code).toBe("too-deep");
  });

  it("parseSurface throws the same SurfaceError", () => {
    expect(() => parseSurface("x +")).toThrow(SurfaceError);
  });
});

describe("suggestions", () => {
  it("edit distance counts insertions, deletions, substitutions and swaps", () => {
    expect(editDistance("sin", "sin")).toBe(0);
    expect(editDistance("sni", "sin")).toBe(1);
    expect(editDistance("sn", "sin")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests aliases and close names only", () => {
    expect(suggestName("arctan")).toBe("atan");
    expect(suggestName("Sin")).toBe("sin");
    expect(suggestName("cosh")).toBe("cosh");
    expect(suggestName("yx")).toBe("y*x");
    expect(suggestName("banana")).toBeUndefined();
    expect(suggestName("x2")).toBe("x^2");
    expect(suggestName("sinx")).toBe("sin(x)");
    expect(suggestName("sinhy")).toBe("sinh(y)");
    expect(suggestName("expx")).toBe("exp(x)");
  });
});
