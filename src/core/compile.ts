/**
 * Compiles a whitelisted mathjs tree to a plain JavaScript function of (x, y).
 *
 * The emitted source is built only from: finite number literals (checked here), the two
 * parameter names, entries of the fixed FUNCTION_EMITTERS table, the five arithmetic operators
 * and parentheses. Names typed by a person never reach the source text: a symbol becomes `x`,
 * `y` or a numeric literal, and a function name is only used as a key into the table.
 */
import type { MathNode } from "mathjs";
import type { ScalarFn } from "./types.ts";

/** Thrown when a tree holds something the compiler has no safe translation for. */
export class CompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CompileError";
  }
}

/**
 * mathjs rounds half away from zero (round(-2.5) = -3); Math.round rounds half up (-2).
 * round(v) = sign(v) * floor(|v| + 1/2), with 0.49999999999999994 kept at 0 as mathjs does.
 */
function roundHalfAwayFromZero(v: number): number {
  const r = Math.round(Math.abs(v));
  return v < 0 ? -r : r;
}

/**
 * The run-time helpers the emitted code may call, bound once per compiled function as
 * constants of its closure (so V8 inlines them like Math.* calls).
 */
const helpers = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  exp: Math.exp,
  log: Math.log,
  log10: Math.log10,
  log2: Math.log2,
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  abs: Math.abs,
  sign: Math.sign,
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfAwayFromZero,
  min: Math.min,
  max: Math.max,
  pow: Math.pow,
  /** log(a, b) = ln a / ln b (mathjs argument order: value, base). */
  logBase: (a: number, b: number) => Math.log(a) / Math.log(b),
  sq: (v: number) => v * v,
  cube: (v: number) => v * v * v,
  // Functions that only appear in mathjs's derivatives (d tan = sec^2, d tanh = sech^2, ...).
  sec: (v: number) => 1 / Math.cos(v),
  csc: (v: number) => 1 / Math.sin(v),
  cot: (v: number) => 1 / Math.tan(v),
  sech: (v: number) => 1 / Math.cosh(v),
  csch: (v: number) => 1 / Math.sinh(v),
  coth: (v: number) => 1 / Math.tanh(v),
} as const;
type HelperName = keyof typeof helpers;

type Emitter = (args: string[]) => string;
const call =
  (name: HelperName, arity: number | "many"): Emitter =>
  (args) => {
    if (arity !== "many" && args.length !== arity) {
      throw new CompileError(`${name} takes ${arity} argument(s), got ${args.length}`);
    }
    if (args.length === 0) throw new CompileError(`${name} needs an argument`);
    return `${name}(${args.join(", ")})`;
  };

/**
 * The fixed table of callable functions. Besides the user whitelist it holds
 * `ifLessEq(a, b, p, q)` = (a <= b ? p : q), the derivative of min/max along the active
 * branch, and the reciprocal trigonometric functions that mathjs derivatives produce.
 */
const FUNCTION_EMITTERS: Readonly<Record<string, Emitter>> = {
  sin: call("sin", 1),
  cos: call("cos", 1),
  tan: call("tan", 1),
  asin: call("asin", 1),
  acos: call("acos", 1),
  atan: call("atan", 1),
  sinh: call("sinh", 1),
  cosh: call("cosh", 1),
  tanh: call("tanh", 1),
  exp: call("exp", 1),
  log: (args) => (args.length === 2 ? call("logBase", 2)(args) : call("log", 1)(args)),
  log10: call("log10", 1),
  log2: call("log2", 1),
  sqrt: call("sqrt", 1),
  cbrt: call("cbrt", 1),
  abs: call("abs", 1),
  sign: call("sign", 1),
  floor: call("floor", 1),
  ceil: call("ceil", 1),
  round: call("round", 1),
  min: (args) => (args.length === 1 ? `(+${args[0]})` : call("min", "many")(args)),
  max: (args) => (args.length === 1 ? `(+${args[0]})` : call("max", "many")(args)),
  sec: call("sec", 1),
  csc: call("csc", 1),
  cot: call("cot", 1),
  sech: call("sech", 1),
  csch: call("csch", 1),
  coth: call("coth", 1),
  ifLessEq: (args) => {
    if (args.length !== 4) throw new CompileError("ifLessEq takes 4 arguments");
    return `(${args[0]} <= ${args[1]} ? ${args[2]} : ${args[3]})`;
  },
};

/** Names the compiler can call (the user whitelist is a subset, enforced by the parser). */
export const compilableFunctions: readonly string[] = Object.keys(FUNCTION_EMITTERS);

/** A number as a JavaScript literal; non-finite values only come from simplified derivatives. */
export function numberLiteral(value: number): string {
  if (typeof value !== "number") throw new CompileError("constant is not a number");
  if (Number.isNaN(value)) return "(0/0)";
  if (value === Infinity) return "(1/0)";
  if (value === -Infinity) return "(-1/0)";
  const literal = String(Math.abs(value));
  if (!/^[0-9]+(\.[0-9]+)?(e[+-][0-9]+)?$/.test(literal)) {
    throw new CompileError(`unexpected number literal ${literal}`);
  }
  return value < 0 || Object.is(value, -0) ? `(-${literal})` : literal;
}

const CONSTANTS: Readonly<Record<string, string>> = {
  pi: numberLiteral(Math.PI),
  e: numberLiteral(Math.E),
};

const isSmallIntegerConstant = (node: MathNode, value: number) =>
  node.type === "ConstantNode" && (node as unknown as { value: unknown }).value === value;

/** Emits JavaScript source for a tree, throwing CompileError on anything outside the table. */
export function emitJavaScript(node: MathNode): string {
  switch (node.type) {
    case "ConstantNode": {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== "number") {
        // simplify can hand back exact fractions; anything else is refused.
        const asNumber = Number(value as number);
        if (typeof value === "object" && value !== null && Number.isFinite(asNumber)) {
          return numberLiteral(asNumber);
        }
        throw new CompileError("only numeric constants can be compiled");
      }
      return numberLiteral(value);
    }
    case "SymbolNode": {
      const name = (node as unknown as { name: string }).name;
      if (name === "x" || name === "y") return name;
      if (Object.prototype.hasOwnProperty.call(CONSTANTS, name)) return CONSTANTS[name] as string;
      throw new CompileError(`unknown symbol ${JSON.stringify(name)}`);
    }
    case "ParenthesisNode":
      return emitJavaScript((node as unknown as { content: MathNode }).content);
    case "OperatorNode": {
      const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
      const parts = args.map(emitJavaScript);
      const [a, b] = parts;
      if (fn === "unaryMinus" && parts.length === 1) return `(-${a})`;
      if (fn === "unaryPlus" && parts.length === 1) return `(+${a})`;
      if (parts.length < 2) throw new CompileError(`operator ${fn} needs two operands`);
      if (fn === "add") return `(${parts.join(" + ")})`;
      if (fn === "multiply") return `(${parts.join(" * ")})`;
      if (parts.length !== 2) throw new CompileError(`operator ${fn} takes two operands`);
      if (fn === "subtract") return `(${a} - ${b})`;
      if (fn === "divide") return `(${a} / ${b})`;
      if (fn === "pow") {
        const exponent = args[1] as MathNode;
        if (isSmallIntegerConstant(exponent, 2)) return `sq(${a})`;
        if (isSmallIntegerConstant(exponent, 3)) return `cube(${a})`;
        return `pow(${a}, ${b})`;
      }
      throw new CompileError(`operator ${JSON.stringify(fn)} is not supported`);
    }
    case "FunctionNode": {
      const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
      const name = fn.type === "SymbolNode" ? (fn as unknown as { name: string }).name : "";
      if (!Object.prototype.hasOwnProperty.call(FUNCTION_EMITTERS, name)) {
        throw new CompileError(`function ${JSON.stringify(name)} is not in the compile table`);
      }
      return (FUNCTION_EMITTERS[name] as Emitter)(args.map(emitJavaScript));
    }
    default:
      throw new CompileError(`${node.type} cannot be compiled`);
  }
}

const HELPER_NAMES = Object.keys(helpers) as HelperName[];
const PRELUDE = `"use strict"; const { ${HELPER_NAMES.join(", ")} } = h;`;

/**
 * Compiles a tree to `(x, y) => number`. The body is `return <emitJavaScript(node)>`; the
 * helpers are bound as closure constants. Evaluation never throws: outside the domain the
 * result is NaN or ±Infinity, as IEEE arithmetic gives it.
 */
export function compileNode(node: MathNode): ScalarFn {
  const body = emitJavaScript(node);
  const factory = new Function(
    "h",
    `${PRELUDE} return function compiledSurface(x, y) { return ${body}; };`,
  );
  return factory(helpers) as ScalarFn;
}
