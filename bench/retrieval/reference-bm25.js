/**
 * The benchmark's reference: a straightforward, exhaustive Okapi BM25 (k1 1.2, b 0.75, Lucene's idf
 * `ln(1 + (N − df + 0.5) / (df + 0.5))`) over typed-array postings. Every query scores every posting of its terms
 * into one array, then keeps the ten best (ties: the earlier document). Its top 10 is what "overlap" compares with,
 * and it is timed too, as the row every pruning index must beat.
 */

const K1 = 1.2;
const B = 0.75;

/** Indexes `documents` (strings of space-separated lower-case words). */
export function buildReference(documents) {
  const counts = new Map();
  const lengths = new Int32Array(documents.length);
  let total = 0;
  documents.forEach((text, index) => {
    const words = text.split(" ");
    lengths[index] = words.length;
    total += words.length;
    for (const word of words) {
      let entry = counts.get(word);
      if (!entry) {
        entry = { documents: [], frequencies: [] };
        counts.set(word, entry);
      }
      if (entry.documents[entry.documents.length - 1] === index) entry.frequencies[entry.frequencies.length - 1]++;
      else {
        entry.documents.push(index);
        entry.frequencies.push(1);
      }
    }
  });
  const postings = new Map();
  for (const [word, entry] of counts) {
    postings.set(word, {
      documents: Int32Array.from(entry.documents),
      frequencies: Int32Array.from(entry.frequencies),
    });
  }
  return { postings, lengths, averageLength: total / documents.length, scores: new Float64Array(documents.length) };
}

/** The ten best document indexes for `query` (space-separated words, OR). */
export function searchReference(index, query, topK = 10) {
  const { postings, lengths, averageLength, scores } = index;
  const total = lengths.length;
  scores.fill(0);
  for (const word of new Set(query.split(" "))) {
    const list = postings.get(word);
    if (!list) continue;
    const idf = Math.log(1 + (total - list.documents.length + 0.5) / (list.documents.length + 0.5));
    for (let i = 0; i < list.documents.length; i++) {
      const document = list.documents[i];
      const frequency = list.frequencies[i];
      scores[document] +=
        (idf * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * lengths[document]) / averageLength));
    }
  }
  const best = [];
  for (let document = 0; document < total; document++) {
    const score = scores[document];
    if (score <= 0 || (best.length === topK && score <= best[best.length - 1].score)) continue;
    let at = best.length;
    while (at > 0 && best[at - 1].score < score) at--;
    best.splice(at, 0, { document, score });
    if (best.length > topK) best.pop();
  }
  return best.map((hit) => hit.document);
}
