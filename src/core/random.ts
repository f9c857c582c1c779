/**
 * Seeded pseudo-random generator (xoshiro128** by Blackman & Vigna, 2018) with standard normal draws
 * (Marsaglia's polar method). Every random result in Foresight goes through one of these, so it is reproducible.
 */
export interface Rng {
  /** Uniform draw in [0, 1). */
  uniform(): number;
  /** Standard normal draw. */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/**
 * Creates a generator from a 32-bit integer seed.
 *
 * @example
 * const a = createRng(42), b = createRng(42);
 * a.uniform() === b.uniform() // true
 */
export function createRng(seed: number): Rng {
  // splitmix32 to spread the seed over the four state words
  let z = seed >>> 0;
  const split = (): number => {
    z = (z + 0x9e3779b9) >>> 0;
    let t = z;
    t = Math.imul(t ^ (t >>> 16), 0x85ebca6b) >>> 0;
    t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35) >>> 0;
    return (t ^ (t >>> 16)) >>> 0;
  };
  let s0 = split(),
    s1 = split(),
    s2 = split(),
    s3 = split();
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  let spare: number | null = null;
  const uniform = (): number => nextU32() / 4294967296;
  return {
    uniform,
    normal(): number {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      let u: number, v: number, s: number;
      do {
        u = 2 * uniform() - 1;
        v = 2 * uniform() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * f;
      return u * f;
    },
    int(n: number): number {
      return Math.floor(uniform() * n);
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
