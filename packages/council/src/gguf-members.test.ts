/**
 * The local path for real: GGUF members run in this process through node-llama-cpp, on the tiny random-weight model
 * the llama.cpp package writes (gibberish, but every step runs), beside loopback members; and the default council's
 * first use, fetching its model with progress from a Hugging Face mirror on loopback into the model cache.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeTinyGguf } from "@trama/llama-cpp/testing";
import { startLoopbackServer } from "@trama/models/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveCouncilConfig } from "./config/resolve-council.js";
import type { DownloadProgress } from "./defaults/gguf-default.js";
import { runCouncil } from "./run-council.js";
import { type ScriptedMember, startScriptedMember } from "./testing/index.js";

let folder: string;
let tinyPath: string;
let scripted: ScriptedMember[];
// A character-level vocabulary makes the review and chairman prompts a few thousand tokens long.
const modelOptions = { threads: 1, contextSize: 4096 };

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "trama-council-gguf-"));
  // End-of-generation rows zeroed: the model talks until maxTokens stops it, so every reply has text.
  tinyPath = (await writeTinyGguf({ path: join(folder, "tiny.gguf"), contextLength: 4096, endOfGenerationScale: 0 }))
    .path;
  scripted = await Promise.all([
    startScriptedMember({
      answer: "Rayleigh scattering makes the sky blue, since air scatters short wavelengths most.",
    }),
    startScriptedMember({ answer: "Blue light scatters most." }),
  ]);
});

afterAll(async () => {
  await Promise.all(scripted.map((member) => member.close()));
  await rm(folder, { recursive: true, force: true });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("GGUF members in this process", () => {
  it("answer, review and chair beside loopback members", async () => {
    const run = runCouncil(
      {
        members: [
          { model: `gguf:${tinyPath}`, name: "tiny", modelOptions },
          ...scripted.map((member, index) => ({ model: member.shorthand, name: `remote-${index}` })),
        ],
        chairman: "tiny",
        maxTokens: 12,
        seed: 2,
      },
      { question: "Why is the sky blue?" },
    );
    const events = [];
    for await (const event of run) events.push(event);
    const result = await run.result;

    expect(result.status).toBe("complete");
    const tiny = result.answers.find((answer) => answer.member === "tiny")!;
    expect(tiny.text.length).toBeGreaterThan(0);
    expect(tiny.usage.outputTokens).toBeGreaterThan(0);
    expect(events.some((event) => event.type === "member-delta" && event.member === "tiny")).toBe(true);
    // The tiny model writes gibberish: its ballot is reported as it is, and only readable ballots count.
    const review = result.reviews.find((candidate) => candidate.reviewer === "tiny")!;
    expect(review.labels).toHaveLength(3);
    expect(["invalid", "abstain", "partial", "complete"]).toContain(review.ballot.status);
    expect(result.aggregate!.counted).toEqual(expect.arrayContaining(["remote-0", "remote-1"]));
    expect(result.final).toMatchObject({ chairman: "tiny", role: "chairman" });
    expect(result.final!.text.length).toBeGreaterThan(0);
    expect(result.totals.find((row) => row.member === "tiny")!.chairman!.usage.outputTokens).toBeGreaterThan(0);
  });
});

describe("the default council's first use", () => {
  it("fetches its models with progress into the model cache, then finds them there", async () => {
    const bytes = await readFile(tinyPath);
    const hub = await startLoopbackServer((request, response) => {
      if (request.path !== "/test/tiny-GGUF/resolve/main/tiny-q4.gguf") {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": String(bytes.length),
        "accept-ranges": "none",
      });
      response.end(request.method === "HEAD" ? undefined : bytes);
    });
    const saved = process.env.HF_ENDPOINT;
    process.env.HF_ENDPOINT = hub.url;
    const modelsDir = join(folder, "cache");
    const env = { TRAMA_MODELS_DIR: modelsDir, OLLAMA_HOST: `127.0.0.1:${await closedPort()}` };
    const defaultModels = [{ name: "tiny", reference: "hf:test/tiny-GGUF/tiny-q4.gguf", bytes: bytes.length }];
    try {
      // Described for a page, the council names its models and fetches nothing.
      const described = await resolveCouncilConfig({ env, defaultModels, download: false });
      expect(described.config.members).toEqual([{ model: "gguf:hf:test/tiny-GGUF/tiny-q4.gguf", name: "tiny" }]);
      expect(described.notes[0]).toContain("fetched at the first question");
      expect(hub.requests).toHaveLength(0);
      const progress: DownloadProgress[] = [];
      const first = await resolveCouncilConfig({
        env,
        defaultModels,
        onDownloadProgress: (step) => progress.push(step),
      });
      const cached = join(modelsDir, "huggingface.co", "test", "tiny-GGUF", "tiny-q4.gguf");
      expect((await stat(cached)).size).toBe(bytes.length);
      expect(progress.at(-1)).toMatchObject({
        name: "tiny",
        file: cached,
        downloadedBytes: bytes.length,
        totalBytes: bytes.length,
      });
      expect(first.source).toBe("gguf");
      expect(first.notes[0]).toContain("no Ollama at http://127.0.0.1:");
      expect(first.config).toMatchObject({
        members: [{ model: "gguf:hf:test/tiny-GGUF/tiny-q4.gguf", name: "tiny", modelOptions: { modelsDir } }],
        chairman: "tiny",
      });

      const downloads = hub.requests.filter((request) => request.method === "GET").length;
      const second = await resolveCouncilConfig({ env, defaultModels });
      expect(second.config.members).toEqual(first.config.members);
      expect(hub.requests.filter((request) => request.method === "GET")).toHaveLength(downloads);

      const run = runCouncil(
        {
          ...second.config,
          members: second.config.members.map(
            (member) => ({ ...(member as object), modelOptions: { ...modelOptions, modelsDir } }) as never,
          ),
          maxTokens: 8,
        },
        { question: "Hello?" },
      );
      const result = await run.result;
      expect(result.status).toBe("complete");
      expect(result.final!.chairman).toBe("tiny");
    } finally {
      if (saved === undefined) delete process.env.HF_ENDPOINT;
      else process.env.HF_ENDPOINT = saved;
      await hub.close();
    }
  });
});
