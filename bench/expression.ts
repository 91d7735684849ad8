/**
 * Expression evaluation speed: our compiled surface functions against hand-written JavaScript
 * of the same formulas and against mathjs `compile().evaluate`.
 *
 * Each timed loop is a fresh function (built with `new Function`) so that V8's call-site
 * feedback stays monomorphic for the function under test, as it is in real use; results are
 * accumulated and returned so no call can be eliminated as dead code; every figure is the
 * median of several repetitions after a warm-up. The hand-written baselines are what a
 * performance-minded person writes: squares as products (x ** 2 goes through Math.pow and is
 * several times slower in V8), shared subexpressions in the gradients.
 */
import { setFlagsFromString } from "node:v8";
import { create, all } from "mathjs";
import { parseSurface } from "../src/core/surface.ts";
import type { ScalarFn } from "../src/core/types.ts";
import type { BenchResult, BenchSuite } from "./types.ts";

interface Formula {
  name: string;
  text: string;
  f: ScalarFn;
  gradient: (x: number, y: number, out: Float64Array) => void;
}

const formulas: Formula[] = [
  {
    name: "himmelblau",
    text: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    f: (x, y) => {
      const a = x * x + y - 11;
      const b = x + y * y - 7;
      return a * a + b * b;
    },
    gradient: (x, y, out) => {
      const a = x * x + y - 11;
      const b = x + y * y - 7;
      out[0] = 4 * x * a + 2 * b;
      out[1] = 2 * a + 4 * y * b;
    },
  },
  {
    name: "rosenbrock",
    text: "100 (y - x^2)^2 + (1 - x)^2",
    f: (x, y) => {
      const a = y - x * x;
      const b = 1 - x;
      return 100 * a * a + b * b;
    },
    gradient: (x, y, out) => {
      const a = y - x * x;
      out[0] = -400 * x * a - 2 * (1 - x);
      out[1] = 200 * a;
    },
  },
  {
    name: "sin-cos-bowl",
    text: "sin(x)*cos(y) + 0.1*(x^2+y^2)",
    f: (x, y) => Math.sin(x) * Math.cos(y) + 0.1 * (x * x + y * y),
    gradient: (x, y, out) => {
      out[0] = Math.cos(x) * Math.cos(y) + 0.2 * x;
      out[1] = -Math.sin(x) * Math.sin(y) + 0.2 * y;
    },
  },
];

const POINTS = 4096;
const REPETITIONS = 21;
const GRID = 256;

/** Median of a list of numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Deterministic spread of points over [-5, 5]², so no input repeats within a pass. */
function samplePoints(): { xs: Float64Array; ys: Float64Array } {
  const xs = new Float64Array(POINTS);
  const ys = new Float64Array(POINTS);
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = 0; i < POINTS; i++) {
    xs[i] = -5 + 10 * next();
    ys[i] = -5 + 10 * next();
  }
  return { xs, ys };
}

type Loop = (...args: unknown[]) => number;
let loopId = 0;
/**
 * A new timed loop. The source carries a unique comment: V8 caches `new Function` by source
 * text, and loops sharing one cache entry share call-site feedback, which would turn the call
 * of the function under test megamorphic and stop it being inlined.
 */
const makeLoop = (params: string[], body: string) =>
  new Function(...params, `// timed loop ${++loopId}\n${body}`) as Loop;

let sink = 0;

interface Timed {
  loop: Loop;
  args: unknown[];
}

/**
 * Median ns per call for each candidate. The candidates are timed in alternation within each
 * repetition, so a burst of load on a shared machine hits all of them alike; the ratio of each
 * to the first is taken per repetition and its median reported.
 */
function timeInterleaved(
  candidates: Timed[],
  calls: number,
  minMs = 10,
): { ns: number[]; ratios: number[]; best: number[] } {
  const passes = candidates.map(({ loop, args }) => {
    // Warm up until optimized, then size one repetition to take about minMs.
    const warmUntil = performance.now() + 150;
    while (performance.now() < warmUntil) sink += loop(...args, 1);
    let count = 1;
    for (;;) {
      const start = performance.now();
      sink += loop(...args, count);
      if (performance.now() - start >= minMs || count > 1 << 20) return count;
      count *= 2;
    }
  });
  const samples: number[][] = candidates.map(() => []);
  for (let r = 0; r < REPETITIONS; r++) {
    // Rotate who goes first, so the cost left behind by one candidate (garbage to collect)
    // does not always land on the same next one.
    for (let j = 0; j < candidates.length; j++) {
      const k = (r + j) % candidates.length;
      const { loop, args } = candidates[k] as Timed;
      const count = passes[k] ?? 1;
      const start = performance.now();
      sink += loop(...args, count);
      samples[k]?.push(((performance.now() - start) * 1e6) / (count * calls));
    }
  }
  const base = samples[0] ?? [];
  return {
    ns: samples.map(median),
    best: samples.map((series) => Math.min(...series)),
    ratios: samples.map((series) => median(series.map((v, r) => v / (base[r] ?? NaN)))),
  };
}

const evalLoopSource = `let acc = 0;
for (let p = 0; p < passes; p++) for (let i = 0; i < xs.length; i++) acc += f(xs[i], ys[i]);
return acc;`;

const compiledGradientSource = `let acc = 0;
for (let p = 0; p < passes; p++) for (let i = 0; i < xs.length; i++) {
  const x = xs[i], y = ys[i];
  acc += dfdx(x, y) + dfdy(x, y);
}
return acc;`;

const handGradientSource = `let acc = 0;
for (let p = 0; p < passes; p++) for (let i = 0; i < xs.length; i++) {
  gradient(xs[i], ys[i], out);
  acc += out[0] + out[1];
}
return acc;`;

/** Fills value and gradient buffers of a GRID×GRID sampling of [-5, 5]², like a surface rebuild. */
const compiledGridSource = `let acc = 0;
for (let p = 0; p < passes; p++) {
  let k = 0;
  for (let j = 0; j < n; j++) {
    const y = -5 + (10 * j) / (n - 1);
    for (let i = 0; i < n; i++, k++) {
      const x = -5 + (10 * i) / (n - 1);
      values[k] = f(x, y);
      gx[k] = dfdx(x, y);
      gy[k] = dfdy(x, y);
    }
  }
  acc += values[k - 1] + gx[k - 1] + gy[k - 1];
}
return acc;`;

const handGridSource = `let acc = 0;
for (let p = 0; p < passes; p++) {
  let k = 0;
  for (let j = 0; j < n; j++) {
    const y = -5 + (10 * j) / (n - 1);
    for (let i = 0; i < n; i++, k++) {
      const x = -5 + (10 * i) / (n - 1);
      values[k] = f(x, y);
      gradient(x, y, out);
      gx[k] = out[0];
      gy[k] = out[1];
    }
  }
  acc += values[k - 1] + gx[k - 1] + gy[k - 1];
}
return acc;`;

const round = (value: number, digits = 3) => Number(value.toPrecision(digits));

export const suite: BenchSuite = {
  name: "expression",
  run(): BenchResult[] {
    // Optimize on the main thread: on a busy machine a background compile can finish late and
    // make whichever function was unlucky look slow. Steady-state speed is what is measured.
    setFlagsFromString("--no-concurrent-recompilation");
    const mathjs = create(all as NonNullable<typeof all>);
    const { xs, ys } = samplePoints();
    const results: BenchResult[] = [];
    for (const formula of formulas) {
      const surface = parseSurface(formula.text);
      const compiledMathjs = mathjs.compile(formula.text);
      const scope = { x: 0, y: 0 };
      const viaMathjs: ScalarFn = (x, y) => {
        scope.x = x;
        scope.y = y;
        return compiledMathjs.evaluate(scope) as number;
      };
      /**
       * One result per candidate: the median, the best repetition, the median of per-repetition
       * ratios to the first candidate (hand-written) and the ratio of the bests. On a loaded
       * machine the bests are the steadier figures.
       */
      const report = (
        what: string,
        labels: string[],
        timing: { ns: number[]; ratios: number[]; best: number[] },
        unit: "ns" | "ms",
      ) => {
        const scale = unit === "ms" ? 1e-6 : 1;
        labels.forEach((label, k) => {
          results.push({
            name: `${formula.name} ${what} ${label}`,
            value: round((timing.ns[k] ?? NaN) * scale),
            unit,
            best: round((timing.best[k] ?? NaN) * scale),
            ...(k > 0
              ? {
                  ratio: round(timing.ratios[k] ?? NaN),
                  bestRatio: round((timing.best[k] ?? NaN) / (timing.best[0] ?? NaN)),
                }
              : {}),
          });
        });
      };

      const params = ["f", "xs", "ys", "passes"];
      const handLoop = { loop: makeLoop(params, evalLoopSource), args: [formula.f, xs, ys] };
      report(
        "eval",
        ["hand-written", "compiled"],
        timeInterleaved(
          [handLoop, { loop: makeLoop(params, evalLoopSource), args: [surface.f, xs, ys] }],
          POINTS,
        ),
        "ns",
      );
      // mathjs allocates a lot; timed on its own so its garbage is not collected on our time.
      report(
        "eval",
        ["hand-written (again)", "mathjs evaluate"],
        timeInterleaved(
          [handLoop, { loop: makeLoop(params, evalLoopSource), args: [viaMathjs, xs, ys] }],
          POINTS,
        ),
        "ns",
      );

      const out = new Float64Array(2);
      report(
        "gradient",
        ["hand-written", "compiled"],
        timeInterleaved(
          [
            {
              loop: makeLoop(["gradient", "out", "xs", "ys", "passes"], handGradientSource),
              args: [formula.gradient, out, xs, ys],
            },
            {
              loop: makeLoop(["dfdx", "dfdy", "xs", "ys", "passes"], compiledGradientSource),
              args: [surface.dfdx, surface.dfdy, xs, ys],
            },
          ],
          POINTS,
        ),
        "ns",
      );

      const cells = GRID * GRID;
      const values = new Float64Array(cells);
      const gx = new Float64Array(cells);
      const gy = new Float64Array(cells);
      report(
        `grid ${GRID}x${GRID} values+gradients`,
        ["hand-written", "compiled"],
        timeInterleaved(
          [
            {
              loop: makeLoop(
                ["f", "gradient", "out", "values", "gx", "gy", "n", "passes"],
                handGridSource,
              ),
              args: [formula.f, formula.gradient, out, values, gx, gy, GRID],
            },
            {
              loop: makeLoop(
                ["f", "dfdx", "dfdy", "values", "gx", "gy", "n", "passes"],
                compiledGridSource,
              ),
              args: [surface.f, surface.dfdx, surface.dfdy, values, gx, gy, GRID],
            },
          ],
          1,
        ),
        "ms",
      );
    }
    if (sink === 0.5) results.push({ name: "unreachable", value: sink, unit: "" });
    return results;
  },
};
