import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CouncilFileError } from "../errors/council-file-error.js";
import { loadCouncilFile, parseCouncilFile } from "./council-file.js";
import { applyCouncilOverrides } from "./resolve-council.js";

const full = `# a council
members:
  - ollama:qwen2.5:7b
  - model: openrouter:openai/gpt-5.1
    name: gpt
    temperature: 0.2
    max_tokens: 800
    model_options: { baseURL: "https://openrouter.ai/api/v1" }
chairman: openrouter:anthropic/claude-sonnet-4.5
titleModel: ollama:qwen2.5:0.5b
timeouts:
  answer: 2m
  review: 90s
  chairman_ms: 300000
  title: 500ms
concurrency:
  "http://127.0.0.1:11434": 2
seed: 42
max_retries: 0
`;

function problem(text: string): CouncilFileError {
  try {
    parseCouncilFile(text, "/tmp/council.yaml");
  } catch (error) {
    if (CouncilFileError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a CouncilFileError");
}

describe("council files", () => {
  it("reads members, chairman, title model, timeouts with units, concurrency and sampling", () => {
    expect(parseCouncilFile(full)).toEqual({
      members: [
        "ollama:qwen2.5:7b",
        {
          model: "openrouter:openai/gpt-5.1",
          name: "gpt",
          temperature: 0.2,
          maxTokens: 800,
          modelOptions: { baseURL: "https://openrouter.ai/api/v1" },
        },
      ],
      chairman: "openrouter:anthropic/claude-sonnet-4.5",
      titleModel: "ollama:qwen2.5:0.5b",
      timeouts: { answerMs: 120_000, reviewMs: 90_000, chairmanMs: 300_000, titleMs: 500 },
      concurrency: { "http://127.0.0.1:11434": 2 },
      seed: 42,
      maxRetries: 0,
    });
  });

  it("names the file and line of each mistake, and the fix", () => {
    expect(problem("members:\n  - ollama:a\n  - qwen2.5\n").message).toBe(
      "/tmp/council.yaml:3: 'qwen2.5' (a member) is not a model shorthand: write provider:model, such as ollama:qwen2.5:7b, openrouter:openai/gpt-5.1 or gguf:hf:user/repo/file.gguf.",
    );
    expect(problem("members: [ollama:a]\nchairmen: ollama:b\n").message).toMatch(
      /^\/tmp\/council\.yaml:2: unknown key 'chairmen' in the council file\. Did you mean 'chairman'\?/,
    );
    expect(problem("members: []\n").message).toMatch(/:1: `members` must be a list of at least one model/);
    expect(problem("chairman: ollama:a\n").message).toMatch(/:1: the council file has no `members:`/);
    expect(problem("members: [ollama:a]\ntimeouts:\n  answer: soon\n").message).toMatch(
      /:3: a duration is milliseconds/,
    );
    expect(problem("members: [ollama:a]\ntimeouts: { reviews: 2m }\n").message).toMatch(
      /:2: unknown timeout 'reviews'/,
    );
    expect(problem("members:\n  - model: ollama:a\n    temprature: 1\n").message).toMatch(
      /:3: unknown key 'temprature'.*Did you mean 'temperature'/,
    );
    expect(problem("members:\n  - name: x\n").message).toMatch(/:2: a member needs `model:`/);
    expect(problem("members: [ollama:a]\nseed: -1\n").message).toMatch(
      /:2: `seed` must be a non-negative whole number/,
    );
    expect(problem("members: [ollama:a\n").message).toMatch(/^\/tmp\/council\.yaml:\d+: invalid YAML/);
    expect(problem("- ollama:a\n").message).toMatch(/:1: a council file is a YAML mapping/);
    expect(problem("members: [ollama:a]\nmembers: [ollama:b]\n").message).toMatch(/:2: invalid YAML/);
  });

  it("loads a file from disk, and says when there is none", async () => {
    const folder = await mkdtemp(join(tmpdir(), "trama-council-file-"));
    try {
      await writeFile(join(folder, "council.yaml"), full);
      expect((await loadCouncilFile("council.yaml", folder)).seed).toBe(42);
      await expect(loadCouncilFile("missing.yaml", folder)).rejects.toThrow(
        `${join(folder, "missing.yaml")}: cannot read the council file: there is no such file. Check the path given to --council.`,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("applies overrides over a file: members replaced, timeouts and concurrency merged", () => {
    const config = parseCouncilFile(full);
    const overridden = applyCouncilOverrides(config, {
      members: ["ollama:x", "ollama:y"],
      chairman: "ollama:y",
      timeouts: { answerMs: 1000 },
      seed: undefined,
    });
    expect(overridden.members).toEqual(["ollama:x", "ollama:y"]);
    expect(overridden.chairman).toBe("ollama:y");
    expect(overridden.timeouts).toEqual({ answerMs: 1000, reviewMs: 90_000, chairmanMs: 300_000, titleMs: 500 });
    expect(overridden.seed).toBe(42);
    expect(applyCouncilOverrides(config, { members: [] }).members).toHaveLength(2);
  });
});
