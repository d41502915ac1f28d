import type { ComponentType } from "@trama/core";
import { FileTypeRouter } from "./converters/file-type-router.js";
import { HTMLToDocument } from "./converters/html-to-document.js";
import { JSONConverter } from "./converters/json-converter.js";
import { MarkdownToDocument } from "./converters/markdown-to-document.js";
import { MultiFileConverter } from "./converters/multi-file-converter.js";
import { PDFToDocument } from "./converters/pdf-to-document.js";
import { CSVToDocument, TextFileToDocument } from "./converters/text-file-to-document.js";
import { DocumentCleaner } from "./preprocessors/document-cleaner.js";
import { DocumentSplitter } from "./preprocessors/document-splitter.js";

/** The component types `@trama/retrieval` provides: add them to a registry with `registry.add(components)`. */
export const components: readonly ComponentType[] = [
  CSVToDocument,
  DocumentCleaner,
  DocumentSplitter,
  FileTypeRouter,
  HTMLToDocument,
  JSONConverter,
  MarkdownToDocument,
  MultiFileConverter,
  PDFToDocument,
  TextFileToDocument,
];
