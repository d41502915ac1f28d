/**
 * A `gguf:` or `onnx:` shorthand used where the optional in-process runtime is not installed names the package to
 * install and how, instead of Node's bare "Cannot find package". The import failures are real ones, from Node.
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { TramaError } from "@trama/core";
import { describe, expect, it } from "vitest";
import { missingProviderError } from "./registry.js";

const run = promisify(execFile);

/** The error Node gives a module in an empty folder importing `specifier`, rebuilt from a child process (Vitest's
 * own resolver would find the repository's packages). */
async function importFailure(specifier: string): Promise<unknown> {
  const folder = await mkdtemp(join(tmpdir(), "trama-missing-"));
  const file = join(folder, "importer.mjs");
  await writeFile(
    file,
    `import(${JSON.stringify(specifier)}).catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message })));\n`,
  );
  const { stdout } = await run(process.execPath, [file], { cwd: folder });
  const { code, message } = JSON.parse(stdout) as { code: string; message: string };
  return Object.assign(new Error(message), { code });
}

describe("a provider whose package is not installed", () => {
  it("names node-llama-cpp and npm run extras for gguf:", async () => {
    const error = await importFailure("node-llama-cpp");
    const explained = missingProviderError({ scheme: "gguf", packageName: "@trama/llama-cpp", error });
    expect(TramaError.isInstance(explained)).toBe(true);
    expect(explained?.message).toContain("with node-llama-cpp, which is not installed");
    expect(explained?.message).toContain("npm run extras");
    expect(explained?.message).toContain("npm install @trama/llama-cpp node-llama-cpp");
  });

  it("names @huggingface/transformers for onnx: when the provider package itself is missing", async () => {
    const error = await importFailure("@trama/transformers");
    const explained = missingProviderError({ scheme: "onnx", packageName: "@trama/transformers", error });
    expect(explained?.message).toContain("npm install @trama/transformers @huggingface/transformers");
  });

  it("names the provider package for the other schemes", async () => {
    const error = await importFailure("@trama/anthropic");
    const explained = missingProviderError({ scheme: "anthropic", packageName: "@trama/anthropic", error });
    expect(explained?.message).toBe(
      "The 'anthropic' provider needs @trama/anthropic: install it with npm install @trama/anthropic.",
    );
  });

  it("leaves other failures as they are", async () => {
    const error = await importFailure("some-unrelated-package");
    expect(missingProviderError({ scheme: "gguf", packageName: "@trama/llama-cpp", error })).toBeUndefined();
    expect(
      missingProviderError({ scheme: "gguf", packageName: "@trama/llama-cpp", error: new SyntaxError("bad") }),
    ).toBeUndefined();
  });
});
