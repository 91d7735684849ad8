/**
 * Why f has no finite value at a point: the innermost part of the typed expression that fails
 * there, found by evaluating sub-expressions of the parsed tree at that point.
 */
import type { MathNode } from "mathjs";
import { compileNode } from "./compile.ts";
import { validateExpression } from "./parse.ts";

/**
 * Why a value is not finite. `undefined`: f has no value there (outside the domain of log, sqrt,
 * asin, a division by zero, …). `overflow`: every input is finite but the result is too large
 * for a double (beyond about ±1.8e308), as in exp(1000).
 */
export interface DomainReason {
  kind: "undefined" | "overflow";
  /** In words, e.g. "log of a negative number", "division by zero", "overflow in exp". */
  text: string;
}

interface NodeParts {
  type: string;
  fn?: string | MathNode;
  name?: string;
  args?: MathNode[];
  content?: MathNode;
}

const parts = (node: MathNode) => node as unknown as NodeParts;

/** The direct sub-expressions of a node: operands, function arguments, a parenthesis' inside. */
function children(node: MathNode): MathNode[] {
  const { args, content } = parts(node);
  if (content) return [content];
  return args ?? [];
}

/** The function's name for a FunctionNode ("log", "sqrt"), else "". */
function functionName(node: MathNode): string {
  const { type, fn } = parts(node);
  if (type !== "FunctionNode" || typeof fn !== "object") return "";
  return parts(fn).type === "SymbolNode" ? (parts(fn).name ?? "") : "";
}

/** Words for an operator node's result ("a power", "a product"). */
const OPERATOR_WORDS: Readonly<Record<string, string>> = {
  add: "a sum",
  subtract: "a difference",
  multiply: "a product",
  divide: "a quotient",
  pow: "a power",
  unaryMinus: "a negation",
  unaryPlus: "a value",
};

/**
 * Names the failure of `node`, whose inputs `inputs` are all finite but whose own value `value`
 * is not. The rules are those of IEEE arithmetic and Math.*, which the compiled f follows.
 */
function nameFailure(node: MathNode, inputs: number[], value: number): DomainReason {
  const [a = NaN, b = NaN] = inputs;
  const name = functionName(node);
  const undefinedBecause = (text: string): DomainReason => ({ kind: "undefined", text });
  if (name === "log" || name === "log10" || name === "log2") {
    if (a < 0) return undefinedBecause(`${name} of a negative number`);
    if (a === 0) return undefinedBecause(`${name} of 0`);
    // Two arguments: log(a, base) = ln a / ln base.
    if (inputs.length === 2 && (b <= 0 || b === 1)) {
      return undefinedBecause(b === 1 ? "log to base 1" : "log to a base that is not positive");
    }
  }
  if (name === "sqrt" && a < 0) return undefinedBecause("square root of a negative number");
  if ((name === "asin" || name === "acos") && Math.abs(a) > 1) {
    return undefinedBecause(`${name} of a number outside [−1, 1]`);
  }
  const { type, fn } = parts(node);
  if (type === "OperatorNode" && typeof fn === "string") {
    if (fn === "divide" && b === 0) return undefinedBecause("division by zero");
    if (fn === "pow") {
      if (a === 0 && b < 0) return undefinedBecause("0 to a negative power");
      if (a < 0 && !Number.isInteger(b)) {
        return undefinedBecause("a negative number to a fractional power");
      }
    }
  }
  if (Number.isNaN(value)) {
    return undefinedBecause(`${name || OPERATOR_WORDS[String(fn)] || "a part of f"} is NaN`);
  }
  return { kind: "overflow", text: `overflow in ${name || OPERATOR_WORDS[String(fn)] || "f"}` };
}

/**
 * The innermost sub-expression of f that is not finite at `point` although all of its own
 * inputs are, named in words (see `DomainReason`); null when f is finite there, when the point
 * itself is not finite, or when `text` is not a valid expression. Searches from the root down,
 * entering only sub-expressions that are not finite, so it evaluates O(depth × arguments) parts
 * and is meant for the rare point where a run stops, not for a grid.
 */
export function domainReason(text: string, point: readonly number[]): DomainReason | null {
  const x = point[0] ?? 0;
  const y = point[1] ?? 0;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  let root: MathNode;
  try {
    root = validateExpression(text).node;
  } catch {
    return null;
  }
  const valueOf = (node: MathNode): number => {
    try {
      return compileNode(node)(x, y);
    } catch {
      return NaN;
    }
  };
  let node = root;
  let value = valueOf(node);
  if (Number.isFinite(value)) return null;
  for (;;) {
    const inputs = children(node);
    const values = inputs.map(valueOf);
    const failing = values.findIndex((v) => !Number.isFinite(v));
    if (failing < 0) return nameFailure(node, values, value);
    node = inputs[failing]!;
    value = values[failing]!;
  }
}
