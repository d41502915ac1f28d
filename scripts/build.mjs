#!/usr/bin/env node
/**
 * Builds the packages (`tsc -b`). The GGUF and ONNX providers are built only when their optional runtimes are
 * installed (`npm run extras`): without them those two packages cannot compile, and nothing else needs them to.
 *
 *   node scripts/build.mjs          every package whose dependencies are installed
 *   node scripts/build.mjs --all    every package; fails when an optional runtime is missing
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
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
