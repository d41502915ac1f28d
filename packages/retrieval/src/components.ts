import type { ComponentType } from "@trama/core";
import { BM25Retriever } from "./components/bm25-retriever.js";
import { DocumentWriter } from "./components/document-writer.js";
import { EmbeddingRetriever } from "./components/embedding-retriever.js";
import { HybridRetriever } from "./components/hybrid-retriever.js";
import { LLMRanker } from "./components/llm-ranker.js";
import { LostInTheMiddleRanker } from "./components/lost-in-the-middle-ranker.js";
import { MetaFieldRanker } from "./components/meta-field-ranker.js";
import { FileTypeRouter } from "./converters/file-type-router.js";
import { HTMLToDocument } from "./converters/html-to-document.js";
import { JSONConverter } from "./converters/json-converter.js";
import { MarkdownToDocument } from "./converters/markdown-to-document.js";
import { MultiFileConverter } from "./converters/multi-file-converter.js";
import { PDFToDocument } from "./converters/pdf-to-document.js";
import { CSVToDocument, TextFileToDocument } from "./converters/text-file-to-document.js";
import { ContextRelevanceEvaluator } from "./evaluation/context-relevance-evaluator.js";
import { FaithfulnessEvaluator } from "./evaluation/faithfulness-evaluator.js";
import {
  AnswerExactMatchEvaluator,
  DocumentMRREvaluator,
  DocumentNDCGEvaluator,
  DocumentRecallEvaluator,
} from "./evaluation/metric-evaluators.js";
import { DocumentCleaner } from "./preprocessors/document-cleaner.js";
import { DocumentSplitter } from "./preprocessors/document-splitter.js";

/** The component types `@trama/retrieval` provides: add them to a registry with `registry.add(components)`. */
export const components: readonly ComponentType[] = [
  AnswerExactMatchEvaluator,
  BM25Retriever,
  ContextRelevanceEvaluator,
  CSVToDocument,
  DocumentCleaner,
  DocumentMRREvaluator,
  DocumentNDCGEvaluator,
  DocumentRecallEvaluator,
  DocumentSplitter,
  DocumentWriter,
  EmbeddingRetriever,
  FaithfulnessEvaluator,
  FileTypeRouter,
  HTMLToDocument,
  HybridRetriever,
  JSONConverter,
  LLMRanker,
  LostInTheMiddleRanker,
  MarkdownToDocument,
  MetaFieldRanker,
  MultiFileConverter,
  PDFToDocument,
  TextFileToDocument,
];
