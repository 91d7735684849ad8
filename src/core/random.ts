/**
 * Seeded pseudo-random numbers, so every random start, random search and random local step is
 * reproducible from its settings (the same seed gives the same run in the browser and in node).
 */

/** A seeded stream of random numbers. */
export interface Random {
  /** The seed the stream started from (normalised to an unsigned 32-bit integer). */
  readonly seed: number;
  /** Uniform on [0, 1), 32 bits of resolution. */
  uniform(): number;
  /** Uniform on [min, max). */
  uniformIn(min: number, max: number): number;
  /** Standard normal N(0, 1) by the Box–Muller transform z = √(−2 ln u₁)·cos(2π u₂). */
  normal(): number;
}

/** Default seed when a run does not name one. */
export const defaultSeed = 1;

/**
 * A seeded generator: mulberry32 (Tommy Ettinger's 32-bit mixer; period 2³²), which is small,
 * fast, allocation-free and good enough for sampling starts and proposals (not for cryptography).
 * Non-integer or negative seeds are folded into 32 bits, so any finite number is a valid seed.
 */
export function createRandom(seed: number = defaultSeed): Random {
  let state = seedToUint32(seed);
  const normalisedSeed = state;
  let spareNormal = 0;
  let hasSpare = false;

  function uniform(): number {
    state = (state + 0x6d2b79f5) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  }

  return {
    seed: normalisedSeed,
    uniform,
    uniformIn(min: number, max: number): number {
      return min + (max - min) * uniform();
    },
    normal(): number {
      if (hasSpare) {
        hasSpare = false;
        return spareNormal;
      }
      // 1 − u lies in (0, 1], so the logarithm is finite.
      const u1 = 1 - uniform();
      const u2 = uniform();
      const radius = Math.sqrt(-2 * Math.log(u1));
      const angle = 2 * Math.PI * u2;
      spareNormal = radius * Math.sin(angle);
      hasSpare = true;
      return radius * Math.cos(angle);
    },
  };
}

function seedToUint32(seed: number): number {
  if (!Number.isFinite(seed)) return defaultSeed;
  if (Number.isInteger(seed) && seed >= 0 && seed < 4294967296) return seed >>> 0;
  // Fold other numbers (negative, fractional, huge) through their decimal text, deterministically.
  let hash = 2166136261;
  const text = String(seed);
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  }
  return hash >>> 0;
}
