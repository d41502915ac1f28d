/**
 * The in-memory store's inverted index: a term dictionary, one `PostingList` per term, and per slot the document's
 * length and whether it is still alive. Documents get increasing slots; deleting one clears its flag and its
 * statistics, and the postings are rebuilt without dead slots once a quarter of the slots are dead.
 * @module
 */
import {
  type Bm25Parameters,
  type CorpusStatistics,
  type TermCoefficients,
  termCoefficients,
  termScore,
} from "./bm25-scoring.js";
import { grow, PostingList } from "./posting-list.js";

/** One query term, ready to score: its postings, its coefficients and its largest possible score. */
export interface QueryTerm {
  list: PostingList;
  coefficients: TermCoefficients;
  bound: number;
}

/** Text in, tokens out: the analyzer the index was built with. */
export type Analyze = (text: string) => string[];

/** An inverted index over document content, keyed by document id. */
export class Bm25Index {
  readonly #terms = new Map<string, number>();
  #lists: PostingList[] = [];
  /** Live documents holding each term (postings of deleted documents stay until compaction). */
  #documentFrequencies = new Int32Array(16);
  #lengths = new Int32Array(16);
  #alive = new Uint8Array(16);
  #ids: Array<string | undefined> = [];
  readonly #slots = new Map<string, number>();
  #dead = 0;
  #totalLength = 0;
  #accumulator = new Float64Array(16);
  #touched = new Int32Array(16);

  constructor(
    readonly analyze: Analyze,
    readonly parameters: Bm25Parameters = {},
  ) {}

  /** Documents indexed. */
  get size(): number {
    return this.#slots.size;
  }

  /** Slots in use, dead ones included: the bound of slot numbers. */
  get slotCount(): number {
    return this.#ids.length;
  }

  get lengths(): Int32Array {
    return this.#lengths;
  }

  get alive(): Uint8Array {
    return this.#alive;
  }

  statistics(): CorpusStatistics {
    return { documents: this.#slots.size, averageLength: this.#totalLength / Math.max(this.#slots.size, 1) };
  }

  /**
   * Scratch space of the exhaustive search, one entry per slot: an accumulator that is all zeros between searches, and
   * room for the list of slots it touched. Searches are synchronous, so one pair serves them all.
   */
  scratch(): { accumulator: Float64Array; touched: Int32Array } {
    if (this.#accumulator.length < this.#ids.length) {
      this.#accumulator = new Float64Array(this.#lengths.length);
      this.#touched = new Int32Array(this.#lengths.length);
    }
    return { accumulator: this.#accumulator, touched: this.#touched };
  }

  /** The id indexed in `slot`. */
  idAt(slot: number): string {
    return this.#ids[slot] as string;
  }

  /** Indexes `content` under `id`, which must not be indexed (`remove` it first). */
  add(id: string, content: string): void {
    const tokens = this.analyze(content);
    const slot = this.#ids.length;
    this.#ids.push(id);
    this.#slots.set(id, slot);
    this.#lengths = grow(this.#lengths, slot + 1);
    this.#alive = grow(this.#alive, slot + 1);
    this.#lengths[slot] = tokens.length;
    this.#alive[slot] = 1;
    this.#totalLength += tokens.length;
    for (const token of tokens) {
      let term = this.#terms.get(token);
      if (term === undefined) {
        term = this.#lists.length;
        this.#terms.set(token, term);
        this.#lists.push(new PostingList());
        this.#documentFrequencies = grow(this.#documentFrequencies, term + 1);
      }
      if ((this.#lists[term] as PostingList).occur(slot)) {
        this.#documentFrequencies[term] = (this.#documentFrequencies[term] as number) + 1;
      }
    }
  }

  /** Removes `id` from the index, if there; `content` is what it was indexed with. */
  remove(id: string, content: string | undefined): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    this.#slots.delete(id);
    this.#alive[slot] = 0;
    this.#ids[slot] = undefined;
    this.#totalLength -= this.#lengths[slot] as number;
    this.#dead++;
    for (const token of new Set(this.analyze(content ?? ""))) {
      const term = this.#terms.get(token);
      if (term !== undefined) this.#documentFrequencies[term] = (this.#documentFrequencies[term] as number) - 1;
    }
    if (this.#dead > 64 && this.#dead * 4 > this.#ids.length) this.#compact();
  }

  /**
   * The terms of `query` known to the index, each once, with coefficients for the current statistics, ordered by
   * increasing bound (the order every search adds term scores in).
   */
  queryTerms(query: string): QueryTerm[] {
    const statistics = this.statistics();
    const terms: QueryTerm[] = [];
    for (const token of new Set(this.analyze(query))) {
      const term = this.#terms.get(token);
      if (term === undefined || (this.#documentFrequencies[term] as number) === 0) continue;
      const list = this.#lists[term] as PostingList;
      list.summarize(this.#lengths);
      const coefficients = termCoefficients(this.parameters, statistics, this.#documentFrequencies[term] as number);
      terms.push({ list, coefficients, bound: termScore(coefficients, list.maxFrequency, list.minLength) });
    }
    return terms.sort((a, b) => a.bound - b.bound);
  }

  /** Renumbers live slots densely (keeping their order, so ties stay ordered) and rebuilds postings without dead ones. */
  #compact(): void {
    const renumber = new Int32Array(this.#ids.length).fill(-1);
    const ids: string[] = [];
    const lengths = new Int32Array(Math.max(this.#slots.size, 16));
    for (let slot = 0; slot < this.#ids.length; slot++) {
      if (!this.#alive[slot]) continue;
      renumber[slot] = ids.length;
      lengths[ids.length] = this.#lengths[slot] as number;
      ids.push(this.#ids[slot] as string);
    }
    this.#lists = this.#lists.map((list) => {
      const rebuilt = new PostingList();
      for (let index = 0; index < list.count; index++) {
        const slot = renumber[list.slots[index] as number] as number;
        if (slot >= 0) rebuilt.append(slot, list.frequencies[index] as number);
      }
      return rebuilt;
    });
    this.#ids = ids;
    this.#lengths = lengths;
    this.#alive = new Uint8Array(lengths.length).fill(1, 0, ids.length);
    this.#slots.clear();
    ids.forEach((id, slot) => {
      this.#slots.set(id, slot);
    });
    this.#dead = 0;
  }
}
