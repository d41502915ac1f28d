/**
 * `@trama/retrieval/testing`: the document store conformance suite (Vitest), the reference BM25 it checks scores
 * against. Import it from test files only (the seeded generator for property tests is `seededRandom` of @trama/core).
 * @module
 */
export { type ReferenceBm25Options, referenceBm25, simpleTokens } from "./reference-bm25.js";
export {
  describeDocumentStore,
  type StoreCapabilities,
  type StoreConformanceOptions,
} from "./store-conformance.js";
