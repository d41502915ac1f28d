import { hasMarker, TramaError } from "@trama/core";

const marker = Symbol.for("trama.error.TranscriptParseError");

/** Where a parse error is and what the parser expected there. */
export interface ParseErrorLocation {
  /** The file, or `<input>` when the text came from elsewhere. */
  file: string;
  /** 1-based line. */
  line: number;
  /** What the parser expected at that line, such as "a `Speaker Name (MM:SS)` header". */
  expected: string;
  /** The offending line's text (shortened in the message). */
  found?: string;
  /** What to do about it, when there is something better to say than "fix the line". */
  hint?: string;
}

/**
 * A transcript, chapter list or post cannot be read. The message starts with `file:line:`, says what was expected and
 * what was found, and how to fix it; the same facts are fields for programs.
 */
export class TranscriptParseError extends TramaError {
  readonly [marker] = true;
  readonly file: string;
  readonly line: number;
  readonly expected: string;
  readonly found?: string;

  constructor(location: ParseErrorLocation, options?: { cause?: unknown }) {
    super(formatParseMessage(location), options);
    this.file = location.file;
    this.line = location.line;
    this.expected = location.expected;
    this.found = location.found;
  }

  static override isInstance(error: unknown): error is TranscriptParseError {
    return hasMarker(error, marker);
  }
}

function formatParseMessage(location: ParseErrorLocation): string {
  const found =
    location.found === undefined
      ? ""
      : `, found ${location.found.trim() === "" ? "an empty line" : JSON.stringify(shorten(location.found.trim(), 60))}`;
  const hint = location.hint ? ` ${location.hint}` : "";
  return `${location.file}:${location.line}: expected ${location.expected}${found}.${hint}`;
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
