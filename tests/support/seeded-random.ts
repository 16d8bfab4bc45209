/**
 * mulberry32, a small seeded PRNG, so that every run of a randomised test or
 * bench draws the same cases: `random(n)` is an integer in [0, n). Not for
 * anything a draw decides (that is RFC 3797's, src/draw/rfc3797.ts).
 */
export function seededRandom(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
