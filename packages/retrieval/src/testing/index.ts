/**
 * `@trama/retrieval/testing`: the document store conformance suite (Vitest), the reference BM25 it checks scores
 * against, and a seeded random generator for property tests. Import it from test files only.
 * @module
 */
export { type ReferenceBm25Options, referenceBm25, simpleTokens } from "./reference-bm25.js";
export { seededRandom } from "./seeded-random.js";
export {
  describeDocumentStore,
  type StoreCapabilities,
  type StoreConformanceOptions,
} from "./store-conformance.js";
