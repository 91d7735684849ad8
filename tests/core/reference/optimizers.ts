/**
 * A second, independent implementation of the step rules, used only by tests. It is written
 * straight from the formulas of the issue table (PyTorch's documented algorithms), with plain
 * number arrays, whole-vector operations and hand-written gradients and Hessians, and shares
 * no code with src/core.
 */

export type Vec = number[];

/** A test function with its derivatives worked out by hand. */
export interface HandFunction {
  name: string;
  f: (p: Vec) => number;
  grad: (p: Vec) => Vec;
  hess: (p: Vec) => Vec[];
}

const add = (a: Vec, b: Vec): Vec => a.map((v, i) => v + b[i]!);
const scale = (s: number, a: Vec): Vec => a.map((v) => s * v);
const dot = (a: Vec, b: Vec): number => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

/** 2x² + xy + 3y² − x + 2y: a convex quadratic with H = [[4, 1], [1, 6]]. */
export const quadratic: HandFunction = {
  name: "2x² + xy + 3y² − x + 2y",
  f: ([x = 0, y = 0]) => 2 * x * x + x * y + 3 * y * y - x + 2 * y,
  grad: ([x = 0, y = 0]) => [4 * x + y - 1, x + 6 * y + 2],
  hess: () => [
    [4, 1],
    [1, 6],
  ],
};

/** Rosenbrock (1 − x)² + 100(y − x²)². */
export const rosenbrock: HandFunction = {
  name: "Rosenbrock",
  f: ([x = 0, y = 0]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  grad: ([x = 0, y = 0]) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  hess: ([x = 0, y = 0]) => [
    [2 - 400 * y + 1200 * x * x, -400 * x],
    [-400 * x, 200],
  ],
};

/** Himmelblau (x² + y − 11)² + (x + y² − 7)². */
export const himmelblau: HandFunction = {
  name: "Himmelblau",
  f: ([x = 0, y = 0]) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  grad: ([x = 0, y = 0]) => [
    4 * x * (x * x + y - 11) + 2 * (x + y * y - 7),
    2 * (x * x + y - 11) + 4 * y * (x + y * y - 7),
  ],
  hess: ([x = 0, y = 0]) => [
    [12 * x * x + 4 * y - 42, 4 * x + 4 * y],
    [4 * x + 4 * y, 12 * y * y + 4 * x - 26],
  ],
};

/** x⁴ + y⁴ + x² + xy + 2y² − x: convex, not quadratic (H = [[12x² + 2, 1], [1, 12y² + 4]]). */
export const quartic: HandFunction = {
  name: "x⁴ + y⁴ + x² + xy + 2y² − x",
  f: ([x = 0, y = 0]) => x ** 4 + y ** 4 + x * x + x * y + 2 * y * y - x,
  grad: ([x = 0, y = 0]) => [4 * x ** 3 + 2 * x + y - 1, 4 * y ** 3 + x + 4 * y],
  hess: ([x = 0, y = 0]) => [
    [12 * x * x + 2, 1],
    [1, 12 * y * y + 4],
  ],
};

/** eˣ + e⁻ʸ + x² + y² + xy: convex (H = [[eˣ + 2, 1], [1, e⁻ʸ + 2]]). */
export const exponential: HandFunction = {
  name: "eˣ + e⁻ʸ + x² + y² + xy",
  f: ([x = 0, y = 0]) => Math.exp(x) + Math.exp(-y) + x * x + y * y + x * y,
  grad: ([x = 0, y = 0]) => [Math.exp(x) + 2 * x + y, -Math.exp(-y) + 2 * y + x],
  hess: ([x = 0, y = 0]) => [
    [Math.exp(x) + 2, 1],
    [1, Math.exp(-y) + 2],
  ],
};

/** One variable: x⁴ − 3x² + x (two minima, one maximum). */
export const doubleWell: HandFunction = {
  name: "x⁴ − 3x² + x",
  f: ([x = 0]) => x ** 4 - 3 * x * x + x,
  grad: ([x = 0]) => [4 * x ** 3 - 6 * x + 1],
  hess: ([x = 0]) => [[12 * x * x - 6]],
};

/**
 * The reference iterates x₀ … x_steps of a rule (fewer if a gradient becomes exactly zero).
 * `rateAt(k)`, when given, is the learning rate of step k (k = t − 1, counting from 0), in place
 * of the constant `p.lr`; `noiseAt(g)`, when given, returns the gradient the rule sees.
 */
export function referenceIterates(
  rule: string,
  fn: HandFunction,
  start: Vec,
  params: Record<string, number>,
  steps: number,
  rateAt?: (k: number) => number,
  noiseAt?: (g: Vec) => Vec,
): Vec[] {
  let x = [...start];
  const path: Vec[] = [[...x]];
  let b: Vec = x.map(() => 0);
  let s: Vec = x.map(() => 0);
  let m: Vec = x.map(() => 0);
  let v: Vec = x.map(() => 0);
  let vMax: Vec = x.map(() => 0);
  // NAdam's μ₁, μ₂, …: mus[i] = μ_(i+1).
  const mus: number[] = [];
  for (let t = 1; t <= steps; t++) {
    const p = rateAt ? { ...params, lr: rateAt(t - 1) } : params;
    const g = noiseAt ? noiseAt(fn.grad(x)) : fn.grad(x);
    switch (rule) {
      case "gd":
        x = add(x, scale(-p.lr!, g));
        break;
      case "ascent":
        x = add(x, scale(p.lr!, g));
        break;
      case "sign":
        x = x.map((xi, i) => xi - p.lr! * (g[i]! > 0 ? 1 : g[i]! < 0 ? -1 : 0));
        break;
      case "momentum":
      case "nesterov": {
        b = t === 1 ? [...g] : add(scale(p.momentum!, b), g);
        const direction = rule === "momentum" ? b : add(g, scale(p.momentum!, b));
        x = add(x, scale(-p.lr!, direction));
        break;
      }
      case "adagrad":
        s = s.map((si, i) => si + g[i]! ** 2);
        x = x.map((xi, i) => xi - (p.lr! * g[i]!) / (Math.sqrt(s[i]!) + p.eps!));
        break;
      case "rmsprop":
        s = s.map((si, i) => p.alpha! * si + (1 - p.alpha!) * g[i]! ** 2);
        x = x.map((xi, i) => xi - (p.lr! * g[i]!) / (Math.sqrt(s[i]!) + p.eps!));
        break;
      case "adam": {
        m = m.map((mi, i) => p.beta1! * mi + (1 - p.beta1!) * g[i]!);
        v = v.map((vi, i) => p.beta2! * vi + (1 - p.beta2!) * g[i]! ** 2);
        const mHat = m.map((mi) => mi / (1 - p.beta1! ** t));
        const vHat = v.map((vi) => vi / (1 - p.beta2! ** t));
        x = x.map((xi, i) => xi - (p.lr! * mHat[i]!) / (Math.sqrt(vHat[i]!) + p.eps!));
        break;
      }
      case "adamw": {
        // torch.optim.AdamW: θ ← θ − γλθ, then Adam's step with g taken at θ_{t−1}.
        x = x.map((xi) => xi - p.lr! * p.weight_decay! * xi);
        m = m.map((mi, i) => p.beta1! * mi + (1 - p.beta1!) * g[i]!);
        v = v.map((vi, i) => p.beta2! * vi + (1 - p.beta2!) * g[i]! ** 2);
        const mHat = m.map((mi) => mi / (1 - p.beta1! ** t));
        const vHat = v.map((vi) => vi / (1 - p.beta2! ** t));
        x = x.map((xi, i) => xi - (p.lr! * mHat[i]!) / (Math.sqrt(vHat[i]!) + p.eps!));
        break;
      }
      case "amsgrad": {
        // torch.optim.Adam(amsgrad=True): v_max ← max(v_max, v_t); v̂ = v_max/(1 − β2ᵗ).
        m = m.map((mi, i) => p.beta1! * mi + (1 - p.beta1!) * g[i]!);
        v = v.map((vi, i) => p.beta2! * vi + (1 - p.beta2!) * g[i]! ** 2);
        vMax = vMax.map((mx, i) => Math.max(mx, v[i]!));
        const mHat = m.map((mi) => mi / (1 - p.beta1! ** t));
        const vHat = vMax.map((vi) => vi / (1 - p.beta2! ** t));
        x = x.map((xi, i) => xi - (p.lr! * mHat[i]!) / (Math.sqrt(vHat[i]!) + p.eps!));
        break;
      }
      case "nadam": {
        // torch.optim.NAdam: μ_t = β1(1 − ½·0.96^(tψ)); m̂ with the products of the μs.
        const mu = (n: number) => p.beta1! * (1 - 0.5 * 0.96 ** (n * p.momentum_decay!));
        while (mus.length < t + 1) mus.push(mu(mus.length + 1));
        const product = (n: number) => mus.slice(0, n).reduce((a, c) => a * c, 1);
        m = m.map((mi, i) => p.beta1! * mi + (1 - p.beta1!) * g[i]!);
        v = v.map((vi, i) => p.beta2! * vi + (1 - p.beta2!) * g[i]! ** 2);
        const mHat = m.map(
          (mi, i) =>
            (mus[t]! * mi) / (1 - product(t + 1)) + ((1 - mus[t - 1]!) * g[i]!) / (1 - product(t)),
        );
        const vHat = v.map((vi) => vi / (1 - p.beta2! ** t));
        x = x.map((xi, i) => xi - (p.lr! * mHat[i]!) / (Math.sqrt(vHat[i]!) + p.eps!));
        break;
      }
      case "try-steps": {
        // f at x − lr·2ʲ·g for j = −spread … spread; the lowest, if lower than f(x), wins.
        let best = fn.f(x);
        let bestPoint = x;
        for (let j = -p.spread!; j <= p.spread!; j++) {
          const trial = add(x, scale(-p.lr! * 2 ** j, g));
          if (fn.f(trial) < best) {
            best = fn.f(trial);
            bestPoint = trial;
          }
        }
        x = bestPoint;
        break;
      }
      case "newton":
        x = add(x, scale(p.lr!, referenceNewtonDirection(fn, x, g)));
        break;
      case "backtracking": {
        let alpha = p.lr!;
        const f0 = fn.f(x);
        const gg = dot(g, g);
        let accepted = false;
        for (let k = 0; k <= 60; k++) {
          if (fn.f(add(x, scale(-alpha, g))) <= f0 - 1e-4 * alpha * gg) {
            accepted = true;
            break;
          }
          alpha /= 2;
        }
        if (accepted) x = add(x, scale(-alpha, g));
        break;
      }
      case "linesearch":
        x = add(x, scale(-referenceExactStep(fn, x, g), g));
        break;
      default:
        throw new Error(`no reference for ${rule}`);
    }
    path.push([...x]);
  }
  return path;
}

/**
 * Newton direction −H⁻¹g when H is positive definite (every eigenvalue > 0, from the
 * characteristic polynomial), else the documented fallback: the plain gradient direction −g.
 */
function referenceNewtonDirection(fn: HandFunction, x: Vec, g: Vec): Vec {
  const h = fn.hess(x);
  if (x.length === 1) {
    const a = h[0]![0]!;
    return a > 0 ? [-g[0]! / a] : [-g[0]!];
  }
  const [[a = 0, b = 0] = [], [, c = 0] = []] = h;
  const trace = a + c;
  const det = a * c - b * b;
  const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  const smallest = trace / 2 - root;
  if (
    !(smallest > 0) ||
    Math.abs(det) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b), Math.abs(c)) ** 2
  ) {
    return scale(-1, g);
  }
  // Solve H·s = −g by Gaussian elimination on the augmented matrix.
  const l = b / a;
  const s2 = (-g[1]! + l * g[0]!) / (c - l * b);
  const s1 = (-g[0]! - b * s2) / a;
  return [s1, s2];
}

/**
 * The exact step along d = −g: the root of φ′(α) = ∇f(x − αg)·(−g), which is unique for the
 * convex functions this reference is used on. Bisection between 0 (φ′ < 0) and a doubled
 * upper bound with φ′ > 0, to the last bit.
 */
function referenceExactStep(fn: HandFunction, x: Vec, g: Vec): number {
  const d = scale(-1, g);
  const slope = (alpha: number) => dot(fn.grad(add(x, scale(alpha, d))), d);
  let lo = 0;
  let hi = 1e-6;
  while (slope(hi) < 0) {
    lo = hi;
    hi *= 2;
  }
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (slope(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
