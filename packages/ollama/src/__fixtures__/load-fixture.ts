import { readFileSync } from "node:fs";

const folder = new URL("./", import.meta.url);

/** A JSON fixture, parsed. */
export function jsonFixture(name: string): any {
  return JSON.parse(readFileSync(new URL(name, folder), "utf8"));
}

/** The lines of an NDJSON fixture, parsed, for `sendJsonLines`. */
export function jsonLinesFixture(name: string): object[] {
  return readFileSync(new URL(name, folder), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as object);
}
