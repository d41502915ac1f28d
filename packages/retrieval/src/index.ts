/**
 * `@trama/retrieval`: documents, converters, splitters, document stores, retrievers, rankers and evaluation.
 * @module
 */
export {
  type Analyzer,
  type AnalyzerConfig,
  type AnalyzerOptions,
  createAnalyzer,
} from "./analysis/analyzer.js";
export { stemEnglish, stemItalian } from "./analysis/stemmers.js";
export { englishStopwords, italianElisions, italianStopwords } from "./analysis/stopwords.js";
export { BM25Retriever, type BM25RetrieverParams } from "./components/bm25-retriever.js";
export { type ChatGeneratorLike, isChatGeneratorLike } from "./components/chat-generator-like.js";
export { DocumentWriter, type DocumentWriterParams } from "./components/document-writer.js";
export { EmbeddingRetriever, type EmbeddingRetrieverParams } from "./components/embedding-retriever.js";
export { HybridRetriever, type HybridRetrieverParams } from "./components/hybrid-retriever.js";
export { LLMRanker, type LLMRankerParams, parseRanking, rankingPrompt } from "./components/llm-ranker.js";
export {
  LostInTheMiddleRanker,
  type LostInTheMiddleRankerParams,
  lostInTheMiddle,
} from "./components/lost-in-the-middle-ranker.js";
export { MetaFieldRanker, type MetaFieldRankerParams } from "./components/meta-field-ranker.js";
export type { RetrieverParams } from "./components/retriever-params.js";
export {
  describeStore,
  type FilterPolicy,
  isDocumentStore,
  StoreHandle,
  type StoreReference,
  type StoreSearch,
} from "./components/store-reference.js";
export { components } from "./components.js";
export { ByteStream, byteStreamType } from "./converters/byte-stream.js";
export { ConversionError } from "./converters/conversion-error.js";
export { FileTypeRouter, type FileTypeRouterParams } from "./converters/file-type-router.js";
export { type HtmlText, htmlText } from "./converters/html-text.js";
export { convertHtml, HTMLToDocument, type HTMLToDocumentParams } from "./converters/html-to-document.js";
export { convertJson, JSONConverter, type JSONConverterParams } from "./converters/json-converter.js";
export { markdownText } from "./converters/markdown-text.js";
export {
  convertMarkdown,
  MarkdownToDocument,
  type MarkdownToDocumentParams,
  splitFrontMatter,
} from "./converters/markdown-to-document.js";
export {
  convertAny,
  convertibleMimeTypes,
  MultiFileConverter,
  type MultiFileConverterParams,
} from "./converters/multi-file-converter.js";
export { convertPdf, PDFToDocument, type PDFToDocumentParams, pdfPages } from "./converters/pdf-to-document.js";
export {
  type ConversionFailure,
  type ConverterParams,
  convertSources,
  defineConverter,
  mimeTypeOf,
  readSource,
  type Source,
  type SourceMeta,
} from "./converters/sources.js";
export {
  CSVToDocument,
  convertText,
  TextFileToDocument,
  type TextFileToDocumentParams,
} from "./converters/text-file-to-document.js";
export {
  ContextRelevanceEvaluator,
  type ContextRelevanceEvaluatorParams,
  type ContextRelevanceResult,
  contextRelevancePrompt,
} from "./evaluation/context-relevance-evaluator.js";
export {
  FaithfulnessEvaluator,
  type FaithfulnessEvaluatorParams,
  type FaithfulnessResult,
  faithfulnessPrompt,
  type JudgedStatement,
} from "./evaluation/faithfulness-evaluator.js";
export { type JudgeParams, JudgeReplyError } from "./evaluation/llm-judge.js";
export {
  AnswerExactMatchEvaluator,
  type DocumentEvaluatorParams,
  DocumentMRREvaluator,
  DocumentNDCGEvaluator,
  DocumentRecallEvaluator,
} from "./evaluation/metric-evaluators.js";
export {
  type DocumentKey,
  documentKey,
  exactMatch,
  meanScore,
  ndcgAtK,
  normalizeAnswer,
  type RankedQuery,
  recallAtK,
  reciprocalRank,
} from "./evaluation/retrieval-metrics.js";
export { cleanText, DocumentCleaner, type DocumentCleanerParams } from "./preprocessors/document-cleaner.js";
export { DocumentSplitter, type DocumentSplitterParams } from "./preprocessors/document-splitter.js";
export { removeHeadersAndFooters } from "./preprocessors/repeated-lines.js";
export { splitSentences, type TextSpan } from "./preprocessors/sentence-splitter.js";
export {
  type SourceOffsets,
  type SplitOptions,
  type SplitOverlap,
  splitDocument,
} from "./preprocessors/split-document.js";
export {
  estimateTokens,
  type SplitBy,
  splitByValues,
  type TokenCounter,
  textUnits,
} from "./preprocessors/text-units.js";
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
export { batchIds, DocumentStoreError, DuplicateDocumentError, FilterError } from "./store/errors.js";
export {
  type ComparisonFilter,
  type ComparisonOperator,
  type Filter,
  type FilterValue,
  isLogicalFilter,
  type LogicalFilter,
  type LogicalOperator,
} from "./store/filters.js";
export {
  compareCodePoints,
  compileFilter,
  type DocumentPredicate,
  type FilterContext,
  type FilterField,
  matchesFilter,
  parseFilterField,
  readField,
  validateFilter,
} from "./store/match-filter.js";
export type { Bm25Parameters, Bm25Variant } from "./store/memory/bm25-scoring.js";
export {
  InMemoryDocumentStore,
  type InMemoryKeywordSearchOptions,
} from "./store/memory/in-memory-document-store.js";
export type {
  ApproximateSearchOptions,
  InMemoryDocumentStoreOptions,
  InMemoryStoreConfig,
  VectorStorage,
} from "./store/memory/memory-store-options.js";
export { stores } from "./store/memory/memory-store-provider.js";
export {
  registerStoreKind,
  resolveDocumentStore,
  type StoreProvider,
  storeFromConfig,
  storePackages,
} from "./store/store-shorthand.js";
