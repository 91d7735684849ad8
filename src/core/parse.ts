/**
 * Validation of a typed surface expression: mathjs parses it, and this module decides whether
 * the tree stays inside the whitelist (numbers, x, y, pi, e, + - * / ^, parentheses and the
 * functions of ALLOWED_FUNCTIONS). Every refusal is a SurfaceError with the character range
 * to underline.
 *
 * Nothing here evaluates what was typed: mathjs is only asked to `parse`. Characters that
 * could only lead outside the whitelist (quotes, brackets, `=`, `;`, `.` outside numbers, ...)
 * are refused before mathjs sees the text, so the positions of those errors are exact.
 */
import { all, create, type MathNode } from "mathjs";
import type { Dimension, SurfaceErrorCode } from "./types.ts";
import { codePointText, invisibleName } from "./invisible.ts";

/**
 * A private mathjs instance: nothing this project does can change the shared default
 * instance, and nothing typed is ever evaluated by it.
 */
export const math = create(all as NonNullable<typeof all>, {});

/** Longest expression accepted; longer text is refused before parsing. */
export const MAX_EXPRESSION_LENGTH = 2000;
/** Deepest parenthesis nesting accepted. */
export const MAX_PAREN_DEPTH = 40;
/** Deepest syntax tree accepted (operators chained like x^x^x^... also nest). */
export const MAX_TREE_DEPTH = 80;
/** Most signs in a row accepted (`---x` nests one level per sign). */
const MAX_SIGN_RUN = 8;

/** A typed expression the whitelist refuses, with the 0-based range [start, end) to underline. */
export class SurfaceError extends Error {
  readonly code: SurfaceErrorCode;
  readonly start: number;
  readonly end: number;
  readonly suggestion?: string;
  constructor(
    code: SurfaceErrorCode,
    message: string,
    start: number,
    end: number,
    suggestion?: string,
  ) {
    super(message);
    this.name = "SurfaceError";
    this.code = code;
    this.start = start;
    this.end = Math.max(end, start);
    if (suggestion !== undefined) this.suggestion = suggestion;
  }
}

/** Allowed functions and how many arguments each takes ([min, max]). */
export const ALLOWED_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  sin: [1, 1],
  cos: [1, 1],
  tan: [1, 1],
  asin: [1, 1],
  acos: [1, 1],
  atan: [1, 1],
  sinh: [1, 1],
  cosh: [1, 1],
  tanh: [1, 1],
  exp: [1, 1],
  log: [1, 2],
  log10: [1, 1],
  log2: [1, 1],
  sqrt: [1, 1],
  cbrt: [1, 1],
  abs: [1, 1],
  sign: [1, 1],
  min: [1, 64],
  max: [1, 64],
  floor: [1, 1],
  ceil: [1, 1],
  round: [1, 1],
};
const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
export const ALLOWED_VARIABLES = ["x", "y"] as const;
export const ALLOWED_CONSTANTS = ["pi", "e"] as const;
const ALLOWED_NAMES = [
  ...ALLOWED_VARIABLES,
  ...ALLOWED_CONSTANTS,
  ...Object.keys(ALLOWED_FUNCTIONS),
];

/** mathjs functions that reach outside a formula: named so the message can say why. */
const REACHES_OUTSIDE = new Set([
  "import",
  "createUnit",
  "evaluate",
  "parse",
  "simplify",
  "simplifyConstant",
  "simplifyCore",
  "derivative",
  "compile",
  "config",
  "chain",
  "parser",
  "help",
  "resolve",
  "rationalize",
  "reviver",
  "replacer",
  "typed",
  "print",
  "format",
  "leafCount",
  "symbolicEqual",
  "map",
  "forEach",
  "filter",
  "apply",
]);

/** Common spellings from other notations, mapped to the name used here. */
const ALIASES: Readonly<Record<string, string>> = {
  ln: "log",
  lg: "log10",
  lb: "log2",
  arcsin: "asin",
  arccos: "acos",
  arctan: "atan",
  sgn: "sign",
  sqr: "sqrt",
  PI: "pi",
  Pi: "pi",
  π: "pi",
  E: "e",
  X: "x",
  Y: "y",
  Sin: "sin",
  Cos: "cos",
  Exp: "exp",
  Log: "log",
  fabs: "abs",
};

/** The result of validation: a whitelisted mathjs tree and the variables it uses. */
export interface ValidatedExpression {
  node: MathNode;
  dimension: Dimension;
  usesY: boolean;
}

type TokenKind = "number" | "identifier" | "operator" | "paren" | "comma";
interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment): insertions,
 * deletions, substitutions and swaps of neighbours each cost 1, so "sni" is 1 from "sin".
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The closest allowed name to `name`: a known alias, a power (`x2` -> `x^2`), a call without
 * parentheses (`sinx` -> `sin(x)`), a product of variables (`xy` -> `x*y`), or the allowed
 * name within edit distance 1 (2 for names of 5+ letters).
 */
export function suggestName(name: string): string | undefined {
  if (hasOwn(ALIASES, name)) return ALIASES[name];
  const lower = name.toLowerCase();
  if (ALLOWED_NAMES.includes(lower)) return lower;
  const power = /^([xy])(\d+)$/.exec(name);
  if (power) return `${power[1]}^${power[2]}`;
  const called = Object.keys(ALLOWED_FUNCTIONS)
    .sort((a, b) => b.length - a.length)
    .find((fn) => name.startsWith(fn) && /^(?:x|y|pi|e)$/.test(name.slice(fn.length)));
  if (called !== undefined) return `${called}(${name.slice(called.length)})`;
  const pieces = /^(?:x|y|pi|e)+$/.test(name) ? name.match(/x|y|pi|e/g) : null;
  if (pieces && pieces.length > 1) return pieces.join("*");
  let best: string | undefined;
  let bestDistance = name.length >= 5 ? 3 : 2;
  for (const candidate of ALLOWED_NAMES) {
    if (candidate.length === 1 && name.length > 2) continue;
    const distance = editDistance(lower, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

const describeChar = (c: string) =>
  /^[\x21-\x7e]$/.test(c) ? `"${c}"` : codePointText(c.codePointAt(0) ?? 0);

/** Why a character outside the token set is refused. */
function refuseCharacter(text: string, index: number): SurfaceError {
  const c = text[index] ?? "";
  const codePoint = text.codePointAt(index) ?? 0;
  const width = codePoint > 0xffff ? 2 : 1;
  const at = (code: SurfaceErrorCode, message: string, suggestion?: string) =>
    new SurfaceError(code, message, index, index + width, suggestion);
  switch (c) {
    case "=":
      return at(
        "forbidden",
        'assignments and comparisons ("=") are not allowed: type only the formula',
      );
    case "[":
    case "]":
      return at("forbidden", `matrices and indexing ("${c}") are not allowed`);
    case "{":
    case "}":
      return at("forbidden", `objects ("${c}") are not allowed`, "(");
    case '"':
    case "'":
    case "`":
      return at("forbidden", `strings (${describeChar(c)}) are not allowed`);
    case ";":
    case "\n":
    case "\r":
      return at("forbidden", "only one expression is allowed");
    case "#":
      return at("forbidden", 'comments ("#") are not allowed');
    case "!":
      return at("unsupported-function", 'factorial ("!") is not supported');
    case "%":
      return at("unsupported-function", 'modulo and percent ("%") are not supported');
    case "<":
    case ">":
      return at("forbidden", `comparisons ("${c}") are not allowed`);
    case "?":
    case ":":
      return at("forbidden", `conditionals and ranges ("${c}") are not allowed`);
    case "&":
    case "|":
    case "~":
      return at("unsupported-function", `bitwise and logical operators ("${c}") are not supported`);
    case "\\":
      return at("syntax", 'backslash ("\\") is not allowed');
    case "×":
    case "·":
    case "⋅":
      return at("syntax", `${describeChar(c)} is not an operator here: write "*"`, "*");
    case "−":
    case "–":
      return at("syntax", `${describeChar(c)} is not an operator here: write "-"`, "-");
    case "÷":
      return at("syntax", `${describeChar(c)} is not an operator here: write "/"`, "/");
    case "π":
      return at("unknown-symbol", 'write "pi" for π', "pi");
    case "²":
      return at("syntax", 'write "^2" for ²', "^2");
    default: {
      const invisible = invisibleName(codePoint);
      if (invisible !== null) {
        return at(
          "syntax",
          `an invisible character is here, the ${invisible} (${codePointText(codePoint)}): delete it`,
        );
      }
      return at("syntax", `unexpected character ${describeChar(String.fromCodePoint(codePoint))}`);
    }
  }
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isIdentifierStart = (c: string | undefined) => c !== undefined && /^[A-Za-z_]$/.test(c);
const isIdentifierPart = (c: string | undefined) => c !== undefined && /^[A-Za-z0-9_]$/.test(c);

/**
 * Splits text into the small token set allowed here, mirroring mathjs's tokenizer for numbers
 * and names, and refuses any other character at its position. Also enforces the nesting limits
 * so a hostile text never reaches mathjs's recursive parser.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let signRun = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? "";
    const start = i;
    if (c === " " || c === "\t" || c === "\u00a0") {
      i++;
      continue;
    }
    if (c === "+" || c === "-") signRun++;
    else signRun = 0;
    if (signRun > MAX_SIGN_RUN) {
      throw new SurfaceError(
        "too-deep",
        `more than ${MAX_SIGN_RUN} + or − signs in a row; at most ${MAX_SIGN_RUN} are allowed`,
        i,
        i + 1,
      );
    }
    if (isDigit(c) || (c === "." && isDigit(text[i + 1]))) {
      const radix = text.slice(i, i + 2);
      if (radix === "0x" || radix === "0b" || radix === "0o") {
        i += 2;
        while (isIdentifierPart(text[i])) i++;
      } else {
        while (isDigit(text[i])) i++;
        if (text[i] === ".") i++;
        while (isDigit(text[i])) i++;
        const next = text[i + 1];
        if (
          (text[i] === "e" || text[i] === "E") &&
          (isDigit(next) || next === "+" || next === "-")
        ) {
          i += 2;
          while (isDigit(text[i])) i++;
        }
      }
      tokens.push({ kind: "number", text: text.slice(start, i), start, end: i });
      continue;
    }
    if (isIdentifierStart(c)) {
      while (isIdentifierPart(text[i])) i++;
      const name = text.slice(start, i);
      if (REACHES_OUTSIDE.has(name)) {
        throw new SurfaceError("forbidden", `"${name}" is not allowed in a formula`, start, i);
      }
      tokens.push({ kind: "identifier", text: text.slice(start, i), start, end: i });
      continue;
    }
    if (c === "+" || c === "-" || c === "*" || c === "/" || c === "^") {
      tokens.push({ kind: "operator", text: c, start, end: i + 1 });
      i++;
      continue;
    }
    if (c === "(" || c === ")") {
      depth += c === "(" ? 1 : -1;
      if (depth > MAX_PAREN_DEPTH) {
        throw new SurfaceError(
          "too-deep",
          `parentheses are nested more than ${MAX_PAREN_DEPTH} deep`,
          i,
          i + 1,
        );
      }
      tokens.push({ kind: "paren", text: c, start, end: i + 1 });
      i++;
      continue;
    }
    if (c === ",") {
      tokens.push({ kind: "comma", text: c, start, end: i + 1 });
      i++;
      continue;
    }
    if (c === ".") {
      const next = text[i + 1] ?? "";
      if (next === "*" || next === "/" || next === "^") {
        throw new SurfaceError(
          "unsupported-function",
          `element-wise operator ".${next}" is not supported: write "${next}"`,
          i,
          i + 2,
          next,
        );
      }
      if (/^[\sA-Za-z_$]$/.test(next)) {
        let end = i + 1;
        while (text[end] === " ") end++;
        while (isIdentifierPart(text[end]) || text[end] === "$") end++;
        throw new SurfaceError("forbidden", 'property access (".") is not allowed', i, end);
      }
      throw new SurfaceError("syntax", 'unexpected "."', i, i + 1);
    }
    throw refuseCharacter(text, i);
  }
  return tokens;
}

/** Names that mathjs reads as operators or literals rather than symbols. */
const NAMED_OPERATORS = new Set(["mod", "to", "in", "and", "xor", "or", "not"]);
const NAMED_LITERALS = new Set(["true", "false", "null", "undefined", "NaN", "Infinity"]);

function checkTokenNames(tokens: Token[]): void {
  for (const token of tokens) {
    if (token.kind !== "identifier") continue;
    if (NAMED_OPERATORS.has(token.text)) {
      throw new SurfaceError(
        "unsupported-function",
        `the operator "${token.text}" is not supported`,
        token.start,
        token.end,
      );
    }
    if (NAMED_LITERALS.has(token.text)) {
      throw new SurfaceError(
        token.text === "NaN" || token.text === "Infinity" ? "invalid-number" : "forbidden",
        `"${token.text}" is not allowed: use finite numbers`,
        token.start,
        token.end,
      );
    }
  }
}

/**
 * A mathjs syntax message in the product's words; one this table does not know becomes a plain
 * "cannot be read here", never mathjs's own text.
 */
function syntaxWords(message: string): string {
  if (message.startsWith("Unexpected end of expression")) return "the expression ends too early";
  if (message.startsWith("Parenthesis ) expected")) return 'a closing ")" is missing';
  if (message.startsWith("Value expected")) return "a value is expected here";
  const operator = /^Unexpected operator (.+)$/.exec(message);
  if (operator) {
    const sign = operator[1]!;
    return sign === ")" || sign === "]"
      ? `"${sign}" here closes nothing: there is no opening bracket for it`
      : `"${sign}" cannot stand here: a value is expected before it`;
  }
  const part = /^Unexpected part "(.+)"$/.exec(message);
  if (part) {
    return `"${part[1]}" cannot follow what comes before it (a number has one decimal point; put an operator between values)`;
  }
  return "the expression cannot be read here";
}

/** mathjs syntax errors carry a 1-based `char`; map it to a 0-based range. */
function syntaxErrorFrom(error: unknown, text: string): SurfaceError {
  const raw = error instanceof Error ? error.message : String(error);
  const charIndex = (error as { char?: unknown }).char;
  const message = raw.replace(/\s*\(char \d+\)\s*$/, "");
  let start = typeof charIndex === "number" ? charIndex - 1 : text.length;
  start = Math.min(Math.max(start, 0), text.length);
  while (start > 0 && start >= text.length && /\s/.test(text[start - 1] ?? "")) start--;
  const friendly = syntaxWords(message);
  return new SurfaceError("syntax", friendly, start, Math.min(start + 1, text.length) || start);
}

/** Depth of a tree, without recursion so that a hostile tree cannot overflow the stack. */
function treeDepth(root: MathNode): number {
  let max = 0;
  const stack: [MathNode, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (depth > MAX_TREE_DEPTH) break;
    node.forEach((child: MathNode) => stack.push([child, depth + 1]));
  }
  return max;
}

const listFunctions = () => Object.keys(ALLOWED_FUNCTIONS).join(", ");

/**
 * Walks the tree in source order, pairing each symbol with the next identifier token and each
 * number with the next number token, so that every refusal points at the right characters.
 */
function checkTree(
  root: MathNode,
  tokens: Token[],
  text: string,
): { usesX: boolean; usesY: boolean } {
  const identifiers = tokens.filter((t) => t.kind === "identifier");
  const numbers = tokens.filter((t) => t.kind === "number");
  let nextIdentifier = 0;
  let nextNumber = 0;
  let usesX = false;
  let usesY = false;
  const whole = (code: SurfaceErrorCode, message: string) =>
    new SurfaceError(code, message, 0, text.length);

  const visit = (node: MathNode): void => {
    switch (node.type) {
      case "ConstantNode": {
        const token = numbers[nextNumber++];
        const value = (node as unknown as { value: unknown }).value;
        if (typeof value !== "number")
          throw whole("forbidden", "only numbers are allowed as constants");
        if (!Number.isFinite(value)) {
          throw new SurfaceError(
            "invalid-number",
            `the number ${token?.text ?? ""} is not finite`.replace("  ", " "),
            token?.start ?? 0,
            token?.end ?? text.length,
          );
        }
        return;
      }
      case "SymbolNode": {
        const token = identifiers[nextIdentifier++];
        const name = (node as unknown as { name: string }).name;
        const start = token?.start ?? 0;
        const end = token?.end ?? text.length;
        if (name === "x") usesX = true;
        else if (name === "y") usesY = true;
        else if (name === "pi" || name === "e") return;
        else throw unknownSymbol(name, start, end, false);
        return;
      }
      case "FunctionNode": {
        const fn = (node as unknown as { fn: MathNode }).fn;
        const args = (node as unknown as { args: MathNode[] }).args;
        if (fn.type !== "SymbolNode")
          throw whole("forbidden", "only named functions can be called");
        const token = identifiers[nextIdentifier++];
        const name = (fn as unknown as { name: string }).name;
        const start = token?.start ?? 0;
        const end = token?.end ?? text.length;
        if (name === "x" || name === "y") {
          throw new SurfaceError(
            "unsupported-function",
            `${name} is a variable, not a function: write ${name}*(...) to multiply`,
            start,
            end,
            `${name}*`,
          );
        }
        if (name === "pi" || name === "e") {
          throw new SurfaceError(
            "unsupported-function",
            `${name} is a constant, not a function: write ${name}*(...) to multiply`,
            start,
            end,
            `${name}*`,
          );
        }
        const arity = hasOwn(ALLOWED_FUNCTIONS, name) ? ALLOWED_FUNCTIONS[name] : undefined;
        if (!arity) throw unknownSymbol(name, start, end, true);
        const [least, most] = arity;
        if (args.length < least || args.length > most) {
          const expected =
            least === most ? `${least}` : most > 2 ? `at least ${least}` : `${least} or ${most}`;
          const singular = most === 1 || (most > 2 && least === 1);
          throw new SurfaceError(
            "syntax",
            `${name} takes ${expected} argument${singular ? "" : "s"}, got ${args.length === 0 ? "none" : args.length}`,
            start,
            end,
          );
        }
        args.forEach(visit);
        return;
      }
      case "OperatorNode": {
        const fn = (node as unknown as { fn: string }).fn;
        const allowed = ["add", "subtract", "multiply", "divide", "pow", "unaryMinus", "unaryPlus"];
        if (!allowed.includes(fn))
          throw whole("unsupported-function", `operator ${fn} is not supported`);
        (node as unknown as { args: MathNode[] }).args.forEach(visit);
        return;
      }
      case "ParenthesisNode":
        visit((node as unknown as { content: MathNode }).content);
        return;
      default:
        throw whole(
          "forbidden",
          `${node.type.replace(/Node$/, "").toLowerCase()} syntax is not allowed`,
        );
    }
  };
  visit(root);
  return { usesX, usesY };
}

function unknownSymbol(name: string, start: number, end: number, called: boolean): SurfaceError {
  if (REACHES_OUTSIDE.has(name)) {
    return new SurfaceError("forbidden", `"${name}" is not allowed in a formula`, start, end);
  }
  const suggestion = suggestName(name);
  const hint = suggestion !== undefined ? `; did you mean ${suggestion}?` : "";
  const isMathFunction =
    hasOwn(math, name) && typeof (math as unknown as Record<string, unknown>)[name] === "function";
  if (isMathFunction && called) {
    return new SurfaceError(
      "unsupported-function",
      `the function ${name} is not supported (allowed: ${listFunctions()})${hint}`,
      start,
      end,
      suggestion,
    );
  }
  if (hasOwn(ALLOWED_FUNCTIONS, name)) {
    return new SurfaceError(
      "syntax",
      `${name} is a function: write ${name}(...)`,
      start,
      end,
      `${name}(`,
    );
  }
  let isUnit: boolean;
  try {
    isUnit = math.Unit.isValuelessUnit(name);
  } catch {
    isUnit = false;
  }
  if (isUnit && suggestion === undefined) {
    return new SurfaceError(
      "unknown-symbol",
      `units such as "${name}" are not supported`,
      start,
      end,
    );
  }
  const what = called ? "unknown function" : "unknown symbol";
  const allowed = called ? `functions: ${listFunctions()}` : "use x, y, pi, e";
  return new SurfaceError(
    "unknown-symbol",
    suggestion !== undefined ? `${what} "${name}"${hint}` : `${what} "${name}" (${allowed})`,
    start,
    end,
    suggestion,
  );
}

/**
 * Validates typed text against the whitelist and returns the mathjs tree.
 * Refuses, in this order: empty text, text over MAX_EXPRESSION_LENGTH, characters outside the
 * token set, nesting beyond the limits, mathjs syntax errors, then any tree node outside the
 * whitelist. Throws SurfaceError.
 */
export function validateExpression(text: string): ValidatedExpression {
  if (typeof text !== "string")
    throw new SurfaceError("empty", "the expression must be text", 0, 0);
  if (text.trim() === "")
    throw new SurfaceError("empty", "type a function of x and y, e.g. x^2 + y^2", 0, 0);
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new SurfaceError(
      "too-long",
      `the expression is ${text.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed`,
      MAX_EXPRESSION_LENGTH,
      text.length,
    );
  }
  const tokens = tokenize(text);
  checkTokenNames(tokens);
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (error) {
    throw syntaxErrorFrom(error, text);
  }
  if (treeDepth(node) > MAX_TREE_DEPTH) {
    throw new SurfaceError(
      "too-deep",
      `the expression nests more than ${MAX_TREE_DEPTH} levels deep`,
      0,
      text.length,
    );
  }
  const { usesY } = checkTree(node, tokens, text);
  return { node, dimension: usesY ? 2 : 1, usesY };
}
