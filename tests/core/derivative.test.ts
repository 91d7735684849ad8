import { all, create } from "mathjs";
import { describe, expect, it } from "vitest";
import { parseSurface } from "../../src/core/surface.ts";

const reference = create(all as NonNullable<typeof all>);

type F = (x: number, y: number) => number;
interface Case {
  text: string;
  /** Partial derivatives worked out by hand. */
  dx: F;
  dy?: F;
  /** Second partials worked out by hand: [f_xx, f_xy, f_yy]. */
  hessian?: [F, F?, F?];
  points?: [number, number][];
}

const { sin, cos, tan, exp, log, sqrt, sinh, cosh, tanh, abs, sign, cbrt, LN2, LN10 } = Math;
const sec2 = (v: number) => 1 / cos(v) ** 2;
const sech2 = (v: number) => 1 / cosh(v) ** 2;
const defaultPoints: [number, number][] = [
  [0.3, 0.7],
  [-1.2, 0.4],
  [1.7, -0.9],
  [-0.6, -1.3],
];
const positivePoints: [number, number][] = [
  [0.3, 0.7],
  [1.2, 2.4],
  [2.5, 0.9],
  [0.8, 1.6],
];

const cases: Case[] = [
  {
    text: "x^2 + y^2",
    dx: (x) => 2 * x,
    dy: (_, y) => 2 * y,
    hessian: [() => 2, () => 0, () => 2],
  },
  {
    text: "x^3 y^2",
    dx: (x, y) => 3 * x * x * y * y,
    dy: (x, y) => 2 * x ** 3 * y,
    hessian: [(x, y) => 6 * x * y * y, (x, y) => 6 * x * x * y, (x) => 2 * x ** 3],
  },
  {
    text: "sin(x) cos(y)",
    dx: (x, y) => cos(x) * cos(y),
    dy: (x, y) => -sin(x) * sin(y),
    hessian: [(x, y) => -sin(x) * cos(y), (x, y) => -cos(x) * sin(y), (x, y) => -sin(x) * cos(y)],
  },
  {
    text: "tan(x y)",
    dx: (x, y) => y * sec2(x * y),
    dy: (x, y) => x * sec2(x * y),
    hessian: [
      (x, y) => 2 * y * y * sec2(x * y) * tan(x * y),
      (x, y) => sec2(x * y) * (1 + 2 * x * y * tan(x * y)),
      (x, y) => 2 * x * x * sec2(x * y) * tan(x * y),
    ],
  },
  {
    text: "asin(x/2)",
    dx: (x) => 1 / sqrt(4 - x * x),
    hessian: [(x) => x / (4 - x * x) ** 1.5],
  },
  {
    text: "acos(x y)",
    dx: (x, y) => -y / sqrt(1 - (x * y) ** 2),
    dy: (x, y) => -x / sqrt(1 - (x * y) ** 2),
  },
  {
    text: "atan(y/x)",
    dx: (x, y) => -y / (x * x + y * y),
    dy: (x, y) => x / (x * x + y * y),
    hessian: [
      (x, y) => (2 * x * y) / (x * x + y * y) ** 2,
      (x, y) => (y * y - x * x) / (x * x + y * y) ** 2,
      (x, y) => (-2 * x * y) / (x * x + y * y) ** 2,
    ],
  },
  {
    text: "sinh(x) cosh(y)",
    dx: (x, y) => cosh(x) * cosh(y),
    dy: (x, y) => sinh(x) * sinh(y),
    hessian: [
      (x, y) => sinh(x) * cosh(y),
      (x, y) => cosh(x) * sinh(y),
      (x, y) => sinh(x) * cosh(y),
    ],
  },
  {
    text: "tanh(x - y)",
    dx: (x, y) => sech2(x - y),
    dy: (x, y) => -sech2(x - y),
    hessian: [
      (x, y) => -2 * sech2(x - y) * tanh(x - y),
      (x, y) => 2 * sech2(x - y) * tanh(x - y),
      (x, y) => -2 * sech2(x - y) * tanh(x - y),
    ],
  },
  {
    text: "exp(-(x^2 + y^2))",
    dx: (x, y) => -2 * x * exp(-(x * x + y * y)),
    dy: (x, y) => -2 * y * exp(-(x * x + y * y)),
    hessian: [
      (x, y) => (4 * x * x - 2) * exp(-(x * x + y * y)),
      (x, y) => 4 * x * y * exp(-(x * x + y * y)),
      (x, y) => (4 * y * y - 2) * exp(-(x * x + y * y)),
    ],
  },
  {
    text: "log(x^2 + y^2)",
    dx: (x, y) => (2 * x) / (x * x + y * y),
    dy: (x, y) => (2 * y) / (x * x + y * y),
    hessian: [
      (x, y) => (2 * (y * y - x * x)) / (x * x + y * y) ** 2,
      (x, y) => (-4 * x * y) / (x * x + y * y) ** 2,
      (x, y) => (2 * (x * x - y * y)) / (x * x + y * y) ** 2,
    ],
  },
  {
    text: "log(x, 3)",
    dx: (x) => 1 / (x * log(3)),
    hessian: [(x) => -1 / (x * x * log(3))],
    points: positivePoints,
  },
  {
    text: "log(y, x)",
    dx: (x, y) => -log(y) / (x * log(x) ** 2),
    dy: (x, y) => 1 / (y * log(x)),
    points: positivePoints.filter(([x]) => x !== 1),
  },
  {
    text: "log10(x y)",
    dx: (x) => 1 / (x * LN10),
    dy: (_, y) => 1 / (y * LN10),
    hessian: [(x) => -1 / (x * x * LN10), () => 0, (_, y) => -1 / (y * y * LN10)],
    points: positivePoints,
  },
  {
    text: "log2(x^2 + 1)",
    dx: (x) => (2 * x) / ((x * x + 1) * LN2),
    hessian: [(x) => (2 * (1 - x * x)) / ((x * x + 1) ** 2 * LN2)],
  },
  {
    text: "sqrt(x^2 + y^2 + 1)",
    dx: (x, y) => x / sqrt(x * x + y * y + 1),
    dy: (x, y) => y / sqrt(x * x + y * y + 1),
    hessian: [
      (x, y) => (y * y + 1) / (x * x + y * y + 1) ** 1.5,
      (x, y) => (-x * y) / (x * x + y * y + 1) ** 1.5,
      (x, y) => (x * x + 1) / (x * x + y * y + 1) ** 1.5,
    ],
  },
  {
    // Also for negative x, where x^(-2/3) would be NaN in floating point.
    text: "cbrt(x)",
    dx: (x) => 1 / (3 * cbrt(x) ** 2),
    hessian: [(x) => -2 / (9 * cbrt(x) ** 5)],
  },
  {
    text: "abs(x - 1) + abs(y)",
    dx: (x) => sign(x - 1),
    dy: (_, y) => sign(y),
    hessian: [() => 0, () => 0, () => 0],
    points: [...defaultPoints, [1, 0]],
  },
  {
    text: "abs(sin(x)) y",
    dx: (x, y) => sign(sin(x)) * cos(x) * y,
    dy: (x) => abs(sin(x)),
    points: [...defaultPoints, [0, 2]],
  },
  {
    text: "sqrt(abs(x)) + x^2 abs(y)",
    dx: (x, y) => sign(x) / (2 * sqrt(abs(x))) + 2 * x * abs(y),
    dy: (x, y) => x * x * sign(y),
  },
  {
    text: "sign(x) y",
    dx: () => 0,
    dy: (x) => sign(x),
    hessian: [() => 0, () => 0, () => 0],
  },
  {
    text: "floor(x) + ceil(y) + round(x y)",
    dx: () => 0,
    dy: () => 0,
    hessian: [() => 0, () => 0, () => 0],
  },
  {
    text: "min(x, y)",
    dx: (x, y) => (x <= y ? 1 : 0),
    dy: (x, y) => (x <= y ? 0 : 1),
  },
  {
    text: "max(x^2, y)",
    dx: (x, y) => (x * x >= y ? 2 * x : 0),
    dy: (x, y) => (x * x >= y ? 0 : 1),
    hessian: [(x, y) => (x * x >= y ? 2 : 0), () => 0, () => 0],
  },
  {
    text: "min(x, y, 0.5)",
    dx: (x, y) => (x <= y && x <= 0.5 ? 1 : 0),
    dy: (x, y) => (y < x && y <= 0.5 ? 1 : 0),
    points: [...defaultPoints, [0.9, 0.8], [0.2, 0.3]],
  },
  {
    text: "exp(min(x, y))",
    dx: (x, y) => (x <= y ? exp(x) : 0),
    dy: (x, y) => (x <= y ? 0 : exp(y)),
  },
  {
    text: "x^y",
    dx: (x, y) => y * x ** (y - 1),
    dy: (x, y) => x ** y * log(x),
    hessian: [
      (x, y) => y * (y - 1) * x ** (y - 2),
      (x, y) => x ** (y - 1) * (1 + y * log(x)),
      (x, y) => x ** y * log(x) ** 2,
    ],
    points: positivePoints,
  },
  {
    text: "x^x",
    dx: (x) => x ** x * (log(x) + 1),
    hessian: [(x) => x ** x * ((log(x) + 1) ** 2 + 1 / x)],
    points: positivePoints,
  },
  {
    text: "2^(x y)",
    dx: (x, y) => y * 2 ** (x * y) * LN2,
    dy: (x, y) => x * 2 ** (x * y) * LN2,
  },
  {
    text: "pi e^x",
    dx: (x) => Math.PI * Math.E ** x,
    hessian: [(x) => Math.PI * Math.E ** x],
  },
  {
    text: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    dx: (x, y) => 4 * x * (x * x + y - 11) + 2 * (x + y * y - 7),
    dy: (x, y) => 2 * (x * x + y - 11) + 4 * y * (x + y * y - 7),
    hessian: [
      (x, y) => 12 * x * x + 4 * y - 42,
      (x, y) => 4 * x + 4 * y,
      (x, y) => 4 * x + 12 * y * y - 26,
    ],
  },
  {
    text: "100 (y - x^2)^2 + (1 - x)^2",
    dx: (x, y) => -400 * x * (y - x * x) - 2 * (1 - x),
    dy: (x, y) => 200 * (y - x * x),
    hessian: [(x, y) => 1200 * x * x - 400 * y + 2, (x) => -400 * x, () => 200],
  },
  {
    text: "x / (1 + y^2)",
    dx: (_, y) => 1 / (1 + y * y),
    dy: (x, y) => (-2 * x * y) / (1 + y * y) ** 2,
    hessian: [
      () => 0,
      (_, y) => (-2 * y) / (1 + y * y) ** 2,
      (x, y) => (-2 * x * (1 - 3 * y * y)) / (1 + y * y) ** 3,
    ],
  },
  {
    text: "sin(exp(x) + y^2)",
    dx: (x, y) => cos(exp(x) + y * y) * exp(x),
    dy: (x, y) => cos(exp(x) + y * y) * 2 * y,
  },
  {
    text: "-(x^2 y) + cos(x)^2 + sin(x)^2",
    dx: (x, y) => -2 * x * y,
    dy: (x) => -x * x,
  },
  {
    text: "100 x - x^2",
    dx: (x) => 100 - 2 * x,
    hessian: [() => -2],
    points: [
      [57, 0],
      [50, 0],
    ],
  },
];

/** |actual - expected| within 1e-9 relative to max(1, |expected|). */
function expectClose(actual: number, expected: number, label: string) {
  if (Number.isNaN(expected)) {
    expect(actual, label).toBeNaN();
    return;
  }
  expect(
    Math.abs(actual - expected),
    `${label}: got ${actual}, expected ${expected}`,
  ).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe("exact derivatives against derivatives worked out by hand", () => {
  it("covers at least 25 expressions", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases.map((c) => [c.text, c] as const))("%s", (_, c) => {
    const surface = parseSurface(c.text);
    for (const [x, y] of c.points ?? defaultPoints) {
      const at = `${c.text} at (${x}, ${y})`;
      expectClose(surface.dfdx(x, y), c.dx(x, y), `df/dx ${at}`);
      expectClose(surface.dfdy(x, y), c.dy ? c.dy(x, y) : 0, `df/dy ${at}`);
      if (c.hessian) {
        const [xx, xy, yy] = c.hessian;
        expectClose(surface.d2fdx2(x, y), xx(x, y), `d2f/dx2 ${at}`);
        expectClose(surface.d2fdxdy(x, y), xy ? xy(x, y) : 0, `d2f/dxdy ${at}`);
        expectClose(surface.d2fdy2(x, y), yy ? yy(x, y) : 0, `d2f/dy2 ${at}`);
      }
    }
  });

  it("abs has the subgradient 0 at its kink, never NaN", () => {
    const surface = parseSurface("abs(x) + abs(y - 2)");
    expect(surface.dfdx(0, 1)).toBe(0);
    expect(surface.dfdy(1, 2)).toBe(0);
    expect(surface.d2fdx2(0, 2)).toBe(0);
    const nested = parseSurface("abs(x^2 - 1) * 3");
    expect(nested.dfdx(1, 0)).toBe(0);
    expect(nested.dfdx(2, 0)).toBe(12);
  });

  it("min and max follow the active branch on both sides of a switch", () => {
    const surface = parseSurface("max(x, 2 - x)");
    expect(surface.dfdx(3, 0)).toBe(1);
    expect(surface.dfdx(-3, 0)).toBe(-1);
  });

  it("mixed partials agree both ways (Schwarz) on a smooth function", () => {
    const surface = parseSurface("sin(x y) + x^3 y");
    for (const [x, y] of defaultPoints) {
      // ∂/∂y of ∂f/∂x, computed by hand: cos(xy) - xy sin(xy) + 3x^2
      expectClose(surface.d2fdxdy(x, y), cos(x * y) - x * y * sin(x * y) + 3 * x * x, "fxy");
    }
  });

  it("one-variable surfaces have zero y-derivatives", () => {
    const surface = parseSurface("x^3");
    expect(surface.dimension).toBe(1);
    expect(surface.dfdy(2, 5)).toBe(0);
    expect(surface.d2fdxdy(2, 5)).toBe(0);
    expect(surface.d2fdy2(2, 5)).toBe(0);
    expect(surface.d2fdx2(2, 5)).toBe(12);
  });
});

describe("derivative text and TeX", () => {
  it("carries mathjs text and TeX of f and its first partials", () => {
    const surface = parseSurface("x^2 y");
    // The text is mathjs syntax: an independent mathjs evaluates it to the hand derivatives.
    const evaluate = (text: string, x: number, y: number) =>
      reference.evaluate(text, { x, y }) as number;
    expect(evaluate(surface.derivativeText.dfdx, 1.5, -2)).toBeCloseTo(2 * 1.5 * -2, 12);
    expect(evaluate(surface.derivativeText.dfdy, 1.5, -2)).toBeCloseTo(1.5 * 1.5, 12);
    expect(evaluate(surface.derivativeText.d2fdxdy, 1.5, -2)).toBeCloseTo(2 * 1.5, 12);
    expect(surface.tex.f).toBe(
      reference.parse("x^2 y").toTex({ parenthesis: "keep", implicit: "hide" }),
    );
    expect(surface.tex.dfdx).toMatch(/^2\\cdot/);
    expect(surface.tex.dfdy).toBe("{ x}^{2}");
  });

  it("displayed derivatives keep their values where mathjs simplify would change them", () => {
    // simplify rewrites (u^2)^0.5 to u; for u = sin(y) that flips the sign where sin(y) < 0.
    const surface = parseSurface("(sin(y)^2)^0.5");
    for (const y of [-2.5, -1.2, 0.7, 2.1]) {
      const shown = reference.evaluate(surface.derivativeText.dfdy, { x: 0, y }) as number;
      const byHand = Math.sign(Math.sin(y)) * Math.cos(y);
      expect(shown).toBeCloseTo(byHand, 12);
      expect(surface.dfdy(0, y)).toBeCloseTo(byHand, 12);
    }
  });

  it("writes the min/max derivative as cases", () => {
    const surface = parseSurface("min(x, y)");
    expect(surface.tex.dfdx).toContain("\\begin{cases}");
    expect(surface.tex.dfdx).toContain("\\le");
  });
});
