import { describe, expect, it } from "vitest";
import { partialDifference } from "../../src/core/finiteDifference.ts";
import { trySurface } from "../../src/core/surface.ts";

/** A small seeded generator (LCG), so every run checks the same expressions. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const smoothFunctions = ["sin", "cos", "atan", "exp", "sinh", "cosh", "tanh", "sqrt1p", "log1p"];
const allFunctions = [
  ...smoothFunctions,
  "tan",
  "asin",
  "acos",
  "log",
  "log10",
  "log2",
  "sqrt",
  "cbrt",
  "abs",
  "sign",
  "floor",
  "ceil",
  "round",
  "min",
  "max",
];

/** A random expression of x and y; `sqrt1p(u)` and `log1p(u)` stand for sqrt(u^2+1), log(u^2+1). */
function randomExpression(next: () => number, depth: number, functions: string[]): string {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)] as T;
  if (depth === 0 || next() < 0.25) {
    return pick(["x", "y", "x", "y", String(Math.round(next() * 40) / 10 + 0.5), "pi", "e"]);
  }
  const sub = () => randomExpression(next, depth - 1, functions);
  const kind = next();
  if (kind < 0.45) return `(${sub()} ${pick(["+", "-", "*", "*", "/"])} ${sub()})`;
  if (kind < 0.55) return `(${sub()})^${pick(["2", "3", "-1", "0.5"])}`;
  if (kind < 0.6) return `-${sub()}`;
  const name = pick(functions);
  if (name === "sqrt1p") return `sqrt((${sub()})^2 + 1)`;
  if (name === "log1p") return `log((${sub()})^2 + 1)`;
  if (name === "min" || name === "max") return `${name}(${sub()}, ${sub()})`;
  if (name === "log" && next() < 0.3) return `log(${sub()}, 3)`;
  return `${name}(${sub()})`;
}

describe("random expressions", () => {
  it("smooth ones: the exact gradient agrees with central differences", () => {
    const next = generator(2024);
    let checked = 0;
    for (let n = 0; n < 150; n++) {
      const text = randomExpression(next, 3, smoothFunctions);
      const result = trySurface(text);
      expect(result.ok, `${text}: ${result.ok ? "" : result.error.message}`).toBe(true);
      if (!result.ok) continue;
      const { surface } = result;
      for (let k = 0; k < 3; k++) {
        const x = -2 + 4 * next();
        const y = -2 + 4 * next();
        for (const axis of [0, 1] as const) {
          const exact = axis === 0 ? surface.dfdx(x, y) : surface.dfdy(x, y);
          const central = partialDifference("central", surface.f, x, y, axis);
          const value = surface.f(x, y);
          if (!Number.isFinite(exact) || !Number.isFinite(central) || Math.abs(value) > 1e6)
            continue;
          // Central differences with the default step are good to ~1e-10 relative to the
          // function's scale; a wrong rule is off by O(1).
          const scale = Math.max(1, Math.abs(exact), Math.abs(value));
          expect(
            Math.abs(exact - central) / scale,
            `${text} at (${x}, ${y}) axis ${axis}`,
          ).toBeLessThan(1e-5);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("any whitelisted expression compiles with its Hessian and evaluates to numbers without throwing", () => {
    const next = generator(7);
    for (let n = 0; n < 200; n++) {
      const text = randomExpression(next, 3, allFunctions);
      const result = trySurface(text);
      expect(result.ok, `${text}: ${result.ok ? "" : result.error.message}`).toBe(true);
      if (!result.ok) continue;
      const s = result.surface;
      for (const [x, y] of [
        [0.3, -0.7],
        [-1.5, 2],
        [0, 0],
      ] as const) {
        for (const fn of [s.f, s.dfdx, s.dfdy, s.d2fdx2, s.d2fdxdy, s.d2fdy2]) {
          expect(typeof fn(x, y)).toBe("number");
        }
      }
    }
  });
});
