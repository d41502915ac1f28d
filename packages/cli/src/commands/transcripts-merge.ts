import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type Chapter,
  type EpisodeMeta,
  FusionError,
  type GlossaryEntry,
  type MergeResult,
  mergeEpisode,
  mergeEpisodeWithModel,
  parseChapters,
  parseEpisodeMeta,
  parseGlossary,
  parseTranscript,
  renderPodcastJson,
  renderPost,
  renderVtt,
  type TranscriptFormat,
} from "@trama/transcripts";
import type { CliCommand, CliIO } from "../command.js";
import { createProgressBar } from "../progress.js";
import { UsageError } from "../usage-error.js";
import { filesByEpisode, isFolder, readInput, writeOutput } from "./transcripts-merge-files.js";
import { mismatchNote, summary, validationNotes } from "./transcripts-merge-notes.js";

const usage = `Usage: trama transcripts merge --speakers <file> [--text <file>] [--chapters <file>]
                               [--meta <file>] [--glossary <file>] [--out <file>] [options]
       trama transcripts merge --speakers <folder> --text <folder> [--chapters <folder>]
                               [--meta <folder>] --out <folder> [options]

Fuses the recording tool's export (speakers and times, wrong words) with captions
(right words: .sbv, .vtt, .srt, json3, the YouTube transcript paste, plain text)
into the show's post: words from --text, speakers and times from --speakers by
word alignment, short interjections as turns of their own, chapters from the list
at sentence starts near their times, the show's glossary where the evidence
supports it, fillers removed. Without --text the speaker source's words are used.

With folders, files are matched by episode (the number in their names: ep49.sbv,
49-riverside.txt, ep49.yaml), and each episode is written to --out as <name>.md.

Options:
  --speakers <file|folder>   The recording tool's export (Speaker Name (MM:SS) headers).
  --text <file|folder>       The accurate source.
  --text-format <format>     sbv, vtt, srt, json3, youtube-paste or text (guessed if absent).
  --chapters <file|folder>   Chapter list (MM:SS Title lines, or a promo file's Chapters block).
  --meta <file|folder>       Front matter: a YAML file (title, date, episode_number, …) or a post.
  --glossary <file>          The show's glossary: YAML, heard: term (see the docs).
  --out <file|folder>        Where to write; a single merge prints to stdout without it.
  --format <post|vtt|json>   The show's post (default), WebVTT with speakers, or Podcasting 2.0 JSON.
  --accents <keep|apostrophe>  Write final accents as the show's posts do (è → e'). Default keep.
  --report <file>            Write what the fusion did (alignment, interjections, chapters,
                             glossary, fillers, model fixes) as JSON (single merge only).
  --keep-fillers             Do not remove hesitations, stutters and repetitions.
  --no-restore               Do not restore interjections the captions dropped.
  --model <shorthand>        Use a model (ollama:qwen2.5:7b, openai:gpt-4.1-mini, …) to fix
                             jargon where the sources disagree, and to title chapters when
                             there is no list. Every fix is checked against the sources.
  --no-jargon, --no-titles   Skip one of the model steps.
  -h, --help                 Show this help.

Exit code: 0 when every episode merged, 1 when one failed, 2 for a usage error.`;

interface MergeOptions {
  speakers: string;
  text?: string;
  textFormat?: TranscriptFormat;
  chapters?: string;
  meta?: string;
  glossary?: string;
  out?: string;
  format: "post" | "vtt" | "json";
  accents: "keep" | "apostrophe";
  report?: string;
  fillers: boolean;
  restore: boolean;
  model?: string;
  jargon: boolean;
  titles: boolean;
}

/** One episode's input files, as paths to read and names to show. */
interface EpisodeFiles {
  name: string;
  speakers: string;
  text?: string;
  chapters?: string;
  meta?: string;
}

/** `trama transcripts merge`: one episode to a file or stdout, or folders of episodes with a progress bar. */
export const subcommand: CliCommand = {
  name: "merge",
  summary: "Fuse the recording tool's export, captions and chapters into the show's post",
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const options = readOptions(args);
    const glossary = options.glossary
      ? parseGlossary(await readInput(resolve(io.cwd, options.glossary), options.glossary), { file: options.glossary })
      : [];
    if (await isFolder(resolve(io.cwd, options.speakers))) return mergeFolders(options, glossary, io);
    const result = await mergeOne({ name: "", ...pick(options) }, options, glossary, io);
    const output = render(result, options);
    if (options.out) await writeOutput(resolve(io.cwd, options.out), output);
    else io.stdout.write(output);
    if (options.report)
      await writeOutput(resolve(io.cwd, options.report), `${JSON.stringify(result.report, null, 2)}\n`);
    if (options.out) io.stderr.write(`${summary(result)} → ${options.out}\n`);
    const mismatch = mismatchNote(result, options);
    if (mismatch) io.stderr.write(`${mismatch}\n`);
    if (options.format === "post")
      for (const line of validationNotes(output, options.out ?? "stdout")) io.stderr.write(`${line}\n`);
    return 0;
  },
};

function pick(options: MergeOptions): Omit<EpisodeFiles, "name"> {
  const { speakers, text, chapters, meta } = options;
  return { speakers, ...(text ? { text } : {}), ...(chapters ? { chapters } : {}), ...(meta ? { meta } : {}) };
}

async function mergeOne(
  files: EpisodeFiles,
  options: MergeOptions,
  glossary: GlossaryEntry[],
  io: CliIO,
): Promise<MergeResult> {
  const read = (path: string) => readInput(resolve(io.cwd, path), path);
  const speakers = parseTranscript(await read(files.speakers), { file: files.speakers });
  if (!speakers.segments.some((segment) => segment.speaker !== undefined)) {
    throw new FusionError(
      `'${files.speakers}' names no speakers: --speakers takes the recording tool's export (Speaker Name (MM:SS) headers) or WebVTT with <v> voices.`,
    );
  }
  const text = files.text
    ? parseTranscript(await read(files.text), {
        file: files.text,
        ...(options.textFormat ? { format: options.textFormat } : {}),
      })
    : undefined;
  const chapters: Chapter[] = files.chapters ? parseChapters(await read(files.chapters), { file: files.chapters }) : [];
  const meta: EpisodeMeta = files.meta ? parseEpisodeMeta(await read(files.meta), { file: files.meta }) : {};
  const input = {
    speakers,
    ...(text ? { text } : {}),
    chapters,
    meta,
    glossary,
    options: { fillers: options.fillers, shortTurns: { restoreDropped: options.restore } },
  };
  if (!options.model) return mergeEpisode(input);
  return mergeEpisodeWithModel({
    ...input,
    model: { generator: { model: options.model }, jargon: options.jargon, titles: options.titles },
    signal: io.signal,
  });
}

function render(result: MergeResult, options: MergeOptions): string {
  if (options.format === "vtt") return renderVtt(result.episode);
  if (options.format === "json") return `${JSON.stringify(renderPodcastJson(result.episode), null, 2)}\n`;
  return renderPost(result.episode, { accents: options.accents });
}

/** Batch mode: every episode of the speakers folder that has its other files, written to the output folder. */
async function mergeFolders(options: MergeOptions, glossary: GlossaryEntry[], io: CliIO): Promise<number> {
  if (!options.out) throw new UsageError("With folders, name the output folder with --out.");
  if (!(await isFolder(resolve(io.cwd, options.out)))) throw new UsageError(`'${options.out}' is not a folder.`);
  if (options.report) throw new UsageError("--report works for a single merge; batch mode prints a line per episode.");
  const folders: Record<string, Map<string, string> | undefined> = {};
  for (const kind of ["speakers", "text", "chapters", "meta"] as const) {
    const folder = options[kind];
    if (folder === undefined) continue;
    if (!(await isFolder(resolve(io.cwd, folder))))
      throw new UsageError(`With --speakers a folder, --${kind} must be a folder too.`);
    folders[kind] = await filesByEpisode(resolve(io.cwd, folder), folder);
  }
  const episodes = [...folders.speakers!.entries()].map(([key, name]): EpisodeFiles => {
    const file = (kind: "text" | "chapters" | "meta") => {
      const found = folders[kind]?.get(key);
      return found ? { [kind]: join(options[kind]!, found) } : {};
    };
    return { name: key, speakers: join(options.speakers, name), ...file("text"), ...file("chapters"), ...file("meta") };
  });
  const progress = createProgressBar(io.stderr, { label: "Merging", total: episodes.length, unit: "episodes" });
  const failures: string[] = [];
  let invalid = 0;
  const mismatches: string[] = [];
  for (const [index, episode] of episodes.entries()) {
    if (io.signal.aborted) break;
    progress.update(index, episode.name);
    if (options.text && !episode.text) {
      failures.push(`${episode.speakers}: no captions for episode '${episode.name}' in ${options.text}`);
      continue;
    }
    try {
      const result = await mergeOne(episode, options, glossary, io);
      const extension = options.format === "post" ? "md" : options.format;
      const output = render(result, options);
      await writeOutput(resolve(io.cwd, options.out, `${episode.name}.${extension}`), output);
      if (options.format === "post" && validationNotes(output, episode.name).length > 0) invalid++;
      const mismatch = mismatchNote(result, episode);
      if (mismatch) mismatches.push(mismatch);
    } catch (error) {
      if (UsageError.isInstance(error) || io.signal.aborted) throw error;
      failures.push(`${episode.speakers}: ${(error as Error).message}`);
    }
  }
  progress.update(episodes.length);
  const notes = invalid > 0 ? `, ${invalid} would not pass: trama transcripts validate ${options.out}` : "";
  progress.finish(`${episodes.length - failures.length} merged${notes}`);
  for (const line of [...mismatches, ...failures]) io.stderr.write(`${line}\n`);
  return failures.length === 0 ? 0 : 1;
}

function readOptions(args: string[]): MergeOptions {
  let parsed: ReturnType<typeof parseArguments>;
  try {
    parsed = parseArguments(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values;
  if (parsed.positionals.length > 0) throw new UsageError(`Unexpected argument '${parsed.positionals[0]}'.`);
  if (!values.speakers) throw new UsageError("Name the recording tool's export with --speakers.");
  const format = values.format ?? "post";
  if (format !== "post" && format !== "vtt" && format !== "json")
    throw new UsageError(`--format is post, vtt or json, not '${format}'.`);
  const accents = values.accents ?? "keep";
  if (accents !== "keep" && accents !== "apostrophe")
    throw new UsageError(`--accents is keep or apostrophe, not '${accents}'.`);
  const formats = ["sbv", "vtt", "srt", "json3", "youtube-paste", "text", "riverside"];
  if (values["text-format"] && !formats.includes(values["text-format"]))
    throw new UsageError(`--text-format is one of ${formats.join(", ")}, not '${values["text-format"]}'.`);
  return {
    speakers: values.speakers,
    ...(values.text ? { text: values.text } : {}),
    ...(values["text-format"] ? { textFormat: values["text-format"] as TranscriptFormat } : {}),
    ...(values.chapters ? { chapters: values.chapters } : {}),
    ...(values.meta ? { meta: values.meta } : {}),
    ...(values.glossary ? { glossary: values.glossary } : {}),
    ...(values.out ? { out: values.out } : {}),
    ...(values.report ? { report: values.report } : {}),
    ...(values.model ? { model: values.model } : {}),
    format,
    accents,
    fillers: values["keep-fillers"] !== true,
    restore: values["no-restore"] !== true,
    jargon: values["no-jargon"] !== true,
    titles: values["no-titles"] !== true,
  };
}

function parseArguments(args: string[]) {
  const text = { type: "string" } as const;
  const flag = { type: "boolean" } as const;
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      speakers: text,
      text,
      "text-format": text,
      chapters: text,
      meta: text,
      glossary: text,
      out: text,
      format: text,
      accents: text,
      report: text,
      model: text,
      "keep-fillers": flag,
      "no-restore": flag,
      "no-jargon": flag,
      "no-titles": flag,
    },
  });
}
