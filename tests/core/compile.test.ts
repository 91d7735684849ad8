import { all, create, type MathNode } from "mathjs";
import { describe, expect, it } from "vitest";
import {
  compileNode,
  CompileError,
  emitJavaScript,
  numberLiteral,
} from "../../src/core/compile.ts";
import { parseSurface } from "../../src/core/surface.ts";

const reference = create(all as NonNullable<typeof all>);
const { ConstantNode, SymbolNode, FunctionNode, OperatorNode } = reference;

const points: [number, number][] = [
  [0.3, 0.7],
  [-1.2, 0.4],
  [2.5, -3.1],
  [0.05, 1.9],
];

describe("compiled functions agree with hand-written JavaScript", () => {
  const cases: [string, (x: number, y: number) => number][] = [
    ["x^2 + y^2", (x, y) => x * x + y * y],
    ["(x^2 + y - 11)^2 + (x + y^2 - 7)^2", (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2],
    ["100 (y - x^2)^2 + (1 - x)^2", (x, y) => 100 * (y - x * x) ** 2 + (1 - x) ** 2],
    ["sin(x)*cos(y) + 0.1*(x^2+y^2)", (x, y) => Math.sin(x) * Math.cos(y) + 0.1 * (x * x + y * y)],
    ["-x^2 + 2^x^2", (x) => -(x * x) + 2 ** (x * x)],
    ["x^3 - 3x y^2", (x, y) => x ** 3 - 3 * x * y * y],
    ["exp(-x^2/2) / sqrt(2 pi)", (x) => Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI)],
    [
      "log(abs(x) + 1, 2) + log10(y^2 + 1) + log2(3)",
      (x, y) => Math.log(Math.abs(x) + 1) / Math.log(2) + Math.log10(y * y + 1) + Math.log2(3),
    ],
    [
      "tan(x/4) + atan(y) + asin(x/3) + acos(y/4)",
      (x, y) => Math.tan(x / 4) + Math.atan(y) + Math.asin(x / 3) + Math.acos(y / 4),
    ],
    ["sinh(x) - cosh(y) * tanh(x y)", (x, y) => Math.sinh(x) - Math.cosh(y) * Math.tanh(x * y)],
    [
      "cbrt(x) + sign(y) + floor(x) + ceil(y)",
      (x, y) => Math.cbrt(x) + Math.sign(y) + Math.floor(x) + Math.ceil(y),
    ],
    ["min(x, y, 0.5) * max(x, y^2)", (x, y) => Math.min(x, y, 0.5) * Math.max(x, y * y)],
    ["e^x - pi", (x) => Math.E ** x - Math.PI],
    ["x^y", (x, y) => x ** y],
    ["1/2x", (x) => 0.5 * x],
  ];
  it.each(cases)("%s", (text, handWritten) => {
    const surface = parseSurface(text);
    for (const [x, y] of points) {
      const expected = handWritten(x, y);
      const actual = surface.f(x, y);
      if (Number.isNaN(expected)) expect(actual).toBeNaN();
      else expect(actual).toBeCloseTo(expected, 10);
    }
  });
});

describe("rounding and domains", () => {
  it("round is half away from zero, as mathjs rounds real numbers", () => {
    const round = parseSurface("round(x)").f;
    for (const v of [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.4999, -2.4999, 7]) {
      expect(round(v, 0)).toBe(reference.round(v));
    }
    expect(round(-2.5, 0)).toBe(-3);
    expect(round(2.5, 0)).toBe(3);
  });

  it("outside the domain: NaN or ±Infinity, never complex, never an exception", () => {
    expect(parseSurface("log(x)").f(-1, 0)).toBeNaN();
    expect(parseSurface("sqrt(x)").f(-1, 0)).toBeNaN();
    expect(parseSurface("1/x").f(0, 0)).toBe(Infinity);
    expect(parseSurface("-1/x").f(0, 0)).toBe(-Infinity);
    expect(parseSurface("log(x)").f(0, 0)).toBe(-Infinity);
    expect(parseSurface("asin(x)").f(2, 0)).toBeNaN();
    expect(parseSurface("x^0.5").f(-4, 0)).toBeNaN();
    expect(parseSurface("log(x, y)").f(2, 1)).toBe(Infinity);
    expect(parseSurface("cbrt(x)").f(-8, 0)).toBe(-2);
    expect(typeof parseSurface("sqrt(x)").f(-4, 0)).toBe("number");
  });

  it("agrees with mathjs evaluate wherever mathjs gives a real number", () => {
    const texts = [
      "sin(x) + cos(y) - tan(x y)",
      "exp(x) / (1 + y^2) + log(x^2 + 1) - log(y^2 + 2, 3)",
      "asin(x / 4) + acos(y / 4) + atan(x - y)",
      "sinh(x) + cosh(y) + tanh(x + y) + cbrt(x - y)",
      "abs(x) + sign(y) + min(x, y) + max(x, y, 1) + round(x y)",
      "2x^2 - 3x y + sqrt(x^2 + y^2) + log10(x^2 + 1) + log2(y^2 + 1)",
    ];
    for (const text of texts) {
      const f = parseSurface(text).f;
      const compiled = reference.compile(text);
      for (const [x, y] of points) {
        const expected = compiled.evaluate({ x, y }) as number;
        expect(f(x, y)).toBeCloseTo(expected, 10);
      }
    }
  });
});

describe("emitted code stays inside the table", () => {
  const allowedToken =
    /^(?:[0-9.]+(?:e[+-]?[0-9]+)?|x|y|sin|cos|tan|asin|acos|atan|sinh|cosh|tanh|exp|log|log10|log2|sqrt|cbrt|abs|sign|floor|ceil|round|min|max|pow|logBase|sq|cube|sec|csc|cot|sech|csch|coth|[-+*/(),?:]|<=)$/;
  it.each([
    "x^2 + y^2",
    "min(x, y, 3) + max(x) + abs(x)",
    "log(x, 3) + round(y)",
    "sin(x)^3 - 2.5e-7 / (1 + e^pi)",
  ])("%s emits only numbers, x, y, table names and operators", (text) => {
    const surface = parseSurface(text);
    const source = emitJavaScript(reference.parse(text));
    const tokens = source.match(/[0-9.]+(?:e[+-]?[0-9]+)?|[A-Za-z_$][A-Za-z0-9_$]*|<=|\S/g) ?? [];
    for (const token of tokens) expect(token).toMatch(allowedToken);
    expect(surface.f(1, 2)).toBeTypeOf("number");
  });

  it("refuses trees that did not come through the whitelist", () => {
    const hostile: MathNode[] = [
      new SymbolNode("constructor"),
      new SymbolNode("globalThis"),
      new SymbolNode("x; globalThis.pwned = 1"),
      new ConstantNode("'); globalThis.pwned = 1; ('"),
      new ConstantNode(true),
      new FunctionNode(new SymbolNode("constructor"), [new SymbolNode("x")]),
      new FunctionNode(new SymbolNode("__proto__"), [new SymbolNode("x")]),
      new FunctionNode(new SymbolNode("hasOwnProperty"), [new SymbolNode("x")]),
      new FunctionNode(new SymbolNode("toString"), [new SymbolNode("x")]),
      new FunctionNode(new SymbolNode("Function"), [new SymbolNode("x")]),
      new FunctionNode(new SymbolNode("eval"), [new SymbolNode("x")]),
      new FunctionNode(new SymbolNode("import"), [new SymbolNode("x")]),
      new OperatorNode("%" as never, "mod" as never, [new SymbolNode("x"), new SymbolNode("y")]),
      new OperatorNode("+" as never, "constructor" as never, [
        new SymbolNode("x"),
        new SymbolNode("y"),
      ]),
      new reference.AccessorNode(
        new SymbolNode("x"),
        new reference.IndexNode([new ConstantNode("constructor")], true),
      ),
      reference.parse("f(x) = 1"),
      reference.parse("[x, y]"),
    ];
    for (const node of hostile) {
      expect(() => compileNode(node)).toThrow(CompileError);
    }
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it("number literals are plain finite decimals; non-finite values become arithmetic", () => {
    expect(numberLiteral(2)).toBe("2");
    expect(numberLiteral(-2.5)).toBe("(-2.5)");
    expect(numberLiteral(1e-300)).toBe("1e-300");
    expect(numberLiteral(1e21)).toBe("1e+21");
    expect(numberLiteral(NaN)).toBe("(0/0)");
    expect(numberLiteral(Infinity)).toBe("(1/0)");
    expect(() => numberLiteral("1" as unknown as number)).toThrow(CompileError);
  });
});
