/**
 * A small seeded generator (mulberry32), for everything that must draw the same "random" numbers on every run and
 * machine: the council's blind labels, the evaluation's synthesized inputs, test corpora and tiny test models.
 * Not for secrets.
 * @module
 */

/** A function returning the next number in [0, 1) of the sequence `seed` starts. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
