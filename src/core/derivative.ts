/**
 * Exact derivatives of whitelisted trees with mathjs's symbolic `derivative`, extended with the
 * rules mathjs lacks or gets wrong for a calculus explorer:
 *   d abs(u)            = sign(u) * u'           (the subgradient: 0 at the kink, never NaN)
 *   d sign/floor/ceil/round(u) = 0               (almost everywhere)
 *   d min(a, b)         = ifLessEq(a, b, a', b') (the active branch; ties take the first)
 *   d max(a, b)         = ifLessEq(b, a, a', b')
 *   d ifLessEq(a, b, p, q) = ifLessEq(a, b, p', q')
 *   d cbrt(u)           = u' / (3 cbrt(u)^2)     (mathjs's u^(-2/3)/3 is NaN for u < 0)
 *   d log2(u)           = u' / (u ln 2)
 * Subtrees without these functions go to mathjs unchanged; the result is simplified by mathjs
 * when it is small enough for simplify to stay fast.
 */
import type { MathNode } from "mathjs";
import { math } from "./parse.ts";

const { ConstantNode, OperatorNode, FunctionNode, SymbolNode, ParenthesisNode } = math;

/** Functions whose derivative rule lives here rather than in mathjs. */
const OWN_RULES = new Set([
  "abs",
  "sign",
  "floor",
  "ceil",
  "round",
  "min",
  "max",
  "ifLessEq",
  "cbrt",
  "log2",
]);

/** Trees bigger than this are not simplified: mathjs simplify grows fast with size. */
const SIMPLIFY_NODE_LIMIT = 400;

const constant = (value: number): MathNode => new ConstantNode(value);
const op = (symbol: string, fn: string, args: MathNode[]): MathNode =>
  new OperatorNode(symbol as never, fn as never, args);
const fn = (name: string, args: MathNode[]): MathNode =>
  new FunctionNode(new SymbolNode(name), args);
const add = (a: MathNode, b: MathNode) => op("+", "add", [a, b]);
const subtract = (a: MathNode, b: MathNode) => op("-", "subtract", [a, b]);
const multiply = (a: MathNode, b: MathNode) => op("*", "multiply", [a, b]);
const divide = (a: MathNode, b: MathNode) => op("/", "divide", [a, b]);
const pow = (a: MathNode, b: MathNode) => op("^", "pow", [a, b]);
const negate = (a: MathNode) => op("-", "unaryMinus", [a]);

function nodeName(node: MathNode): string {
  if (node.type !== "FunctionNode") return "";
  const f = (node as unknown as { fn: MathNode }).fn;
  return f.type === "SymbolNode" ? (f as unknown as { name: string }).name : "";
}

const argsOf = (node: MathNode) => (node as unknown as { args: MathNode[] }).args;

function dependsOn(node: MathNode, variable: string): boolean {
  let found = false;
  node.traverse((n: MathNode, path: string) => {
    // The name of a called function is a SymbolNode at path "fn", not a use of the variable.
    if (
      n.type === "SymbolNode" &&
      path !== "fn" &&
      (n as unknown as { name: string }).name === variable
    ) {
      found = true;
    }
  });
  return found;
}

function needsOwnRules(node: MathNode): boolean {
  return node.filter((n: MathNode) => OWN_RULES.has(nodeName(n))).length > 0;
}

/** Counts nodes (used to decide whether simplify is affordable). */
export function nodeCount(node: MathNode): number {
  let count = 0;
  node.traverse(() => {
    count++;
  });
  return count;
}

/** d(node)/d(variable) without simplification. */
function differentiateRaw(node: MathNode, variable: string): MathNode {
  if (!dependsOn(node, variable)) return constant(0);
  if (!needsOwnRules(node)) {
    return math.derivative(node, variable, { simplify: false });
  }
  const d = (n: MathNode) => differentiateRaw(n, variable);
  switch (node.type) {
    case "ParenthesisNode":
      return d((node as unknown as { content: MathNode }).content);
    case "OperatorNode": {
      const { fn: name, args } = node as unknown as { fn: string; args: MathNode[] };
      const [a, b] = args as [MathNode, MathNode];
      switch (name) {
        case "unaryPlus":
          return d(a);
        case "unaryMinus":
          return negate(d(a));
        case "add":
          return args.map(d).reduce(add);
        case "subtract":
          return subtract(d(a), d(b));
        case "multiply":
          // (a1 a2 ... an)' = sum over k of a1 ... ak' ... an
          return args
            .map((_, k) => args.map((arg, j) => (j === k ? d(arg) : arg)).reduce(multiply))
            .reduce(add);
        case "divide":
          return divide(subtract(multiply(d(a), b), multiply(a, d(b))), pow(b, constant(2)));
        case "pow": {
          if (!dependsOn(b, variable)) {
            return multiply(multiply(b, pow(a, subtract(b, constant(1)))), d(a));
          }
          if (!dependsOn(a, variable)) {
            return multiply(multiply(pow(a, b), fn("log", [a])), d(b));
          }
          // (a^b)' = a^b (b' ln a + b a'/a)
          return multiply(
            pow(a, b),
            add(multiply(d(b), fn("log", [a])), divide(multiply(b, d(a)), a)),
          );
        }
      }
      break;
    }
    case "FunctionNode": {
      const name = nodeName(node);
      const args = argsOf(node);
      const u = args[0] as MathNode;
      switch (name) {
        case "abs":
          return multiply(fn("sign", [u]), d(u));
        case "sign":
        case "floor":
        case "ceil":
        case "round":
          return constant(0);
        case "cbrt":
          return divide(d(u), multiply(constant(3), pow(fn("cbrt", [u]), constant(2))));
        case "log2":
          return divide(d(u), multiply(u, fn("log", [constant(2)])));
        case "min":
        case "max": {
          let current = u;
          let derivative = d(u);
          for (const next of args.slice(1)) {
            derivative =
              name === "min"
                ? fn("ifLessEq", [current, next, derivative, d(next)])
                : fn("ifLessEq", [next, current, derivative, d(next)]);
            current = fn(name, [current, next]);
          }
          return derivative;
        }
        case "ifLessEq": {
          const [left, right, p, q] = args as [MathNode, MathNode, MathNode, MathNode];
          return fn("ifLessEq", [left, right, d(p), d(q)]);
        }
        case "log":
          if (args.length === 2) {
            return d(divide(fn("log", [u]), fn("log", [args[1] as MathNode])));
          }
          break;
      }
      if (args.length === 1) {
        // Chain rule with mathjs's rule for the outer function: f(u)' = f'(t)|t=u * u'.
        const t = new SymbolNode("__t");
        const outer = math.derivative(fn(name, [t]), "__t", { simplify: false });
        const substituted = outer.transform((n: MathNode) =>
          n.type === "SymbolNode" && (n as unknown as { name: string }).name === "__t"
            ? new ParenthesisNode(u)
            : n,
        );
        return multiply(substituted, d(u));
      }
      break;
    }
  }
  throw new Error(`no derivative rule for ${node.toString()}`);
}

/** Simplifies with mathjs when affordable; falls back to the unsimplified tree. */
export function simplifyNode(node: MathNode): MathNode {
  if (nodeCount(node) > SIMPLIFY_NODE_LIMIT) return node;
  try {
    return math.simplify(node);
  } catch {
    return node;
  }
}

/**
 * ∂node/∂variable, simplified. The tree must already be whitelisted (see validateExpression)
 * or be the output of this function.
 */
export function differentiate(node: MathNode, variable: "x" | "y"): MathNode {
  return simplifyNode(differentiateRaw(node, variable));
}

/**
 * TeX for a tree (mathjs `toTex`), with the internal `ifLessEq(a, b, p, q)` written as cases.
 */
export function toTex(node: MathNode): string {
  return node.toTex({
    parenthesis: "keep",
    implicit: "hide",
    handler: (n: MathNode, options: object) => {
      if (nodeName(n) === "ifLessEq") {
        const [a, b, p, q] = argsOf(n).map((arg) => arg.toTex(options));
        return `\\begin{cases}${p} & ${a} \\le ${b} \\\\ ${q} & \\text{otherwise}\\end{cases}`;
      }
      return undefined;
    },
  } as never);
}
