/**
 * `npm run eval:transcripts`: the evaluation harness of the fusion. From the full posts of the shared data it
 * synthesizes inputs at 8%, 15% and 25% word errors, with the accurate source in every caption variant, fuses them,
 * runs the naive baseline beside, and prints every metric, the targets at 15% (met or missed), the speed and memory
 * on a two-hour episode, and the real pair in `raw/ep49`. Skips with a message when the shared data is absent.
 *
 * Options: `--rates 0.08,0.15,0.25`, `--variants sbv,text,…`, `--posts N` (the first N posts), `--data DIR`
 * (default `../shared/data` beside the repository, or `TRAMA_SHARED_DATA`), `--out DIR` (writes the ep49 post there),
 * `--misses` (lists every chapter placed wrong: the truth's, the list's and our times, per case).
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatClock } from "../parsers/clock.js";
import { CAPTION_VARIANTS, type CaptionVariant } from "./caption-writers.js";
import { podcastFolder, readCorpus } from "./corpus.js";
import { type MetricCounts, sumCounts } from "./metrics.js";
import { formatRealChapters, measureRealPair } from "./real-pair.js";
import { f1, formatTable, formatTargets, percent, type ReportRow } from "./report.js";
import { type ChapterMiss, runCase } from "./run-case.js";
import { timeTwoHours } from "./two-hour.js";

const { values } = parseArgs({
  options: {
    rates: { type: "string", default: "0.08,0.15,0.25" },
    variants: { type: "string", default: CAPTION_VARIANTS.join(",") },
    posts: { type: "string" },
    data: { type: "string" },
    out: { type: "string" },
    misses: { type: "boolean" },
  },
});

const repository = fileURLToPath(new URL("../../../../", import.meta.url));
const dataFolder = resolve(values.data ?? process.env.TRAMA_SHARED_DATA ?? join(repository, "..", "shared", "data"));
const podcast = podcastFolder(dataFolder);
if (!podcast) {
  console.log(
    `eval:transcripts skipped: no podcast data at ${join(dataFolder, "podcast", "posts")}. Put the shared data there, or pass --data DIR (or set TRAMA_SHARED_DATA).`,
  );
  process.exit(0);
}

const rates = values.rates.split(",").map(Number);
const variants = values.variants.split(",") as CaptionVariant[];
const corpus = readCorpus(podcast);
const posts = values.posts ? corpus.posts.slice(0, Number(values.posts)) : corpus.posts;
const log = (text = "") => process.stdout.write(`${text}\n`);

log(
  `Transcripts fusion evaluation — ${posts.length} full posts as truth, ${corpus.posts.reduce((sum, post) => sum + post.truth.words.length, 0)} words`,
);
for (const { file, reason } of corpus.excluded) log(`  left out ${file}: ${reason}`);
log(
  "Each cell: ours | naive baseline (speaker of the last turn started before the word's time; chapter at the nearest word).",
);

const byRate = new Map<number, MetricCounts>();
for (const rate of rates) {
  const rows: ReportRow[] = [];
  let wrong = 0;
  let truthWords = 0;
  let mergeMs = 0;
  let cases = 0;
  const crosstalk = { kept: 0, moved: 0, dropped: 0 };
  for (const variant of variants) {
    const ours: MetricCounts[] = [];
    const baseline: MetricCounts[] = [];
    for (const { file, truth } of posts) {
      const result = runCase({ truth, name: file, rate, variant });
      if (values.misses) for (const miss of result.chapterMisses) log(formatMiss(rate, variant, file, miss));
      ours.push(result.ours);
      baseline.push(result.baseline);
      mergeMs += result.mergeMs;
      cases++;
      if (variant === variants[0]) {
        wrong += result.speakerSourceWrong;
        truthWords += result.truthWords;
      }
      crosstalk.kept += result.crosstalk.kept;
      crosstalk.moved += result.crosstalk.moved;
      crosstalk.dropped += result.crosstalk.dropped;
    }
    rows.push({ label: variant, ours: sumCounts(ours), baseline: sumCounts(baseline) });
  }
  const all = {
    label: "all",
    ours: sumCounts(rows.map((row) => row.ours)),
    baseline: sumCounts(rows.map((row) => row.baseline)),
  };
  byRate.set(rate, all.ours);
  log();
  log(
    `== ${Math.round(rate * 100)}% word errors: the speaker source misses or garbles ${((100 * wrong) / truthWords).toFixed(1)}% of the truth's words (English terms also mangled half the time); interjections in the captions kept/moved/dropped ${crosstalk.kept}/${crosstalk.moved}/${crosstalk.dropped}; merge ${(mergeMs / cases).toFixed(0)} ms per episode on average`,
  );
  log(formatTable([...rows, all]));
}

const at15 = byRate.get(0.15);
if (at15) {
  log();
  log("Targets at 15% errors (all caption variants together):");
  log(
    formatTargets([
      {
        name: "accuracy within ±3 words of a speaker change",
        value: rateOf(at15.nearChange),
        bound: 97,
        atLeast: true,
        unit: "%",
      },
      {
        name: "coverage of the accurate source's words",
        value: rateOf(at15.coverage),
        bound: 98,
        atLeast: true,
        unit: "%",
      },
      { name: "invented words", value: rateOf(at15.invented), bound: 0.1, atLeast: false, unit: "%" },
      {
        name: "chapters within 15 s of their true start and at a sentence start",
        value: rateOf(at15.chaptersBoth),
        bound: 95,
        atLeast: true,
        unit: "%",
      },
    ]),
  );
  log(
    `  (chapters within 15 s of the listed time, as placed: ${percent(at15.chaptersNearListed)}; at a sentence start: ${percent(at15.chaptersAtSentence)}; turn F1 ${f1(at15).toFixed(1)}%)`,
  );
}

log();
const timing = timeTwoHours(corpus.posts.map((post) => post.truth));
log(
  `Two-hour episode (${timing.words} caption words, ${timing.speakerWords} speaker-source words, ${timing.minutes.toFixed(0)} min): parse ${timing.parseMs.toFixed(0)} ms; merge median ${timing.mergeMedianMs.toFixed(0)} ms, fastest ${timing.mergeFastestMs.toFixed(0)} ms (target < 1000 ms: ${timing.mergeMedianMs < 1000 ? "met" : "MISSED"}); largest edit-distance table ${(timing.largestTableBytes / 1024).toFixed(0)} KiB, ${timing.anchors} anchors; heap growth during one merge ${(timing.heapGrowthBytes / 1048576).toFixed(1)} MiB`,
);

log();
const real = measureRealPair(join(podcast, "raw", "ep49"));
log("Real pair raw/ep49: riverside.txt as speakers, the post's words as untimed captions, promo.md's chapters.");
log(
  `  speaker accuracy vs the post's attribution ${percent(real.counts.speaker, 2)}, ±3 of a change ${percent(real.counts.nearChange, 2)}, turn F1 ${f1(real.counts).toFixed(1)}%, the post's short turns found ${percent(real.counts.shortTurns)}`,
);
log(
  `  coverage of the post's words ${percent(real.counts.coverage, 2)}; words not in the post ${percent(real.counts.invented, 2)} (${real.restoredWords} restored from riverside: ${real.shortTurnsRestored} interjections the post dropped; ${real.shortTurnsFound} found in its text)`,
);
log(
  "  chapters: listed time, recording time where the post puts the heading (difference), our start in words from the post's:",
);
log(formatRealChapters(real));
const terms = (counts: { right: number; wrong: number; missed: number }) =>
  `${counts.right} right, ${counts.wrong} wrong, ${counts.missed} heard forms left`;
log(
  `  glossary on the recording tool's words alone (Claude, Karpathy, Anthropic against the post): without ${terms(real.glossary.without)}; with ${terms(real.glossary.with)} (${real.glossary.replacements} replacements)`,
);
log(
  `  our post: ${real.validation.errors} validator errors, ${real.validation.warnings} warnings${real.validation.rules.length ? ` (${real.validation.rules.join(", ")})` : ""}`,
);
log(
  "  Not measurable here: timestamp error (the post has no times), invented words proper (the post is an edit, and interjections it dropped are real speech), chapter accuracy in seconds (only the list's own times exist).",
);
if (values.out) {
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, "ep49-fused.md"), real.post);
  log(`  wrote ${join(values.out, "ep49-fused.md")}`);
}

function rateOf(ratio: { count: number; total: number }): number {
  return ratio.total === 0 ? 0 : (100 * ratio.count) / ratio.total;
}

/** One chapter placed wrong, for `--misses`. */
function formatMiss(rate: number, variant: string, file: string, miss: ChapterMiss): string {
  const clock = (seconds: number | undefined) => (seconds === undefined ? "--:--" : formatClock(Math.round(seconds)));
  return `  miss ${Math.round(rate * 100)}% ${variant} ${file} ch${miss.index} "${miss.title}": true ${clock(miss.truth)}, listed ${clock(miss.listed)}, ours ${clock(miss.placed)}`;
}
