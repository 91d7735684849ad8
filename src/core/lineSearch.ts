/**
 * Exact line search in the plane: the step size α > 0 minimising φ(α) = f(x₀ + α·d), found by a
 * bracketing 1-D minimiser, then sharpened until the gradient at the new point is orthogonal to d
 * (φ′(α) = ∇f(x₀ + α·d)·d = 0), which is what "exact" means in the textbook.
 *
 * 1. Bracket: from a trial step, expand by the golden ratio while φ decreases, or shrink while
 *    φ(α) ≥ φ(0), until a < b < c with φ(b) < φ(a) and φ(b) < φ(c).
 * 2. Brent's method (golden section with parabolic interpolation, Brent 1973) inside [a, c].
 *    With function values alone α is only known to about √ε relative, so:
 * 3. Illinois regula falsi on φ′ between points where φ′ changes sign around Brent's answer,
 *    accepted only if φ does not get worse.
 *
 * Allocation-free: the caller passes the functions as one object, and a reusable outcome.
 */

/** f and the gradient the run uses, as one object so a line search allocates no closures. */
export interface PlaneFunctions {
  valueAt(x: number, y: number): number;
  gradientAt(x: number, y: number, out: Float64Array): void;
}

/** Where a line search ended. Reused between calls. */
export interface LineSearchOutcome {
  /** The step size taken (0 when no decrease was found). */
  alpha: number;
  /** φ(alpha). */
  value: number;
  /** Function and gradient evaluations spent. */
  probes: number;
  /** How many step sizes were recorded in the probe log. */
  logged: number;
  /** True when φ kept decreasing for every expansion (f looks unbounded below along d). */
  unbounded: boolean;
}

/** A fresh outcome record, to be reused across calls. */
export function createLineSearchOutcome(): LineSearchOutcome {
  return { alpha: 0, value: NaN, probes: 0, logged: 0, unbounded: false };
}

const golden = 1.618033988749895;
const goldenSection = 0.3819660112501051;
const maxExpansions = 100;
const maxShrinks = 80;
const maxBrentIterations = 100;
const maxPolishIterations = 40;
const brentTolerance = 1e-10;

// The line being searched. Module-level so the inner functions are not closures allocated per
// search (a batch of thousands of points searches thousands of lines per step).
const line: {
  functions: PlaneFunctions | null;
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  outcome: LineSearchOutcome;
  probeLog: Float64Array | null;
  gradient: Float64Array;
} = {
  functions: null,
  x0: 0,
  y0: 0,
  dx: 0,
  dy: 0,
  outcome: createLineSearchOutcome(),
  probeLog: null,
  gradient: new Float64Array(2),
};

function lineValue(alpha: number): number {
  const outcome = line.outcome;
  outcome.probes++;
  const log = line.probeLog;
  if (log !== null && outcome.logged < log.length) log[outcome.logged++] = alpha;
  const v = line.functions!.valueAt(line.x0 + alpha * line.dx, line.y0 + alpha * line.dy);
  // NaN (outside the domain) counts as infinitely high, so the search backs away from it.
  return v === v ? v : Infinity;
}

function lineSlope(alpha: number): number {
  line.outcome.probes++;
  const g = line.gradient;
  line.functions!.gradientAt(line.x0 + alpha * line.dx, line.y0 + alpha * line.dy, g);
  return g[0]! * line.dx + g[1]! * line.dy;
}

/**
 * Illinois regula falsi for φ′(α) = 0 between left (φ′ < 0) and right (φ′ > 0): returns the α
 * with the smallest |φ′| seen, starting from `start` whose |φ′| is `startSlope`.
 */
function illinoisRoot(
  left: number,
  slopeLeft: number,
  right: number,
  slopeRight: number,
  start: number,
  startSlope: number,
): number {
  let candidate = start;
  let candidateSlope = startSlope;
  let side = 0;
  for (let iteration = 0; iteration < maxPolishIterations; iteration++) {
    const root = (left * slopeRight - right * slopeLeft) / (slopeRight - slopeLeft);
    if (!(root > left && root < right)) break;
    const s = lineSlope(root);
    if (Math.abs(s) < candidateSlope) {
      candidate = root;
      candidateSlope = Math.abs(s);
    }
    if (s === 0 || !Number.isFinite(s)) break;
    if (s < 0) {
      left = root;
      slopeLeft = s;
      if (side === -1) slopeRight *= 0.5;
      side = -1;
    } else {
      right = root;
      slopeRight = s;
      if (side === 1) slopeLeft *= 0.5;
      side = 1;
    }
    if (right - left <= 4 * Number.EPSILON * Math.abs(right)) break;
  }
  return candidate;
}

/**
 * When f cannot tell φ(α) from φ(0) (the decrease |g|²·α is below f's rounding near a minimum),
 * bracket the sign change of φ′ instead, from φ′(0) < 0 outward, and solve φ′ = 0.
 */
function searchBySlope(initial: number, value0: number, outcome: LineSearchOutcome) {
  const slope0 = lineSlope(0);
  if (!(slope0 < 0)) return outcome;
  let left = 0;
  let slopeLeft = slope0;
  let right = initial;
  let slopeRight = lineSlope(right);
  for (let k = 0; k < maxExpansions && !(slopeRight > 0); k++) {
    if (slopeRight < 0) {
      left = right;
      slopeLeft = slopeRight;
      right *= 2;
    } else if (slopeRight === 0) {
      break;
    } else {
      // Not a number: the line left the domain; come back halfway.
      right = 0.5 * (left + right);
    }
    slopeRight = lineSlope(right);
  }
  let alpha: number;
  if (slopeRight === 0) alpha = right;
  else if (slopeRight > 0)
    alpha = illinoisRoot(left, slopeLeft, right, slopeRight, left, Math.abs(slopeLeft));
  else return outcome;
  if (alpha === 0) return outcome;
  const value = lineValue(alpha);
  if (value <= value0 + 8 * Number.EPSILON * Math.abs(value0)) {
    outcome.alpha = alpha;
    outcome.value = value;
  }
  return outcome;
}

/**
 * Minimises φ(α) = f(x₀ + α·dx, y₀ + α·dy) over α > 0 (see the module comment for the method).
 * `value0` is φ(0); `initialStep` is the first trial α. Step sizes tried are appended to
 * `probeLog` (when given) up to its length.
 */
export function exactLineSearch(
  functions: PlaneFunctions,
  x0: number,
  y0: number,
  dx: number,
  dy: number,
  value0: number,
  initialStep: number,
  outcome: LineSearchOutcome,
  probeLog: Float64Array | null,
  gradientScratch: Float64Array,
): LineSearchOutcome {
  outcome.alpha = 0;
  outcome.value = value0;
  outcome.probes = 0;
  outcome.logged = 0;
  outcome.unbounded = false;
  if (!Number.isFinite(value0) || (dx === 0 && dy === 0)) return outcome;

  line.functions = functions;
  line.x0 = x0;
  line.y0 = y0;
  line.dx = dx;
  line.dy = dy;
  line.outcome = outcome;
  line.probeLog = probeLog;
  line.gradient = gradientScratch;
  const phi = lineValue;
  const slope = lineSlope;

  // 1. Bracket.
  let a = 0;
  const firstStep = initialStep > 0 && Number.isFinite(initialStep) ? initialStep : 1;
  let b = firstStep;
  let fb = phi(b);
  let c = b;
  if (!(fb < value0)) {
    let found = false;
    for (let k = 0; k < maxShrinks; k++) {
      b = c * goldenSection;
      fb = phi(b);
      if (fb < value0) {
        found = true;
        break;
      }
      c = b;
    }
    if (!found) return searchBySlope(firstStep, value0, outcome);
  } else {
    let bracketed = false;
    for (let k = 0; k < maxExpansions; k++) {
      c = b + golden * (b - a);
      const fc = phi(c);
      if (fc >= fb) {
        bracketed = true;
        break;
      }
      a = b;
      b = c;
      fb = fc;
    }
    if (!bracketed) {
      outcome.alpha = b;
      outcome.value = fb;
      outcome.unbounded = true;
      return outcome;
    }
  }

  // 2. Brent's minimiser on [a, c] starting from b (Numerical Recipes `brent`, without
  // derivatives).
  let lo = a;
  let hi = c;
  let xBest = b;
  let fBest = fb;
  let w = b;
  let fw = fb;
  let v = b;
  let fv = fb;
  let d = 0;
  let e = 0;
  for (let iteration = 0; iteration < maxBrentIterations; iteration++) {
    const mid = 0.5 * (lo + hi);
    const tol1 = brentTolerance * Math.abs(xBest) + 1e-300;
    const tol2 = 2 * tol1;
    if (Math.abs(xBest - mid) <= tol2 - 0.5 * (hi - lo)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (xBest - w) * (fBest - fv);
      let q = (xBest - v) * (fBest - fw);
      let p = (xBest - v) * q - (xBest - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      const eTemp = e;
      e = d;
      if (!(
        Math.abs(p) >= Math.abs(0.5 * q * eTemp) ||
        p <= q * (lo - xBest) ||
        p >= q * (hi - xBest)
      )) {
        d = p / q;
        const u = xBest + d;
        if (u - lo < tol2 || hi - u < tol2) d = mid - xBest >= 0 ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = xBest >= mid ? lo - xBest : hi - xBest;
      d = goldenSection * e;
    }
    const u = Math.abs(d) >= tol1 ? xBest + d : xBest + (d >= 0 ? tol1 : -tol1);
    const fu = phi(u);
    if (fu <= fBest) {
      if (u >= xBest) lo = xBest;
      else hi = xBest;
      v = w;
      fv = fw;
      w = xBest;
      fw = fBest;
      xBest = u;
      fBest = fu;
    } else {
      if (u < xBest) lo = u;
      else hi = u;
      if (fu <= fw || w === xBest) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === xBest || v === w) {
        v = u;
        fv = fu;
      }
    }
  }

  outcome.alpha = xBest;
  outcome.value = fBest;

  // 3. Sharpen to φ′(α) = 0. Brent's last bracket is only as good as the rounding of φ near the
  // minimum, so look for the sign change of φ′ outward from its answer (not below 0, where
  // φ′ < 0 for a descent direction; upward as far as it takes).
  const slopeBest = slope(xBest);
  if (slopeBest === 0 || !Number.isFinite(slopeBest)) return outcome;
  let left = xBest;
  let right = xBest;
  let slopeLeft = slopeBest;
  let slopeRight = slopeBest;
  let offset = Math.max(Math.abs(hi - lo), 1e-9 * xBest, 1e-300);
  let found = false;
  for (let k = 0; k < 60 && !found; k++, offset *= 4) {
    if (slopeBest < 0) {
      const r = xBest + offset;
      const sr = slope(r);
      if (sr > 0) {
        right = r;
        slopeRight = sr;
        found = true;
      } else if (sr < 0) {
        left = r;
        slopeLeft = sr;
      } else {
        break;
      }
    } else {
      const l = Math.max(xBest - offset, 0);
      const sl = slope(l);
      if (sl < 0) {
        left = l;
        slopeLeft = sl;
        found = true;
      } else if (sl > 0) {
        right = l;
        slopeRight = sl;
      } else {
        break;
      }
      if (l <= 0) break;
    }
  }
  if (!found) return outcome;
  const candidate = illinoisRoot(left, slopeLeft, right, slopeRight, xBest, Math.abs(slopeBest));
  if (candidate !== xBest) {
    const fCandidate = phi(candidate);
    // φ cannot rank points this close to its minimum, so only insist on no loss against φ(0).
    if (fCandidate <= value0 + 8 * Number.EPSILON * Math.abs(value0)) {
      outcome.alpha = candidate;
      outcome.value = fCandidate;
    }
  }
  return outcome;
}
