import { Document, Lazy } from "@trama/core";
import type { ByteStream } from "./byte-stream.js";
import { ConversionError } from "./conversion-error.js";
import { type ConverterParams, defineConverter, describeStream } from "./sources.js";

export interface PDFToDocumentParams extends ConverterParams {
  /**
   * One document per page, each with `meta.page_number`, instead of one document per file whose pages are separated
   * by form feeds (`\f`, Haystack's layout, from which `DocumentSplitter` gives every chunk its `page_number`).
   * Default false.
   */
  documentPerPage?: boolean;
}

/** The package that reads PDFs, an optional peer dependency: most users of this package never read one. */
const pdfPackage = "pdfjs-dist";
type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

const pdfjs = new Lazy<PdfJs>(async () => {
  try {
    // The legacy build is the one made for Node.js.
    return await import("pdfjs-dist/legacy/build/pdf.mjs");
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && String(error).includes(pdfPackage)) {
      throw new ConversionError(
        `reading PDF files needs the optional package ${pdfPackage}: install it with npm install ${pdfPackage}@4.9`,
        {
          source: "PDF",
          cause: error,
        },
      );
    }
    throw error;
  }
});

/** The text of each page of a PDF, lines ending where the PDF ends them. Throws `ConversionError` naming the file. */
export async function pdfPages(stream: ByteStream): Promise<string[]> {
  const source = describeStream(stream);
  let library: PdfJs;
  try {
    library = await pdfjs.get();
  } catch (error) {
    if (ConversionError.isInstance(error)) throw new ConversionError(error.reason, { source, cause: error.cause });
    throw error;
  }
  // pdf.js takes ownership of the buffer it is given: hand it a copy, so the stream stays readable.
  const task = library.getDocument({
    data: new Uint8Array(stream.data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str;
        if (item.hasEOL) text += "\n";
      }
      pages.push(text);
      page.cleanup();
    }
    return pages;
  } catch (error) {
    const name = (error as { name?: string }).name;
    const reason =
      name === "PasswordException"
        ? "it is encrypted with a password: decrypt it first (for example with qpdf --decrypt)."
        : name === "InvalidPDFException"
          ? "it is not a valid PDF file."
          : `pdf.js could not read it (${(error as Error)?.message ?? String(error)}).`;
    throw new ConversionError(reason, { source, cause: error });
  } finally {
    await task.destroy();
  }
}

/** The documents of a PDF: one for the file (pages separated by `\f`), or one per page with `meta.page_number`. */
export async function convertPdf(stream: ByteStream, metadata: Record<string, unknown>, params: PDFToDocumentParams) {
  const pages = await pdfPages(stream);
  if (!params.documentPerPage) return [new Document({ content: pages.join("\f"), meta: metadata })];
  return pages.map(
    (text, index) => new Document({ content: text, meta: { ...structuredClone(metadata), page_number: index + 1 } }),
  );
}

/**
 * PDF files to documents, through pdf.js (`pdfjs-dist`, an optional peer dependency loaded on first use: install it
 * to read PDFs). By default one document per file, pages separated by `\f`; with `documentPerPage`, one per page with
 * `meta.page_number`. Files that cannot be read (encrypted, damaged) are listed on `failed`.
 */
export const PDFToDocument = defineConverter("trama.PDFToDocument", convertPdf);
