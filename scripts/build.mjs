#!/usr/bin/env node
/**
 * Builds the packages (`tsc -b`). The GGUF and ONNX providers are built only when their optional runtimes are
 * installed (`npm run extras`): without them those two packages cannot compile, and nothing else needs them to.
 *
 *   node scripts/build.mjs          every package whose dependencies are installed
 *   node scripts/build.mjs --all    every package; fails when an optional runtime is missing
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Packages that compile only against an optional runtime in node_modules. */
const optionalRuntimes = {
  "packages/llama-cpp/tsconfig.build.json": "node-llama-cpp",
  "packages/transformers/tsconfig.build.json": "@huggingface/transformers",
};

const { references } = JSON.parse(readFileSync(join(root, "tsconfig.build.json"), "utf8"));
const projects = references
  .map((reference) => reference.path)
  .filter((path) => {
    const runtime = optionalRuntimes[path];
    if (!runtime || process.argv.includes("--all")) return true;
    return existsSync(join(root, "node_modules", runtime, "package.json"));
  });
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
execFileSync(process.execPath, [tsc, "-b", ...projects], { cwd: root, stdio: "inherit" });

// npm links a workspace's `bin` only if the file exists at install time, which `dist/` does not on a fresh clone:
// link `trama` once it is built, so `npx trama` works in the clone.
const bin = join(root, "node_modules", ".bin", "trama");
const main = join(root, "packages", "cli", "dist", "main.js");
if (existsSync(main)) {
  chmodSync(main, 0o755);
  if (!existsSync(bin)) {
    mkdirSync(dirname(bin), { recursive: true });
    rmSync(bin, { force: true }); // a dangling link left by an earlier install
    symlinkSync(relative(dirname(bin), main), bin);
  }
}
