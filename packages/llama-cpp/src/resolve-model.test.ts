import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProviderError } from "@trama/provider";
import { type LoopbackServer, rejection, startLoopbackServer } from "@trama/provider/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resolveModelPath } from "./resolve-model.js";
import { writeTinyGguf } from "./testing/index.js";

let folder: string;
let tiny: string;
let modelsDir: string;
let server: LoopbackServer | undefined;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "trama-llama-resolve-"));
  tiny = (await writeTinyGguf({ path: join(folder, "tiny.gguf") })).path;
  modelsDir = join(folder, "models");
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
  await rm(modelsDir, { recursive: true, force: true });
});

afterAll(() => rm(folder, { recursive: true, force: true }));

/** Runs `resolve`, expecting a ProviderError; bounds the time only to catch a hang. */
async function failure(resolve: () => Promise<unknown>): Promise<ProviderError> {
  const started = Date.now();
  const error = await rejection(resolve());
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(ProviderError.isInstance(error)).toBe(true);
  return error as ProviderError;
}

describe("resolveModelPath", () => {
  it("returns an existing GGUF file as an absolute path", async () => {
    expect(await resolveModelPath(tiny)).toBe(tiny);
    vi.spyOn(process, "cwd").mockReturnValue(folder);
    expect(await resolveModelPath("tiny.gguf", { modelsDir: "/nowhere" })).toBe(tiny);
    vi.restoreAllMocks();
  });

  it("fails for a missing file, naming it", async () => {
    const error = await failure(() => resolveModelPath(join(folder, "absent.gguf")));
    expect(error.message).toBe(
      `llama.cpp (${join(folder, "absent.gguf")}): no model file at ${join(folder, "absent.gguf")}. Check the path, or give an hf:user/repo/file.gguf or https:// reference to download the model.`,
    );
    expect(error.isRetryable).toBe(false);
  });

  it("finds hf: and https: models already in the models folder, without a network", async () => {
    const target = join(modelsDir, "huggingface.co", "someone", "tiny-GGUF", "tiny.Q8_0.gguf");
    await mkdir(join(target, ".."), { recursive: true });
    await copyFile(tiny, target);
    expect(await resolveModelPath("hf:someone/tiny-GGUF/tiny.Q8_0.gguf", { modelsDir, download: false })).toBe(target);
    expect(
      await resolveModelPath("https://huggingface.co/someone/tiny-GGUF/resolve/main/tiny.Q8_0.gguf", { modelsDir }),
    ).toBe(target);
    expect(await resolveModelPath("hf:someone/tiny-GGUF:q8_0", { modelsDir, download: false })).toBe(target);

    const fromUrl = join(modelsDir, "example.com", "models", "tiny.gguf");
    await mkdir(join(fromUrl, ".."), { recursive: true });
    await copyFile(tiny, fromUrl);
    expect(await resolveModelPath("https://example.com/models/tiny.gguf?download=1", { modelsDir })).toBe(fromUrl);
  });

  it("fails at once without downloading when downloads are off, saying what to get, from where, and where to put it", async () => {
    const error = await failure(() =>
      resolveModelPath("hf:someone/tiny-GGUF/tiny.Q4_K_M.gguf", { modelsDir, download: false }),
    );
    const target = join(modelsDir, "huggingface.co", "someone", "tiny-GGUF", "tiny.Q4_K_M.gguf");
    expect(error.message).toBe(
      `llama.cpp (hf:someone/tiny-GGUF/tiny.Q4_K_M.gguf): the model is not in the models folder and cannot be downloaded: downloads are turned off (download: false). Download https://huggingface.co/someone/tiny-GGUF/resolve/main/tiny.Q4_K_M.gguf and save it as ${target}, or set modelsDir (or TRAMA_MODELS_DIR) to the folder that holds your models.`,
    );
  });

  it("fails fast when the host cannot be reached, naming the URL and the target path", async () => {
    const closed = await startLoopbackServer(() => {});
    await closed.close();
    vi.stubEnv("HF_ENDPOINT", closed.url);
    vi.stubEnv("TRAMA_MODELS_DIR", modelsDir);
    const error = await failure(() => resolveModelPath("hf:someone/tiny-GGUF/tiny.Q4_K_M.gguf"));
    expect(error.message).toContain("network error ECONNREFUSED");
    expect(error.message).toContain(`Download ${closed.url}/someone/tiny-GGUF/resolve/main/tiny.Q4_K_M.gguf`);
    expect(error.message).toContain(
      `save it as ${join(modelsDir, "huggingface.co", "someone", "tiny-GGUF", "tiny.Q4_K_M.gguf")}`,
    );
  });

  it("gives up on a server that never answers after connectTimeoutMs", async () => {
    server = await startLoopbackServer(() => new Promise(() => {}));
    const error = await failure(() =>
      resolveModelPath(`${server!.url}/models/tiny.gguf`, { modelsDir, connectTimeoutMs: 200 }),
    );
    expect(error.message).toContain("no answer from 127.0.0.1");
    expect(error.message).toContain(
      `save it as ${join(modelsDir, server.url.slice(7).replace(":", "_"), "models", "tiny.gguf")}`,
    );
  });

  it("names the quantization to download for hf:user/repo:quant", async () => {
    const error = await failure(() => resolveModelPath("hf:someone/tiny-GGUF", { modelsDir, download: false }));
    expect(error.message).toContain(
      `Download the Q4_K_M .gguf file from https://huggingface.co/someone/tiny-GGUF/tree/main and save it as ${join(modelsDir, "huggingface.co", "someone", "tiny-GGUF", "tiny.Q4_K_M.gguf")}`,
    );
  });

  it("reports a missing remote file", async () => {
    server = await startLoopbackServer((_, response) => {
      response.writeHead(404).end();
    });
    const error = await failure(() => resolveModelPath(`${server!.url}/missing.gguf`, { modelsDir }));
    expect(error.message).toContain(`${server.url}/missing.gguf answered HTTP 404 (no such file: check the reference)`);
  });

  it("downloads a remote model into the models folder once, then uses the copy", async () => {
    const bytes = await readFile(tiny);
    server = await startLoopbackServer((request, response) => {
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": bytes.length });
      response.end(request.method === "HEAD" ? undefined : bytes);
    });
    const reference = `${server.url}/files/tiny.gguf`;
    const path = await resolveModelPath(reference, { modelsDir });
    expect(path).toBe(join(modelsDir, server.url.slice(7).replace(":", "_"), "files", "tiny.gguf"));
    expect((await readFile(path)).equals(bytes)).toBe(true);
    const requests = server.requests.length;
    expect(await resolveModelPath(reference, { modelsDir })).toBe(path);
    expect(server.requests.length).toBe(requests);
  });
});

describe("GGUF checks before loading", () => {
  it("refuses a file that is not GGUF", async () => {
    const path = join(folder, "notes.gguf");
    await writeFile(path, "hello, this is text");
    const error = await failure(() => resolveModelPath(path));
    expect(error.message).toBe(
      `llama.cpp (${path}): ${path} is not a GGUF model file: it does not start with "GGUF" (it starts with "hello, this is text").`,
    );
  });

  it("recognizes Git LFS pointers and HTML pages", async () => {
    const pointer = join(folder, "pointer.gguf");
    await writeFile(pointer, "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n");
    expect((await failure(() => resolveModelPath(pointer))).message).toContain("is a Git LFS pointer, not the model");
    const page = join(folder, "page.gguf");
    await writeFile(page, "<!DOCTYPE html><html><body>Sign in</body></html>");
    expect((await failure(() => resolveModelPath(page))).message).toContain("is an HTML page, not a model");
  });

  it("refuses a GGUF without the keys the native loader needs, instead of letting it abort the process", async () => {
    const path = join(folder, "broken.gguf");
    await writeTinyGguf({
      path,
      omitMetadataKeys: ["llama.feed_forward_length", "llama.attention.head_count"],
      validate: false,
    });
    const error = await failure(() => resolveModelPath(path));
    expect(error.message).toBe(
      `llama.cpp (${path}): ${path} lacks GGUF metadata that llama.cpp needs: llama.feed_forward_length, llama.attention.head_count. The file is incomplete or was written by a tool that does not follow the GGUF conventions for llama.`,
    );
  });

  it("refuses a truncated GGUF", async () => {
    const path = join(folder, "truncated.gguf");
    const bytes = await readFile(tiny);
    await writeFile(path, bytes.subarray(0, bytes.length - 300_000));
    expect((await failure(() => resolveModelPath(path))).message).toMatch(
      /is truncated: its tensor data needs more than \d+ bytes and the file has \d+\. Download it again\.$/,
    );
    await writeFile(path, bytes.subarray(0, 5000));
    expect((await failure(() => resolveModelPath(path))).message).toContain("ends in the middle of its GGUF header");
  });
});
