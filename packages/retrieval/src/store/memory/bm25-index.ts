/**
 * The in-memory store's inverted index: a term dictionary, one `PostingList` per term, document lengths and live
 * flags by slot. Documents get increasing slots; deleting one only clears its flag and its statistics, and the
 * postings are compacted once a quarter of the slots are dead.
 * @module
 */
import { type Bm25Parameters, type CorpusStatistics, type TermScorer, termScorer } from "./bm25-scoring.js";
import { grow, PostingList } from "./posting-list.js";

/** One query term, ready to score: its postings, its scorer and its largest possible contribution. */
export interface QueryTerm {
  list: PostingList;
  scorer: TermScorer;
  bound: number;
}

/** Tokens in, tokens out: the analyzer the index was built with. */
export type Analyze = (text: string) => string[];

/** An inverted index over document content, keyed by document id. */
export class Bm25Index {
  readonly #terms = new Map<string, number>();
  #lists: PostingList[] = [];
  #frequencies = new Int32Array(16);
  #lengths = new Int32Array(16);
  #alive = new Uint8Array(16);
  #ids: Array<string | undefined> = [];
  readonly #slots = new Map<string, number>();
  #dead = 0;
  #totalLength = 0;

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

  /** The id indexed in `slot`. */
  idAt(slot: number): string {
    return this.#ids[slot] as string;
  }

  /** Indexes `content` under `id`, replacing what `id` had. */
  add(id: string, content: string): void {
    this.remove(id);
    const tokens = this.analyze(content);
    const counts = new Map<number, number>();
    for (const token of tokens) {
      let term = this.#terms.get(token);
      if (term === undefined) {
        term = this.#lists.length;
        this.#terms.set(token, term);
        this.#lists.push(new PostingList());
        this.#frequencies = grow(this.#frequencies, term + 1);
      }
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    const slot = this.#ids.length;
    this.#ids.push(id);
    this.#slots.set(id, slot);
    this.#lengths = grow(this.#lengths, slot + 1);
    this.#alive = grow(this.#alive, slot + 1);
    this.#lengths[slot] = tokens.length;
    this.#alive[slot] = 1;
    this.#totalLength += tokens.length;
    for (const [term, count] of counts) {
      (this.#lists[term] as PostingList).append(slot, count, tokens.length);
      this.#frequencies[term] = (this.#frequencies[term] as number) + 1;
    }
  }

  /** Removes `id` from the index, if there; `content` must be what it was indexed with. */
  remove(id: string, content?: string): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    this.#slots.delete(id);
    this.#alive[slot] = 0;
    this.#ids[slot] = undefined;
    this.#totalLength -= this.#lengths[slot] as number;
    this.#dead++;
    this.#forgetTerms(slot, content);
    if (this.#dead > 64 && this.#dead * 4 > this.#ids.length) this.#compact();
  }

  /** The terms of `query` known to the index, each once, with scorers for the current statistics. */
  queryTerms(query: string): QueryTerm[] {
    const statistics = this.statistics();
    const terms: QueryTerm[] = [];
    for (const token of new Set(this.analyze(query))) {
      const term = this.#terms.get(token);
      if (term === undefined || (this.#frequencies[term] as number) === 0) continue;
      const list = this.#lists[term] as PostingList;
      const scorer = termScorer(this.parameters, statistics, this.#frequencies[term] as number);
      terms.push({ list, scorer, bound: scorer(list.maxFrequency, list.minLength) });
    }
    return terms;
  }

  #forgetTerms(slot: number, content: string | undefined): void {
    if (content !== undefined) {
      for (const token of new Set(this.analyze(content))) {
        const term = this.#terms.get(token);
        if (term !== undefined) this.#frequencies[term] = (this.#frequencies[term] as number) - 1;
      }
      return;
    }
    // Without the content, find the slot's terms in the postings: slower, only for callers that lost the text.
    this.#lists.forEach((list, term) => {
      for (let index = 0; index < list.count; index++) {
        if (list.postings[2 * index] === slot) this.#frequencies[term] = (this.#frequencies[term] as number) - 1;
      }
    });
  }

  /** Renumbers live slots densely (keeping their order) and rebuilds postings without dead ones. */
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
        const slot = renumber[list.postings[2 * index] as number] as number;
        if (slot >= 0) rebuilt.append(slot, list.postings[2 * index + 1] as number, lengths[slot] as number);
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
