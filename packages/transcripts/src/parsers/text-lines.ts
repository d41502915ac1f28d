/**
 * Helpers every parser shares: options, the name of unnamed input, and lines without BOM or CR.
 * @module
 */

/** Options every parser takes. */
export interface ParseOptions {
  /** The file the text came from: named in errors and kept on the transcript. */
  file?: string;
}

/** The name parsers put in messages when the text has no file. */
export const UNNAMED_INPUT = "<input>";

/** Splits text into lines, dropping a UTF-8 byte-order mark and accepting LF, CRLF and lone CR endings. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/);
}
