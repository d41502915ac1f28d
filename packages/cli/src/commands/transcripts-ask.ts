import type { SearchMode, TranscriptAnswer } from "@trama/transcripts";
import type { CliCommand, CliIO } from "../command.js";
import { UsageError } from "../usage-error.js";
import { parseCommandLine, wholeNumber } from "./retrieval-options.js";
import {
  importWithProgress,
  openSearchSetup,
  searchFor,
  searchStoreOptions,
  searchStoreUsage,
} from "./transcripts-search-options.js";

const usage = `Usage: trama transcripts ask "question" --model <model> [options]

Answers a question from the imported episodes: finds the turns that match it best, asks the model to answer from
them alone (the transcripts are given as data, never as instructions), streams the answer, and lists the turns it
cites with their episode, time and links to the post and to the video at that second.

Options:
  --model <model>       The chat model: ollama:qwen2.5:7b, openrouter:…, gguf:./models/model.gguf, …
                        Default: $TRAMA_MODEL.
${searchStoreUsage}
  --top-k <n>           Turns given to the model (default 8).
  --json                Print the answer, its citations and the turns given as JSON.
  -h, --help            Show this help.`;

/** `trama transcripts ask "question"`: question answering over the episodes, with cited turns. */
export const subcommand: CliCommand = {
  name: "ask",
  summary: "Answer a question from the episodes, citing the turns with links to their times",
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandLine(args, {
      ...searchStoreOptions,
      model: { type: "string" },
      "top-k": { type: "string" },
      json: { type: "boolean" },
    });
    const question = positionals.join(" ").trim();
    if (!question)
      throw new UsageError('Give the question, in quotes: trama transcripts ask "Chi ha parlato di Claude?"');
    const model = values.model ?? io.env.TRAMA_MODEL;
    if (!model) throw new UsageError("Name the chat model with --model (ollama:qwen2.5:7b, openrouter:…, …).");
    const topK = wholeNumber(values["top-k"], "--top-k", 8);
    const setup = await openSearchSetup(values, io);
    try {
      if (setup.posts) await importWithProgress(setup, setup.posts, io);
      const { answerQuestion } = await import("@trama/transcripts");
      const search = await searchFor(setup);
      let streamed = false;
      const answer = await answerQuestion({
        question,
        search,
        model,
        topK,
        signal: io.signal,
        ...(setup.embedder ? { mode: "hybrid" as SearchMode } : {}),
        onDelta: (text) => {
          if (values.json) return;
          io.stdout.write(text);
          streamed = true;
        },
      });
      if (values.json) io.stdout.write(`${JSON.stringify(answerJSON(answer), null, 2)}\n`);
      else io.stdout.write(`${streamed ? "" : answer.answer}\n\n${citations(answer)}`);
      return 0;
    } finally {
      await setup.close();
    }
  },
};

function citations(answer: TranscriptAnswer): string {
  if (answer.citations.length === 0) return "The answer cites none of the turns it was given.\n";
  const lines = answer.citations.map(({ number, hit }) => {
    const episode = hit.episode === undefined ? hit.title : `#${hit.episode} ${hit.title}`;
    const links = [hit.videoUrl, hit.postUrl].filter(Boolean).join("  ");
    return `[${number}] ${episode}, ${hit.time ?? "--:--"}, ${hit.speaker} · ${hit.chapter}\n    ${links}`;
  });
  return `Cited turns:\n${lines.join("\n")}\n`;
}

function answerJSON(answer: TranscriptAnswer) {
  const turn = (hit: TranscriptAnswer["sources"][number]) => {
    const { snippet: _snippet, ...rest } = hit;
    return rest;
  };
  return {
    question: answer.question,
    answer: answer.answer,
    html: answer.html,
    citations: answer.citations.map(({ number, hit }) => ({ number, ...turn(hit) })),
    sources: answer.sources.map(turn),
  };
}
