/**
 * Which workspace packages export a given name, read from their TypeScript sources rather than by importing them
 * (a package may need an optional dependency this machine lacks to load at all).
 * @module
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

interface WorkspacePackage {
  name: string;
  /** The source file of its `.` export (the `@trama/source` condition). */
  entry: string | undefined;
}

function workspacePackages(root: string): WorkspacePackage[] {
  const folder = join(root, "packages");
  return readdirSync(folder)
    .filter((name) => existsSync(join(folder, name, "package.json")))
    .map((name) => {
      const manifest = JSON.parse(readFileSync(join(folder, name, "package.json"), "utf8")) as {
        name: string;
        exports?: Record<string, string | Record<string, string>>;
      };
      const main = manifest.exports?.["."];
      const source = typeof main === "object" ? main["@trama/source"] : undefined;
      return { name: manifest.name, entry: source ? join(folder, name, source) : undefined };
    });
}

/** Named exports of a source file: `export { a, b as c }`, `export const|function|class x`, and `export *` followed. */
function exportedNames(file: string, packages: readonly WorkspacePackage[], seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file) || !existsSync(file)) return names;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(/export\s+(?:declare\s+)?(?:const|let|var|function\*?|class)\s+([\w$]+)/g))
    names.add(match[1]!);
  for (const match of text.matchAll(/export\s*(?!type\b)\{([^}]*)\}/g)) {
    for (const item of match[1]!.split(",")) {
      const parts = item.trim().split(/\s+as\s+/);
      const exported = parts[parts.length - 1]?.trim();
      if (exported && !item.trim().startsWith("type ")) names.add(exported);
    }
  }
  for (const match of text.matchAll(/export\s*\*\s*from\s*["']([^"']+)["']/g)) {
    const specifier = match[1]!;
    const target = specifier.startsWith(".")
      ? resolve(dirname(file), specifier.replace(/\.js$/, ".ts"))
      : packages.find((other) => other.name === specifier)?.entry;
    if (target) for (const name of exportedNames(target, packages, seen)) names.add(name);
  }
  return names;
}

/** The names (`@trama/…`) of the workspace packages under `root/packages` whose main export includes `name`, sorted. */
export function packagesExporting(root: string, name: string): string[] {
  const packages = workspacePackages(root);
  return packages
    .filter((pkg) => pkg.entry !== undefined && exportedNames(pkg.entry, packages).has(name))
    .map((pkg) => pkg.name)
    .sort();
}
