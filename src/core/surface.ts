/**
 * parseSurface: from typed text to a validated, compiled Surface with exact first and second
 * derivatives and their TeX. See parse.ts (whitelist), compile.ts (code emission) and
 * derivative.ts (symbolic rules).
 */
import type { MathNode } from "mathjs";
import { compileNode } from "./compile.ts";
import {
  DerivativeTooLargeError,
  differentiate,
  estimateDerivativeSize,
  nodeCount,
  simplifyForDisplay,
  toTex,
} from "./derivative.ts";
import { math, SurfaceError, validateExpression } from "./parse.ts";
import type { ScalarFn, Surface, SurfaceTex } from "./types.ts";

export { SurfaceError } from "./parse.ts";

const zero: ScalarFn = () => 0;
/** Largest first derivative whose second derivatives are still built (see MAX_DERIVATIVE_NODES). */
const MAX_FIRST_DERIVATIVE_NODES = 1500;
/** Refuse before differentiating at all when the first derivative is estimated beyond this. */
const MAX_ESTIMATED_DERIVATIVE_NODES = 1500;
const ZERO_NODE: MathNode = new math.ConstantNode(0);

/** The parts of a surface computed when first read (simplifying and TeX take milliseconds). */
interface LazyParts {
  derivativeText: () => Surface["derivativeText"];
  tex: () => SurfaceTex;
}

const lazyParts = new WeakMap<object, LazyParts>();

/**
 * The lazy getters of every surface: one shared pair of functions looking up each surface's own
 * parts. V8 keeps an object's accessors in its hidden class, so getters made per surface (an
 * object literal with `get` members, or new closures each time) put surfaces in slow dictionary
 * mode, which made every `surface.f` read in a batch runner's inner loop a hash lookup. With
 * shared getters every surface has the same fast layout.
 */
const lazyProperties: PropertyDescriptorMap = {
  derivativeText: {
    enumerable: true,
    get(this: object) {
      return lazyParts.get(this)!.derivativeText();
    },
  },
  tex: {
    enumerable: true,
    get(this: object) {
      return lazyParts.get(this)!.tex();
    },
  },
};

/**
 * The checked formula as plain text that reads back as the same formula: mathjs's own printing
 * ("2 x ^ 2 + y"), or, where that leaves an implicit product that would read differently ("x 2"
 * printed "x (2)", a call of x), every product with its "*".
 */
function printed(node: MathNode): string {
  const plain = node.toString();
  try {
    if (validateExpression(plain).node.equals(node)) return plain;
  } catch {
    // Refused as printed: show the products.
  }
  return node.toString({ implicit: "show" });
}

/**
 * Parses and compiles `text` into a Surface: f and its exact derivatives (mathjs `derivative`
 * with the rules of derivative.ts) ∂f/∂x, ∂f/∂y, ∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y² (the mixed one as
 * ∂/∂y of ∂f/∂x), compiled; their text and TeX are simplified when first read.
 * In one variable (no `y` in the text) the y-derivatives are identically 0.
 * Throws SurfaceError for anything outside the whitelist.
 */
export function parseSurface(text: string): Surface {
  const { node, dimension } = validateExpression(text);
  try {
    const estimate = estimateDerivativeSize(node);
    if (estimate > MAX_ESTIMATED_DERIVATIVE_NODES) {
      throw new DerivativeTooLargeError(
        estimate,
        MAX_ESTIMATED_DERIVATIVE_NODES,
        true,
        "its first derivative",
      );
    }
    // Compiled functions come from the derivatives cleaned by constant folding; mathjs simplify
    // (tens of milliseconds per call) runs only when the text or TeX is first read.
    const raw = { simplify: false };
    const dfdxNode = differentiate(node, "x", raw);
    const dfdyNode = dimension === 2 ? differentiate(node, "y", raw) : ZERO_NODE;
    // Second derivatives grow roughly with the square of the first: refuse before building them.
    const firstSize = Math.max(nodeCount(dfdxNode), nodeCount(dfdyNode));
    if (firstSize > MAX_FIRST_DERIVATIVE_NODES) {
      throw new DerivativeTooLargeError(
        firstSize,
        MAX_FIRST_DERIVATIVE_NODES,
        false,
        "its first derivative",
      );
    }
    const d2fdx2Node = differentiate(dfdxNode, "x", raw);
    const d2fdxdyNode = dimension === 2 ? differentiate(dfdxNode, "y", raw) : ZERO_NODE;
    const d2fdy2Node = dimension === 2 ? differentiate(dfdyNode, "y", raw) : ZERO_NODE;

    let display: { dfdx: MathNode; dfdy: MathNode } | undefined;
    const displayed = () =>
      (display ??= { dfdx: simplifyForDisplay(dfdxNode), dfdy: simplifyForDisplay(dfdyNode) });
    let derivativeText: Surface["derivativeText"] | undefined;
    let tex: Surface["tex"] | undefined;
    const surface = Object.defineProperties(
      {
        text,
        normalized: printed(node),
        dimension,
        f: compileNode(node),
        dfdx: compileNode(dfdxNode),
        dfdy: dimension === 2 ? compileNode(dfdyNode) : zero,
        d2fdx2: compileNode(d2fdx2Node),
        d2fdxdy: dimension === 2 ? compileNode(d2fdxdyNode) : zero,
        d2fdy2: dimension === 2 ? compileNode(d2fdy2Node) : zero,
      },
      lazyProperties,
    ) as Surface;
    lazyParts.set(surface, {
      derivativeText: () =>
        (derivativeText ??= Object.freeze({
          dfdx: displayed().dfdx.toString(),
          dfdy: displayed().dfdy.toString(),
          d2fdx2: d2fdx2Node.toString(),
          d2fdxdy: d2fdxdyNode.toString(),
          d2fdy2: d2fdy2Node.toString(),
        })),
      tex: () =>
        (tex ??= Object.freeze({
          f: toTex(node),
          dfdx: toTex(displayed().dfdx),
          dfdy: toTex(displayed().dfdy),
        })),
    });
    return Object.freeze(surface);
  } catch (error) {
    if (error instanceof DerivativeTooLargeError) {
      throw new SurfaceError(
        "too-long",
        `the expression is too complex: ${error.message}; shorten or factor it`,
        0,
        text.length,
      );
    }
    // Validation accepted the text, so a failure here is ours; still report it as a typed error.
    const message = error instanceof Error ? error.message : String(error);
    throw new SurfaceError(
      "unsupported-function",
      `cannot differentiate this expression: ${message}`,
      0,
      text.length,
    );
  }
}

/** parseSurface without throwing: the surface, or the SurfaceError that refused the text. */
export function trySurface(
  text: string,
): { ok: true; surface: Surface } | { ok: false; error: SurfaceError } {
  try {
    return { ok: true, surface: parseSurface(text) };
  } catch (error) {
    if (error instanceof SurfaceError) return { ok: false, error };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: new SurfaceError("syntax", message, 0, typeof text === "string" ? text.length : 0),
    };
  }
}
