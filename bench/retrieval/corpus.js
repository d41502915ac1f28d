/**
 * The retrieval benchmark's data, generated from a fixed seed and cached under `bench/.bench-data/`:
 *
 * - a vocabulary of 50,000 made-up words, drawn with Zipf's law (exponent 1.07), the shape of word frequencies in text;
 * - 100,000 documents of 70 to 130 words each;
 * - two sets of two-word OR queries: 1,000 from mid-frequency ranks (50 to 20,000) and 200 from the 50 most frequent
 *   words (the worst case: their postings cover most of the corpus). Mid-frequency words are drawn as the corpus
 *   draws its words (Zipf, restricted to those ranks), so a query word is as common as words are in text; frequent
 *   words are drawn uniformly from the top 50. Drawing mid ranks uniformly instead makes most query words rare (half
 *   of them under about 60 documents), which is what the issue's own orientation timings (SQLite FTS5 at 4–5 ms per
 *   mid query) rule out.
 *
 * The same seed gives the same corpus and queries on every machine, so runs compare.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { seededRandom } from "@trama/core";

export const CORPUS = {
  documents: 100_000,
  vocabulary: 50_000,
  exponent: 1.07,
  minWords: 70,
  maxWords: 130,
  seed: 20_251_205,
  midQueries: 1000,
  midRanks: [50, 20_000],
  midSampling: "zipf",
  frequentQueries: 200,
  frequentRanks: [0, 50],
  warmupQueries: 500,
};

export const dataFolder = fileURLToPath(new URL("../.bench-data/", import.meta.url));

/** Distinct pronounceable words, `count` of them, so tokenizers of every library split them the same way. */
function makeVocabulary(count, random) {
  const consonants = "bcdfghjklmnprstvz";
  const vowels = "aeiou";
  const words = new Set();
  while (words.size < count) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = "";
    for (let index = 0; index < syllables; index++) {
      word += consonants[Math.floor(random() * consonants.length)] + vowels[Math.floor(random() * vowels.length)];
    }
    words.add(word);
  }
  return [...words];
}

/** Cumulative Zipf probabilities over ranks 0..count-1. */
function zipfTable(count, exponent) {
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let rank = 0; rank < count; rank++) {
    total += 1 / (rank + 1) ** exponent;
    cumulative[rank] = total;
  }
  for (let rank = 0; rank < count; rank++) cumulative[rank] /= total;
  return cumulative;
}

function sampleRank(cumulative, random) {
  const target = random();
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle] < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Two distinct words of ranks `from` (included) to `to` (excluded), each drawn by `rank()`, per query; none of the
 * queries in `excluded` (warm-up queries must not be the measured ones).
 */
function twoWordQueries(vocabulary, count, [from, to], rank, excluded = new Set()) {
  const draw = () => {
    for (;;) {
      const drawn = rank();
      if (drawn >= from && drawn < to) return drawn;
    }
  };
  const queries = [];
  while (queries.length < count) {
    const first = draw();
    const second = draw();
    const query = `${vocabulary[first]} ${vocabulary[second]}`;
    if (first !== second && !excluded.has(query)) queries.push(query);
  }
  return queries;
}

function generate() {
  const random = seededRandom(CORPUS.seed);
  const vocabulary = makeVocabulary(CORPUS.vocabulary, random);
  const cumulative = zipfTable(CORPUS.vocabulary, CORPUS.exponent);
  const documents = new Array(CORPUS.documents);
  for (let index = 0; index < CORPUS.documents; index++) {
    const length = CORPUS.minWords + Math.floor(random() * (CORPUS.maxWords - CORPUS.minWords + 1));
    const words = new Array(length);
    for (let position = 0; position < length; position++) words[position] = vocabulary[sampleRank(cumulative, random)];
    documents[index] = words.join(" ");
  }
  const zipfRank = () => sampleRank(cumulative, random);
  const frequentRank = () => Math.floor(random() * CORPUS.frequentRanks[1]);
  const midQueries = twoWordQueries(vocabulary, CORPUS.midQueries, CORPUS.midRanks, zipfRank);
  const frequentQueries = twoWordQueries(vocabulary, CORPUS.frequentQueries, CORPUS.frequentRanks, frequentRank);
  // Drawn after everything else, so the corpus and the measured queries are the same as without them.
  const warmup = (ranks, rank, measured) =>
    twoWordQueries(
      vocabulary,
      CORPUS.warmupQueries,
      ranks,
      rank,
      new Set(measured.flatMap((query) => [query, query.split(" ").reverse().join(" ")])),
    );
  return {
    documents,
    midQueries,
    frequentQueries,
    warmupMidQueries: warmup(CORPUS.midRanks, zipfRank, midQueries),
    warmupFrequentQueries: warmup(CORPUS.frequentRanks, frequentRank, frequentQueries),
  };
}

/** Writes through a temporary file and a rename, so an interrupted run never leaves a half-written cache. */
export function writeAtomically(path, text) {
  mkdirSync(dataFolder, { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** The corpus and both query sets: read from the cache, or generated (a few seconds) and cached. */
export function loadCorpus() {
  const key = Object.values(CORPUS).flat().join("-");
  const path = `${dataFolder}corpus-${key}.json`;
  if (existsSync(path)) return JSON.parse(readFileSync(path, "utf8"));
  const corpus = generate();
  writeAtomically(path, JSON.stringify(corpus));
  return corpus;
}
