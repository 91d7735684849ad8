import { describe, expect, it } from "vitest";
import { epochOrder } from "../../../src/core/data/epochOrder.ts";

function isPermutation(order: Uint32Array, n: number): boolean {
  if (order.length < n) return false;
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    if (v >= n || seen[v]) return false;
    seen[v] = 1;
  }
  return true;
}

describe("epochOrder", () => {
  it("is a permutation of 0..n−1", () => {
    for (const n of [0, 1, 2, 7, 100, 1000]) {
      for (const epoch of [0, 1, 5]) expect(isPermutation(epochOrder(n, 42, epoch), n)).toBe(true);
    }
  });

  it("gives the same order for the same seed and epoch, and another for another epoch or seed", () => {
    const a = Array.from(epochOrder(50, 7, 3));
    expect(Array.from(epochOrder(50, 7, 3))).toEqual(a);
    expect(Array.from(epochOrder(50, 7, 4))).not.toEqual(a);
    expect(Array.from(epochOrder(50, 8, 3))).not.toEqual(a);
    // Twenty epochs of 50 points: all different orders.
    const orders = new Set(Array.from({ length: 20 }, (_, e) => epochOrder(50, 7, e).join(",")));
    expect(orders.size).toBe(20);
  });

  it("shuffles fairly: each of the 6 orders of 3 items about 1/6 of the time", () => {
    const counts = new Map<string, number>();
    const epochs = 6000;
    for (let e = 0; e < epochs; e++) {
      const key = epochOrder(3, 11, e).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Binomial(6000, 1/6): sd ≈ 29, so ±150 is more than 5 sd.
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it("fills a given array instead of allocating, and checks its arguments", () => {
    const out = new Uint32Array(12);
    const result = epochOrder(10, 1, 0, out);
    expect(result).toBe(out);
    expect(Array.from(out.subarray(0, 10))).toEqual(Array.from(epochOrder(10, 1, 0)));
    expect(() => epochOrder(10, 1, 0, new Uint32Array(5))).toThrow(RangeError);
    expect(() => epochOrder(-1, 1, 0)).toThrow(RangeError);
    expect(() => epochOrder(2.5, 1, 0)).toThrow(RangeError);
    expect(() => epochOrder(3, 1, -1)).toThrow(RangeError);
  });
});
