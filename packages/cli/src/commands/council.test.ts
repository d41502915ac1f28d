import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { type CouncilResult, runCouncil } from "@trama/council";
import { type ScriptedMember, startScriptedMember, startScriptedOllama } from "@trama/council/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../testing.js";
import { CouncilProgress } from "./council-progress.js";

let members: ScriptedMember[];
let folder: string;
const long = "Rayleigh scattering: air molecules scatter blue light far more than red, so the sky looks blue.";

beforeAll(async () => {
  members = await Promise.all([
    startScriptedMember({ model: "alpha", answer: long, costPerCall: 0.0005 }),
    startScriptedMember({ model: "beta", answer: "Scattering of sunlight." }),
    startScriptedMember({ model: "gamma", answer: "Air.", chairman: () => "Blue light scatters most in air." }),
  ]);
  folder = await mkdtemp(join(tmpdir(), "trama-cli-council-"));
});

afterAll(async () => {
  await Promise.all(members.map((member) => member.close()));
  await rm(folder, { recursive: true, force: true });
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const memberFlags = () => members.flatMap((member) => ["--member", member.shorthand]);

describe("trama council", () => {
  it("shows progress per member and stage, then the answer, the ranking and the cost per member", async () => {
    const run = await runCliCaptured(
      ["council", "Why is the sky blue?", ...memberFlags(), "--chairman", members[2]!.shorthand, "--seed", "4"],
      {
        cwd: folder,
      },
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Blue light scatters most in air\.\n\n— chaired by /);
    expect(run.stdout).toContain("Ranking (normalized Borda 0–1, self-votes excluded):");
    expect(run.stdout).toMatch(/ {2}1 {2}openai-compatible:http:\/\/127\.0\.0\.1:\d+\/v1#alpha +1\.00 +1\.00/);
    expect(run.stdout).toContain("Members (tokens, cost, latency per stage):");
    expect(run.stdout).toMatch(/alpha +\d+ +\d+ +\$0\.0010/);
    expect(run.stdout).toMatch(/ {2}total +\d+ +\d+ +\$0\.0010/);
    // Not a terminal: plain progress lines on stderr.
    expect(run.stderr).toContain("Stage 1: answering");
    expect(run.stderr).toContain("Stage 2: reviewing");
    expect(run.stderr).toContain("Stage 3: chairing");
    expect(run.stderr).toMatch(/#alpha: answering done in \d+\.\d s, \d+ tokens/);
    expect(run.stderr).not.toContain("\x1b[");
  });

  it("prints the whole result as JSON with --json", async () => {
    const run = await runCliCaptured(["council", "Why is the sky blue?", ...memberFlags(), "--json"], { cwd: folder });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as CouncilResult;
    expect(result.status).toBe("complete");
    expect(result.answers).toHaveLength(3);
    expect(result.aggregate!.rows[0]!.member).toBe(members[0]!.shorthand);
  });

  it("reads a council file, and names the file and line of a mistake in it", async () => {
    const file = join(folder, "council.yaml");
    await writeFile(
      file,
      `members:\n${members.map((member) => `  - ${member.shorthand}`).join("\n")}\nchairman: ${members[1]!.shorthand}\n`,
    );
    const good = await runCliCaptured(["council", "Why?", "--council", "council.yaml"], { cwd: folder });
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`chaired by ${members[1]!.shorthand}`);

    await writeFile(file, "members:\n  - ollama:a\ntimeouts:\n  answer: forever\n");
    const bad = await runCliCaptured(["council", "Why?", "--council", file], { cwd: folder });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      `trama council: ${file}:4: a duration is milliseconds (\`120000\`) or a number with a unit: \`500ms\`, \`90s\`, \`2m\`, \`1h\`.\n`,
    );
  });

  it("exits 1 with every cause when no member answers", async () => {
    const port = await closedPort();
    const run = await runCliCaptured(
      ["council", "Why?", "--member", `openai-compatible:http://127.0.0.1:${port}/v1#gone`, "--timeout", "5s"],
      { cwd: folder },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("The council gave no answer.");
    expect(run.stdout).toMatch(
      /Failures:\n {2}openai-compatible:http:\/\/127\.0\.0\.1:\d+\/v1#gone \(answer\): .*127\.0\.0\.1/,
    );
  });

  it("without a council file, uses the models of a running Ollama", async () => {
    const ollama = await startScriptedOllama([
      { name: "qwen2.5:7b", family: "qwen2", parameterSize: "7.6B", answer: long },
      { name: "qwen2.5:0.5b", family: "qwen2", parameterSize: "494M", answer: "Small." },
      { name: "llama3.2:3b", family: "llama", parameterSize: "3.2B", answer: "Scattering." },
      { name: "nomic-embed-text:latest", family: "nomic-bert", parameterSize: "137M" },
      { name: "gemma3:1b", family: "gemma3", parameterSize: "1B", answer: "Sunlight scatters." },
    ]);
    try {
      const run = await runCliCaptured(["council", "Why is the sky blue?"], {
        cwd: folder,
        env: { ...process.env, OLLAMA_HOST: ollama.url, TRAMA_COUNCIL: "" },
      });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(
        `No council file: using the models of Ollama at ${ollama.url}: qwen2.5:7b, llama3.2:3b, gemma3:1b; qwen2.5:7b chairs.`,
      );
      expect(run.stderr).toContain("OLLAMA_NUM_PARALLEL");
      expect(run.stdout).toContain("chaired by qwen2.5:7b");
    } finally {
      await ollama.close();
    }
  });

  it("without Ollama, cached models or a network, stops within seconds naming each file, its URL and its place", async () => {
    const modelsDir = join(folder, "models");
    const [ollamaPort, hubPort] = await Promise.all([closedPort(), closedPort()]);
    const hub = process.env.HF_ENDPOINT;
    // The Hugging Face host is a closed loopback port here, so the test never reaches the internet.
    process.env.HF_ENDPOINT = `http://127.0.0.1:${hubPort}`;
    try {
      const run = await runCliCaptured(["council", "Why is the sky blue?"], {
        cwd: folder,
        env: { ...process.env, OLLAMA_HOST: `127.0.0.1:${ollamaPort}`, TRAMA_MODELS_DIR: modelsDir, TRAMA_COUNCIL: "" },
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`no Ollama at http://127.0.0.1:${ollamaPort}`);
      expect(run.stderr).toContain("the default models cannot be fetched");
      for (const [name, file] of [
        ["qwen2.5-1.5b", "Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf"],
        ["llama3.2-1b", "bartowski/Llama-3.2-1B-Instruct-GGUF/Llama-3.2-1B-Instruct-Q4_K_M.gguf"],
        ["gemma3-1b", "ggml-org/gemma-3-1b-it-GGUF/gemma-3-1b-it-Q4_K_M.gguf"],
      ] as const) {
        const [user, repository, fileName] = file.split("/") as [string, string, string];
        expect(run.stderr).toContain(`  ${name} (~`);
        expect(run.stderr).toContain(`from http://127.0.0.1:${hubPort}/${user}/${repository}/resolve/main/${fileName}`);
        expect(run.stderr).toContain(`to   ${join(modelsDir, "huggingface.co", user, repository, fileName)}`);
      }
    } finally {
      if (hub === undefined) delete process.env.HF_ENDPOINT;
      else process.env.HF_ENDPOINT = hub;
    }
  });

  it("explains its usage", async () => {
    const missing = await runCliCaptured(["council"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Give the question, in quotes: trama council "Why is the sky blue?"');
    const unknown = await runCliCaptured(["council", "Why?", "--members", "x"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--members'/);
    const help = await runCliCaptured(["council", "--help"]);
    expect(help.stdout).toContain("--member <model>");
  });
});

describe("council progress on a terminal", () => {
  it("redraws one line per member in place as the stages advance", async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
    let output = "";
    terminal.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    const progress = new CouncilProgress(terminal);
    const run = runCouncil(
      { members: members.map((member) => member.shorthand) },
      { question: "Why?" },
      { title: false },
    );
    for await (const event of run) progress.update(event);
    progress.finish();
    await run.result;

    // Cursor-up and clear-line sequences, never plain log lines.
    expect(output).toMatch(new RegExp(`${String.fromCharCode(27)}\\[\\d+A`));
    expect(output).toContain("\r\x1b[2K");
    expect(output).not.toContain("Stage 1: answering (");
    // The last picture: the chairman stage, every member's last step.
    const last = output.slice(output.lastIndexOf("Stage 3: chairing"));
    expect(last).toMatch(/#alpha: chairing done in \d+\.\d s/);
    expect(last).toMatch(/#beta: reviewing done in \d+\.\d s/);
  });
});
