/**
 * Builds a Surface from hand-written derivatives, so step rules can be tested without the
 * expression parser.
 */
import type { Surface } from "../../../src/core/types.ts";
import type { HandFunction } from "./optimizers.ts";

export function handSurface(fn: HandFunction, dimension: 1 | 2 = 2): Surface {
  const point = (x: number, y: number) => (dimension === 1 ? [x] : [x, y]);
  return {
    text: fn.name,
    normalized: fn.name,
    dimension,
    f: (x, y) => fn.f(point(x, y)),
    dfdx: (x, y) => fn.grad(point(x, y))[0]!,
    dfdy: (x, y) => (dimension === 1 ? 0 : fn.grad(point(x, y))[1]!),
    d2fdx2: (x, y) => fn.hess(point(x, y))[0]![0]!,
    d2fdxdy: (x, y) => (dimension === 1 ? 0 : fn.hess(point(x, y))[0]![1]!),
    d2fdy2: (x, y) => (dimension === 1 ? 0 : fn.hess(point(x, y))[1]![1]!),
    derivativeText: { dfdx: "", dfdy: "", d2fdx2: "", d2fdxdy: "", d2fdy2: "" },
    tex: { f: "", dfdx: "", dfdy: "" },
  };
}
