/**
 * `@trama/retrieval`: documents, converters, splitters, document stores, retrievers, rankers and evaluation.
 * @module
 */
export type {
  DocumentStore,
  DuplicatePolicy,
  FilterOptions,
  KeywordSearchOptions,
  Similarity,
  StoreConfig,
  VectorSearchOptions,
  WriteResult,
} from "./store/document-store.js";
export {
  type ComparisonFilter,
  type ComparisonOperator,
  type Filter,
  type FilterValue,
  isLogicalFilter,
  type LogicalFilter,
  type LogicalOperator,
} from "./store/filters.js";
