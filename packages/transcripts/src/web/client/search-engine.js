// @ts-check
/**
 * The static site's search, in the browser: the same Italian analysis as `@trama/retrieval`'s `italian` analyzer
 * (accent folding, elisions, stopwords, the light stemmer; the lists come with the index), the show's glossary in both
 * directions, Okapi BM25 (k1 1.2, b 0.75, Lucene's idf) over the turns, and snippets with the matched words marked.
 * Plain JavaScript with no dependencies, so it runs from a Jekyll site as it is. A test checks it against the server's
 * analyzer and search.
 */

/**
 * @typedef {{ id: string, content: string, post: string, title: string, episode?: number, date?: string,
 *   speaker: string, chapter: string, start?: number, time?: string, postUrl: string, videoUrl?: string }} IndexedTurn
 * @typedef {{ version: number, stopwords: string[], elisions: string[], glossary: Array<{ heard: string, term: string }>,
 *   documents: IndexedTurn[] }} SearchIndex
 * @typedef {{ text: string, mark?: true }} SnippetPart
 * @typedef {IndexedTurn & { score: number, snippet: { parts: SnippetPart[], matches: number } }} Hit
 */

const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const snippetWordPattern = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/** Lucene's ItalianLightStemmer, as `@trama/retrieval`'s `stemItalian`: input is lower-cased and accent-folded. */
export function stemItalian(/** @type {string} */ word) {
  if (word.length < 6) return word;
  const last = word[word.length - 1];
  const before = word[word.length - 2];
  if (last === "e") return word.slice(0, before === "i" || before === "h" ? -2 : -1);
  if (last === "i") return word.slice(0, before === "h" || before === "i" ? -2 : -1);
  if (last === "a" || last === "o") return word.slice(0, before === "i" ? -2 : -1);
  return word;
}

/**
 * The Italian analyzer, from the index's stopword and elision lists.
 * @param {{ stopwords: string[], elisions: string[] }} lists
 * @returns {{ tokens(text: string): string[] }}
 */
export function italianAnalysis(lists) {
  const stopwords = new Set(lists.stopwords);
  const elisions = new Set(lists.elisions);
  const fold = (/** @type {string} */ text) =>
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase();
  const plainWords = (/** @type {string} */ text) => {
    /** @type {string[]} */
    const found = [];
    for (const match of fold(text).matchAll(wordPattern)) {
      const parts = match[0].split(/['’]/);
      if (parts.length > 1 && elisions.has(/** @type {string} */ (parts[0]))) parts.shift();
      found.push(parts.join(""));
    }
    return found;
  };
  return {
    tokens: (text) =>
      plainWords(text)
        .filter((word) => !stopwords.has(word))
        .map(stemItalian),
  };
}

/**
 * A search over an index built by `trama transcripts site`.
 * @param {SearchIndex} index
 */
export function createSearch(index) {
  const analysis = italianAnalysis(index);
  const documents = index.documents;
  /** @type {Map<string, Array<[number, number]>>} term → [document, term frequency] */
  const postings = new Map();
  const lengths = new Float64Array(documents.length);
  documents.forEach((document, number) => {
    const tokens = analysis.tokens(document.content);
    lengths[number] = tokens.length;
    /** @type {Map<string, number>} */
    const counts = new Map();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [token, count] of counts) {
      const list = postings.get(token) ?? [];
      list.push([number, count]);
      postings.set(token, list);
    }
  });
  const averageLength = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, documents.length);

  /** The query's analyzed terms, with the glossary's synonyms in both directions. */
  const termsOf = (/** @type {string} */ query) => {
    const analyzed = ` ${analysis.tokens(query).join(" ")} `;
    const mentions = (/** @type {string} */ text) => {
      const tokens = analysis.tokens(text).join(" ");
      return tokens !== "" && analyzed.includes(` ${tokens} `);
    };
    const words = [query];
    for (const entry of index.glossary) {
      if (mentions(entry.heard)) words.push(entry.term);
      if (mentions(entry.term)) words.push(entry.heard);
    }
    return [...new Set(words.flatMap((text) => analysis.tokens(text)))];
  };

  return {
    termsOf,
    /**
     * The best turns for `query`, by BM25.
     * @param {string} query
     * @param {{ limit?: number }} [options]
     * @returns {Hit[]}
     */
    search(query, options = {}) {
      const terms = termsOf(query);
      /** @type {Map<number, number>} */
      const scores = new Map();
      for (const term of terms) {
        const list = postings.get(term);
        if (!list) continue;
        const idf = Math.log(1 + (documents.length - list.length + 0.5) / (list.length + 0.5));
        for (const [number, frequency] of list) {
          const norm = 1.2 * (1 - 0.75 + (0.75 * /** @type {number} */ (lengths[number])) / averageLength);
          scores.set(number, (scores.get(number) ?? 0) + (idf * frequency * 2.2) / (frequency + norm));
        }
      }
      return [...scores]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, options.limit ?? 20)
        .map(([number, score]) => {
          const document = /** @type {IndexedTurn} */ (documents[number]);
          return { ...document, score, snippet: highlight(document.content, terms, analysis) };
        });
    },
  };
}

/**
 * The snippet of `text`: the window of `maxWords` words with the most matches, matched words marked (as the server's
 * `highlight`).
 * @param {string} text
 * @param {string[]} terms
 * @param {{ tokens(text: string): string[] }} analysis
 * @param {number} [maxWords]
 */
export function highlight(text, terms, analysis, maxWords = 40) {
  const wanted = new Set(terms);
  const words = Array.from(text.matchAll(snippetWordPattern), (match) => ({
    start: /** @type {number} */ (match.index),
    end: /** @type {number} */ (match.index) + match[0].length,
    matched: analysis.tokens(match[0]).some((token) => wanted.has(token)),
  }));
  const matches = words.filter((word) => word.matched).length;
  let first = 0;
  if (words.length > maxWords) {
    let count = 0;
    let best = 0;
    let bestStart = 0;
    words.forEach((word, index) => {
      if (word.matched) count++;
      if (index >= maxWords && words[index - maxWords]?.matched) count--;
      if (index >= maxWords - 1 && count > best) {
        best = count;
        bestStart = index - maxWords + 1;
      }
    });
    const firstMatch = words.findIndex((word, index) => index >= bestStart && word.matched);
    first = best === 0 ? 0 : Math.max(0, Math.min(firstMatch - 5, words.length - maxWords));
  }
  const last = Math.min(words.length, first + maxWords);
  const from = first === 0 ? 0 : /** @type {{ start: number }} */ (words[first]).start;
  const to = last >= words.length ? text.length : /** @type {{ end: number }} */ (words[last - 1]).end;
  /** @type {SnippetPart[]} */
  const parts = from > 0 ? [{ text: "…" }] : [];
  let at = from;
  const push = (/** @type {SnippetPart} */ part) => {
    const previous = parts[parts.length - 1];
    if (previous && !previous.mark && !part.mark) previous.text += part.text;
    else parts.push(part);
  };
  for (const word of words.slice(first, last)) {
    if (!word.matched) continue;
    if (word.start > at) push({ text: text.slice(at, word.start) });
    push({ text: text.slice(word.start, word.end), mark: true });
    at = word.end;
  }
  if (to > at) push({ text: text.slice(at, to) });
  if (to < text.length) push({ text: "…" });
  return { parts, matches };
}
