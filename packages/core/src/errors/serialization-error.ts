import { hasMarker, TramaError } from "./trama-error.js";

/** Where in a file a problem is. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
}

const marker = Symbol.for("trama.error.SerializationError");

/** A pipeline, component or value cannot be written or read; names the file and line when there is one. */
export class SerializationError extends TramaError {
  readonly [marker] = true;
  constructor(
    message: string,
    readonly location: SourceLocation = {},
    options?: { cause?: unknown },
  ) {
    super(prefixLocation(location, message), options);
  }
  static override isInstance(error: unknown): error is SerializationError {
    return hasMarker(error, marker);
  }
}

function prefixLocation(location: SourceLocation, message: string): string {
  if (location.file === undefined && location.line === undefined) return message;
  const where = [location.file ?? "<input>", location.line, location.column].filter((part) => part !== undefined);
  return `${where.join(":")}: ${message}`;
}
