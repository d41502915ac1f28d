import { parseArgs } from "node:util";
import type { CliCommand, CliIO } from "../command.js";
import { createProgressBar, type ProgressBar } from "../progress.js";
import { UsageError } from "../usage-error.js";
import { CouncilProgress } from "./council-progress.js";
import { councilReport } from "./council-report.js";

const usage = `Usage: trama council "question" [options]

Several models answer the question, rank each other's answers blind, and a chairman writes the final answer.
Progress goes to stderr; the answer, the ranking and the cost per member to stdout.

Options:
  --council <file>        A council file (YAML): members, chairman, title model, timeouts, concurrency.
                          Default: $TRAMA_COUNCIL; without one, the models of a running Ollama, else three small
                          GGUF models run in this process (downloaded once into ~/.cache/trama/models).
  --member <model>        A member, as a model shorthand (ollama:qwen2.5:7b, openrouter:openai/gpt-5.1,
                          gguf:hf:user/repo/file.gguf, …). Repeat for each member; replaces the file's members.
  --chairman <model>      The model that writes the final answer. Default: the file's, else the first member.
  --seed <n>              Seed of the reviewers' label shuffles, to repeat a run.
  --timeout <duration>    Time limit of each answer and review (90s, 2m); the chairman gets twice as long.
  --json                  Print the whole result as JSON instead of the report.
  -h, --help              Show this help.`;

/** `trama council "question"`: runs a council and prints its answer, ranking and costs. */
export const command: CliCommand = {
  name: "council",
  summary: "Ask several models at once: they answer, rank each other blind, and a chairman decides",
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const options = parseOptions(args);
    const { resolveCouncilConfig, runCouncil } = await import("@trama/council");
    const downloads = new Map<string, ProgressBar>();
    const resolved = await resolveCouncilConfig({
      ...(options.file ? { file: options.file } : {}),
      overrides: options.overrides,
      env: io.env,
      cwd: io.cwd,
      signal: io.signal,
      onDownloadProgress: ({ name, downloadedBytes, totalBytes }) => {
        let bar = downloads.get(name);
        if (!bar) {
          bar = createProgressBar(io.stderr, { label: `Downloading ${name}`, total: mb(totalBytes), unit: "MB" });
          downloads.set(name, bar);
        }
        bar.setTotal(mb(totalBytes));
        bar.update(mb(downloadedBytes));
        if (totalBytes > 0 && downloadedBytes >= totalBytes) bar.finish();
      },
    });
    for (const note of resolved.notes) io.stderr.write(`${note}\n`);

    const progress = new CouncilProgress(io.stderr);
    const run = runCouncil(resolved.config, { question: options.question }, { signal: io.signal, title: false });
    for await (const event of run) progress.update(event);
    progress.finish();
    const result = await run.result;
    io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : councilReport(result));
    return result.status === "complete" ? 0 : result.status === "cancelled" ? 130 : 1;
  },
};

interface CouncilOptions {
  question: string;
  file?: string;
  json: boolean;
  overrides: {
    members?: string[];
    chairman?: string;
    seed?: number;
    timeouts?: { answerMs: number; reviewMs: number; chairmanMs: number };
  };
}

function parseOptions(args: string[]): CouncilOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, "."));
  }
  const { values, positionals } = parsed;
  const question = positionals.join(" ").trim();
  if (!question) throw new UsageError('Give the question, in quotes: trama council "Why is the sky blue?"');
  const overrides: CouncilOptions["overrides"] = {};
  if (values.member?.length) overrides.members = values.member;
  if (values.chairman) overrides.chairman = values.chairman;
  if (values.seed !== undefined) {
    const seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed takes a whole number, not '${values.seed}'.`);
    overrides.seed = seed;
  }
  if (values.timeout !== undefined) {
    const ms = duration(values.timeout);
    overrides.timeouts = { answerMs: ms, reviewMs: ms, chairmanMs: 2 * ms };
  }
  return { question, ...(values.council ? { file: values.council } : {}), json: values.json === true, overrides };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      council: { type: "string" },
      member: { type: "string", multiple: true },
      chairman: { type: "string" },
      seed: { type: "string" },
      timeout: { type: "string" },
      json: { type: "boolean" },
    },
  });
}

function duration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/i.exec(text);
  if (!match || Number(match[1]) <= 0)
    throw new UsageError(`--timeout takes a duration such as 90s or 2m, not '${text}'.`);
  const unit = (match[2] ?? "s").toLowerCase();
  return Math.round(Number(match[1]) * (unit === "ms" ? 1 : unit === "s" ? 1000 : unit === "h" ? 3_600_000 : 60_000));
}

function mb(bytes: number): number {
  return Math.round(bytes / 1e6);
}
