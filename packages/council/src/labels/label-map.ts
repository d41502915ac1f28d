/**
 * The labels a reviewer sees: each reviewer gets its own seeded shuffle of the answers, so no model is always
 * `Response A`, and a run can be repeated with the same seed.
 * @module
 */
import { seededRandom } from "@trama/core";
import type { LabelAssignment } from "../council-result.js";

/** `A`, `B`, … for `count` answers (at most 26). */
export function labelsFor(count: number): string[] {
  return Array.from({ length: count }, (_, index) => String.fromCharCode(65 + index));
}

/** The answers of `members` in `reviewer`'s own order, labelled `A`, `B`, … in that order. */
export function assignLabels(options: {
  members: readonly string[];
  reviewer: string;
  seed: number;
}): LabelAssignment[] {
  const order = [...options.members];
  const random = seededRandom(hashSeed(options.seed, options.reviewer));
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  const labels = labelsFor(order.length);
  return order.map((member, index) => ({ label: labels[index]!, member }));
}

/** A review with `Response C` (and `**C**`-style list items) replaced by the member behind each label. */
export function deanonymize(text: string, labels: readonly LabelAssignment[]): string {
  const byLabel = new Map(labels.map((assignment) => [assignment.label, assignment.member]));
  return text
    .replace(/\b(Response|Answer|Candidate)(\s+)([A-Z])\b/g, (whole, word: string, space: string, label: string) => {
      const member = byLabel.get(label);
      return member === undefined ? whole : `${word}${space}${label} (${member})`;
    })
    .replace(/("|')([A-Z])\1/g, (whole, quote: string, label: string) => {
      const member = byLabel.get(label);
      return member === undefined ? whole : `${quote}${label} (${member})${quote}`;
    });
}

/** A 32-bit seed from the run's seed and the reviewer's name (FNV-1a). */
function hashSeed(seed: number, name: string): number {
  let hash = (2166136261 ^ seed) >>> 0;
  for (const character of name) {
    hash ^= character.codePointAt(0)!;
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}
