/**
 * Every error Trama's packages throw is a `TramaError` (so callers can tell Trama's errors apart, with `isInstance`
 * across package copies, and every message names the fix). This test reads the shipped source of every package and
 * fails on any plain `Error`, `TypeError` or `RangeError` it constructs. Test code and test helpers are exempt.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../..", import.meta.url));
const exempt = /(\.test\.ts$|\/testing\/|\/__fixtures__\/|^packages\/conformance\/)/;
const plainError = /\bnew (Error|TypeError|RangeError|SyntaxError)\(/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === "node_modules" || name === "dist" ? [] : sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

describe("errors", () => {
  it("are TramaError subclasses everywhere in shipped code", () => {
    const offenders: string[] = [];
    for (const pkg of readdirSync(join(root, "packages"))) {
      const src = join(root, "packages", pkg, "src");
      if (!statSync(join(root, "packages", pkg)).isDirectory()) continue;
      let files: string[] = [];
      try {
        files = sourceFiles(src);
      } catch {
        continue;
      }
      for (const file of files) {
        const path = relative(root, file);
        if (exempt.test(path)) continue;
        readFileSync(file, "utf8")
          .split("\n")
          .forEach((line, index) => {
            if (plainError.test(line) && !line.trim().startsWith("//") && !line.trim().startsWith("*"))
              offenders.push(`${path}:${index + 1}: ${line.trim()}`);
          });
      }
    }
    expect(offenders, "throw a TramaError subclass from @trama/core instead").toEqual([]);
  });
});
