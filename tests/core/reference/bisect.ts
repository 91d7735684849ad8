/**
 * A root of f in [lo, hi] by bisection (200 halvings: to the last bit of a double), for tests
 * that need a critical point from its defining equation rather than from the code under test.
 * f(lo) and f(hi) must differ in sign.
 */
export function bisectRoot(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (Math.sign(f(mid)) === Math.sign(f(lo))) lo = mid;
    else hi = mid;
  }
  return lo;
}
