/**
 * A seeded random source, so every synthesized input of the evaluation is the same on every run and machine.
 * @module
 */
import { seededRandom } from "@trama/core";

/** Random numbers from a seed (`seededRandom`, mulberry32): the same seed gives the same sequence everywhere. */
export class Random {
  readonly #next: () => number;

  constructor(seed: number) {
    this.#next = seededRandom(seed);
  }

  /** A number in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** True with probability `probability`. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [low, high]. */
  integer(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** A number in [low, high). */
  between(low: number, high: number): number {
    return low + this.next() * (high - low);
  }

  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** A stable seed from a text (a post's file name) and a number (the error rate's case). */
export function seedFrom(text: string, salt: number): number {
  let hash = 2166136261 ^ salt;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  return hash >>> 0;
}
