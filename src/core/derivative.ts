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
import { compileNode } from "./compile.ts";
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
const SIMPLIFY_NODE_LIMIT = 120;

/**
 * Largest derivative tree built. Products of many factors grow quadratically under the product
 * rule (cubically for second derivatives); past this size parsing would stall the page.
 */
export const MAX_DERIVATIVE_NODES = 20000;

/** A derivative that would be too large to build, compile and evaluate quickly. */
export class DerivativeTooLargeError extends Error {
  /**
   * `nodes` is the size that broke `limit`; `estimated` when it was estimated before building
   * the derivative (`estimateDerivativeSize`), so the message never passes an estimate off as a
   * count; `what` names the derivative measured.
   */
  constructor(
    readonly nodes: number,
    readonly limit: number = MAX_DERIVATIVE_NODES,
    readonly estimated = false,
    what = "a derivative",
  ) {
    super(
      estimated
        ? `${what} would have about ${nodes} nodes by an estimate made before building it, more than the ${limit} allowed`
        : `${what} has ${nodes} nodes, more than the ${limit} allowed`,
    );
    this.name = "DerivativeTooLargeError";
  }
}

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

/**
 * An upper estimate of the size of ∂node/∂v, in linear time and without building it, from the
 * size of each rule's output: (ab)' = a'b + ab', (a/b)' = (a'b - ab')/b², (a^b)' = a^b(b' ln a
 * + b a'/a), f(u)' = f'(u) u' with f'(u) holding u at most twice.
 */
export function estimateDerivativeSize(root: MathNode): number {
  const visit = (node: MathNode): [size: number, derivative: number] => {
    const children: MathNode[] = [];
    node.forEach((child: MathNode, path: string) => {
      if (path !== "fn") children.push(child);
    });
    const parts = children.map(visit);
    const size = 1 + parts.reduce((s, [n]) => s + n, 0);
    const sizes = parts.map(([n]) => n);
    const derivatives = parts.map(([, d]) => d);
    const sumSizes = sizes.reduce((s, n) => s + n, 0);
    const sumDerivatives = derivatives.reduce((s, d) => s + d, 0);
    let derivative: number;
    if (node.type === "OperatorNode") {
      const name = (node as unknown as { fn: string }).fn;
      if (name === "multiply")
        derivative = sumDerivatives + sumSizes * Math.max(1, parts.length - 1) + 3 * parts.length;
      else if (name === "divide" || name === "pow") derivative = sumDerivatives + 3 * sumSizes + 8;
      else derivative = sumDerivatives + parts.length + 1;
    } else if (node.type === "FunctionNode") {
      // min/max nest the running extreme into each branch test: quadratic in the argument count.
      const repeats = nodeName(node) === "min" || nodeName(node) === "max" ? parts.length : 2;
      derivative = sumDerivatives + repeats * sumSizes + 6 * Math.max(1, parts.length);
    } else {
      derivative = sumDerivatives + 1;
    }
    return [size, derivative];
  };
  return visit(root)[1];
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

const isConstant = (node: MathNode): node is MathNode & { value: number } =>
  node.type === "ConstantNode" && typeof (node as unknown as { value: unknown }).value === "number";
const valueOf = (node: MathNode) => (node as unknown as { value: number }).value;
const isValue = (node: MathNode, value: number) => isConstant(node) && valueOf(node) === value;
const isNegatedConstant = (node: MathNode) =>
  node.type === "OperatorNode" &&
  (node as unknown as { fn: string }).fn === "unaryMinus" &&
  isConstant(argsOf(node)[0] as MathNode);

/**
 * A linear-time clean-up that mathjs's `derivative(..., { simplify: false })` output needs:
 * folds arithmetic on numbers (division and powers only when the result is an integer, so
 * 1/3 stays exact in the text), drops the identities u+0, u-0, u*1, u/1, u^1, u*0 -> 0,
 * u^0 -> 1, -(-u) -> u, and removes parentheses (printing adds the necessary ones back).
 */
export function foldConstants(node: MathNode): MathNode {
  switch (node.type) {
    case "ParenthesisNode":
      return foldConstants((node as unknown as { content: MathNode }).content);
    case "FunctionNode":
      return fn(nodeName(node), argsOf(node).map(foldConstants));
    case "OperatorNode":
      break;
    default:
      return node;
  }
  const { fn: name } = node as unknown as { fn: string };
  const args = argsOf(node).map(foldConstants);
  const [a, b] = args as [MathNode, MathNode];
  if (args.every(isConstant)) {
    const values = args.map(valueOf);
    const [u = 0, v = 0] = values;
    const folded: Record<string, () => number | undefined> = {
      unaryMinus: () => -u,
      unaryPlus: () => u,
      add: () => values.reduce((s, w) => s + w, 0),
      subtract: () => u - v,
      multiply: () => values.reduce((s, w) => s * w, 1),
      divide: () => (Number.isInteger(u / v) ? u / v : undefined),
      pow: () => (Number.isInteger(u ** v) ? u ** v : undefined),
    };
    const result = folded[name]?.();
    if (result !== undefined && Number.isFinite(result) && !Object.is(result, -0)) {
      return result < 0 ? negate(constant(-result)) : constant(result);
    }
  }
  switch (name) {
    case "unaryPlus":
      return a;
    case "unaryMinus":
      if (isValue(a, 0)) return constant(0);
      if (a.type === "OperatorNode" && (a as unknown as { fn: string }).fn === "unaryMinus") {
        return argsOf(a)[0] as MathNode;
      }
      return negate(a);
    case "add": {
      const kept = args.filter((arg) => !isValue(arg, 0));
      if (kept.length === 0) return constant(0);
      return kept.length === 1 ? (kept[0] as MathNode) : kept.reduce(add);
    }
    case "subtract":
      if (isValue(b, 0)) return a;
      if (isValue(a, 0)) return negate(b);
      return subtract(a, b);
    case "multiply": {
      // Flatten nested products and multiply their numbers together: 2 * (2 * x) -> 4 * x.
      const factors = args.flatMap((arg) =>
        arg.type === "OperatorNode" && (arg as unknown as { fn: string }).fn === "multiply"
          ? argsOf(arg)
          : [arg],
      );
      let coefficient = 1;
      const rest: MathNode[] = [];
      for (const factor of factors) {
        if (isConstant(factor)) coefficient *= valueOf(factor);
        else if (isNegatedConstant(factor)) coefficient *= -valueOf(argsOf(factor)[0] as MathNode);
        else rest.push(factor);
      }
      if (coefficient === 0 && Number.isFinite(coefficient)) return constant(0);
      if (rest.length === 0)
        return coefficient < 0 ? negate(constant(-coefficient)) : constant(coefficient);
      const product = rest.reduce(multiply);
      if (coefficient === 1) return product;
      if (coefficient === -1) return negate(product);
      return multiply(
        coefficient < 0 ? negate(constant(-coefficient)) : constant(coefficient),
        product,
      );
    }
    case "divide":
      if (isValue(b, 1)) return a;
      if (isValue(a, 0)) return constant(0);
      return divide(a, b);
    case "pow":
      if (isValue(b, 1)) return a;
      if (isValue(b, 0)) return constant(1);
      return pow(a, b);
    default:
      return op((node as unknown as { op: string }).op, name, args);
  }
}

/** Sample points for checking that simplification kept the values (no special coordinates). */
const CHECK_POINTS: readonly (readonly [number, number])[] = [
  [0.37, -1.21],
  [-2.31, 0.71],
  [1.93, 2.61],
  [-0.63, -0.47],
  [3.17, -2.23],
  [0.052, 0.91],
  [-1.47, 3.39],
  [0.83, 0.29],
];

/**
 * Whether `candidate` has the values of `reference` wherever `reference` is finite, at
 * CHECK_POINTS (relative tolerance 1e-9). mathjs simplify applies rules that are false for real
 * numbers, e.g. (u^a)^b -> u^(ab) turns (sin(y)^2)^0.5 = |sin y| into sin y; this catches them.
 */
export function agreesNumerically(reference: MathNode, candidate: MathNode): boolean {
  const f = compileNode(reference);
  const g = compileNode(candidate);
  for (const [x, y] of CHECK_POINTS) {
    const expected = f(x, y);
    if (!Number.isFinite(expected)) continue;
    const actual = g(x, y);
    if (!(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)))) return false;
  }
  return true;
}

/** Simplifies with mathjs when affordable; falls back to the unsimplified tree. */
export function simplifyNode(node: MathNode): MathNode {
  try {
    const simplified = math.simplify(node);
    return agreesNumerically(node, simplified) ? simplified : node;
  } catch {
    return node;
  }
}

/**
 * ∂node/∂variable, cleaned by foldConstants and, unless `simplify` is false, simplified for
 * display by simplifyForDisplay (mathjs simplify costs tens of milliseconds per call). The tree must already be whitelisted (see validateExpression)
 * or be the output of this function.
 */
export function differentiate(
  node: MathNode,
  variable: "x" | "y",
  { simplify = true }: { simplify?: boolean } = {},
): MathNode {
  const raw = differentiateRaw(node, variable);
  const rawSize = nodeCount(raw);
  if (rawSize > MAX_DERIVATIVE_NODES) throw new DerivativeTooLargeError(rawSize);
  const folded = foldConstants(raw);
  return simplify ? simplifyForDisplay(folded) : folded;
}

/**
 * The mathjs-simplified form of a derivative for display (text and TeX), or the tree itself
 * when it is too large for simplify to stay fast. Values are checked by agreesNumerically.
 */
export function simplifyForDisplay(node: MathNode): MathNode {
  if (nodeCount(node) > SIMPLIFY_NODE_LIMIT) return node;
  return foldConstants(simplifyNode(node));
}

/**
 * TeX for a tree (mathjs `toTex`), with the internal `ifLessEq(a, b, p, q)` written as cases.
 * mathjs renders a function's argument twice (once for the list, once for the template), which
 * is exponential in the nesting depth; the handler memoizes each node's TeX so the work is linear.
 */
export function toTex(node: MathNode): string {
  const cache = new Map<MathNode, string>();
  let rendering: MathNode | null = null;
  const options = {
    parenthesis: "keep",
    implicit: "hide",
    handler: (n: MathNode): string | undefined => {
      const cached = cache.get(n);
      if (cached !== undefined) return cached;
      // Second entry for the node being rendered: let mathjs render it itself.
      if (n === rendering) return undefined;
      let tex: string;
      if (nodeName(n) === "ifLessEq") {
        const [a, b, p, q] = argsOf(n).map((arg) => arg.toTex(options as never));
        tex = `\\begin{cases}${p} & ${a} \\le ${b} \\\\ ${q} & \\text{otherwise}\\end{cases}`;
      } else {
        rendering = n;
        tex = n.toTex(options as never);
      }
      cache.set(n, tex);
      return tex;
    },
  };
  return node.toTex(options as never);
}
