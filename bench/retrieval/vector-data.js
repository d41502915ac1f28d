/**
 * Vectors for the vector search benchmark, from fixed seeds:
 * - `uniformVectors`: independent values in [-1, 1), for exact search (its cost does not depend on the data);
 * - `clusteredVectors`: unit vectors shaped like sentence embeddings, for approximate search (random uniform vectors
 *   are the worst case of graph indexes and unlike real data).
 * Queries are drawn the same way as the data, from another seed.
 */
import { seededRandom } from "@trama/core";

export const VECTORS = {
  count: 100_000,
  dimension: 384,
  queries: 200,
  /** Approximate search builds an HNSW graph, about a millisecond per vector on this kind of machine: fewer vectors. */
  approximateCount: 20_000,
  clusters: 200,
  latent: 48,
  seed: 384,
};

/** `count` rows of `dimension` values in one Float32Array. */
export function uniformVectors(count, dimension, seed) {
  const random = seededRandom(seed);
  const values = new Float32Array(count * dimension);
  for (let index = 0; index < values.length; index++) values[index] = random() * 2 - 1;
  return values;
}

function gaussian(random) {
  // Box–Muller: two uniforms give one normal value.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function normalize(values, offset, dimension) {
  let squares = 0;
  for (let index = 0; index < dimension; index++) squares += values[offset + index] ** 2;
  const scale = 1 / Math.sqrt(squares);
  for (let index = 0; index < dimension; index++) values[offset + index] *= scale;
}

/**
 * `count` unit rows shaped like sentence embeddings, then `queries` more drawn the same way: `{ data, queries }`.
 * Points are drawn around `clusters` topic centres in a `latent`-dimensional space, then mapped into `dimension`
 * dimensions by one random linear map, with a little isotropic noise, and normalized. Real embeddings are like that:
 * anisotropic, of low intrinsic dimension, with topics that overlap; uniform or well-separated clusters are not.
 */
export function clusteredVectors(count, queries, dimension, { clusters, latent, seed }) {
  const random = seededRandom(seed);
  const centres = Float32Array.from({ length: clusters * latent }, () => gaussian(random));
  const map = Float32Array.from({ length: dimension * latent }, () => gaussian(random) / Math.sqrt(latent));
  const values = new Float32Array((count + queries) * dimension);
  const point = new Float32Array(latent);
  for (let row = 0; row < count + queries; row++) {
    const centre = Math.floor(random() * clusters) * latent;
    for (let index = 0; index < latent; index++) point[index] = centres[centre + index] + 0.7 * gaussian(random);
    for (let out = 0; out < dimension; out++) {
      let sum = 0.05 * gaussian(random);
      for (let index = 0; index < latent; index++) sum += map[out * latent + index] * point[index];
      values[row * dimension + out] = sum;
    }
    normalize(values, row * dimension, dimension);
  }
  return { data: values.subarray(0, count * dimension), queries: values.subarray(count * dimension) };
}

/** Row `row` of `values` as a plain array (what a `Document`'s embedding is). */
export function rowOf(values, row, dimension) {
  return Array.from(values.subarray(row * dimension, (row + 1) * dimension));
}
