import { ComponentRegistry, Document, Pipeline, seededRandom } from "@trama/core";
import { describe, expect, it } from "vitest";
import { components } from "../components.js";
import { DocumentSplitter, type DocumentSplitterParams } from "./document-splitter.js";
import { estimateTokens, type SplitBy, splitByValues } from "./text-units.js";

async function split(params: DocumentSplitterParams, documents: Document[]): Promise<Document[]> {
  const result = await new Pipeline().add("splitter", DocumentSplitter(params)).run({ splitter: { documents } });
  return result.splitter!.documents as Document[];
}
const contents = (documents: Document[]) => documents.map((document) => document.content);

describe("DocumentSplitter", () => {
  it("splits by words as Haystack does, each chunk pointing back to its source", async () => {
    const source = new Document({ content: "Text file content for testing this.", meta: { file_type: "txt" } });
    const chunks = await split({ splitBy: "word", splitLength: 3 }, [source]);
    expect(chunks.map((chunk) => [chunk.content, chunk.meta])).toEqual([
      [
        "Text file content ",
        {
          file_type: "txt",
          source_id: source.id,
          page_number: 1,
          split_id: 0,
          split_idx_start: 0,
          source_offsets: { start: 0, end: 18 },
        },
      ],
      [
        "for testing this.",
        {
          file_type: "txt",
          source_id: source.id,
          page_number: 1,
          split_id: 1,
          split_idx_start: 18,
          source_offsets: { start: 18, end: 35 },
        },
      ],
    ]);
  });

  it("overlaps windows of units and records the shared text on both neighbours", async () => {
    const source = new Document({ content: "one two three four five six seven" });
    const chunks = await split({ splitBy: "word", splitLength: 3, splitOverlap: 1 }, [source]);
    expect(contents(chunks)).toEqual(["one two three ", "three four five ", "five six seven"]);
    expect(chunks.map((chunk) => chunk.meta._split_overlap)).toEqual([
      [{ doc_id: chunks[1]!.id, range: [0, 6] }],
      [
        { doc_id: chunks[0]!.id, range: [8, 14] },
        { doc_id: chunks[2]!.id, range: [0, 5] },
      ],
      [{ doc_id: chunks[1]!.id, range: [11, 16] }],
    ]);
    // Ids are those of the chunks without `_split_overlap`, as in Haystack.
    const { _split_overlap, ...meta } = chunks[0]!.meta;
    expect(chunks[0]!.id).toBe(Document.idFor({ content: "one two three ", meta }));
  });

  it("joins a last window below the threshold to the chunk before, and counts pages by form feeds", async () => {
    const source = new Document({ content: "a b c\fd e f\fg", meta: { page_number: 4 } });
    const chunks = await split({ splitBy: "word", splitLength: 3, splitThreshold: 2 }, [source]);
    // Form feeds are whitespace, so they end words (Haystack splits words at spaces only).
    expect(chunks.map((chunk) => [chunk.content, chunk.meta.page_number])).toEqual([
      ["a b c\f", 4],
      ["d e f\fg", 5],
    ]);
    const pages = await split({ splitBy: "page", splitLength: 1 }, [new Document({ content: "p1\fp2\f\fp4\f" })]);
    expect(pages.map((chunk) => [chunk.content, chunk.meta.page_number])).toEqual([
      ["p1\f", 1],
      ["p2\f", 2],
      ["p4\f", 4],
    ]);
  });

  it("splits by sentences and passages", async () => {
    const text = "Il Sig. Rossi arrivò. Disse: «Ciao». Poi partì.\n\nSecondo paragrafo. Fine.";
    const sentences = await split({ splitBy: "sentence", splitLength: 2, language: "it" }, [
      new Document({ content: text }),
    ]);
    expect(contents(sentences)).toEqual([
      "Il Sig. Rossi arrivò. Disse: «Ciao». ",
      "Poi partì.\n\nSecondo paragrafo. ",
      "Fine.",
    ]);
    const passages = await split({ splitBy: "passage", splitLength: 1 }, [
      new Document({ content: `\n${text}\n\n\n` }),
    ]);
    expect(contents(passages)).toEqual([
      "\nIl Sig. Rossi arrivò. Disse: «Ciao». Poi partì.\n\n",
      "Secondo paragrafo. Fine.\n\n\n",
    ]);
  });

  it("keeps sentences whole within a word budget, overlapping by whole sentences", async () => {
    const text =
      "Moonlight shimmered softly, wolves howled nearby, night enveloped everything. It was a dark night. " +
      "The moon was full. A very long sentence that alone has more words than the budget allows here.";
    const chunks = await split({ splitBy: "word", splitLength: 15, splitOverlap: 4, respectSentenceBoundary: true }, [
      new Document({ content: text }),
    ]);
    expect(contents(chunks)).toEqual([
      "Moonlight shimmered softly, wolves howled nearby, night enveloped everything. It was a dark night. ",
      "It was a dark night. The moon was full. ",
      "The moon was full. ",
      "A very long sentence that alone has more words than the budget allows here.",
    ]);
  });

  it("splits by tokens with the estimate or a given counter", async () => {
    expect(estimateTokens("Tokenization, 2024!")).toBe(3 + 1 + 2 + 1);
    const source = new Document({ content: "aaaa bbbbbbbb cc dddd" });
    expect(contents(await split({ splitBy: "token", splitLength: 3 }, [source]))).toEqual([
      "aaaa bbbbbbbb ",
      "cc dddd",
    ]);
    const characters = (text: string) => text.trim().length;
    expect(contents(await split({ splitBy: "token", splitLength: 12, tokenCounter: characters }, [source]))).toEqual([
      "aaaa bbbbbbbb ",
      "cc dddd",
    ]);
    const sentences = await split({ splitBy: "token", splitLength: 10, respectSentenceBoundary: true }, [
      new Document({ content: "Short one. Another short one. Third." }),
    ]);
    expect(contents(sentences)).toEqual(["Short one. Another short one. ", "Third."]);
  });

  it("skips empty documents, or passes them on; refuses documents without content", async () => {
    const empty = new Document({ content: "" });
    expect(await split({}, [empty])).toEqual([]);
    expect(await split({ skipEmptyDocuments: false }, [empty])).toEqual([empty]);
    await expect(split({}, [new Document({ meta: { a: 1 } })])).rejects.toThrow(/'splitter' can only split text/);
  });

  it("refuses impossible options when built", () => {
    expect(() => DocumentSplitter({ splitLength: 0 })).toThrow(/splitLength must be a whole number above 0/);
    expect(() => DocumentSplitter({ splitLength: 3, splitOverlap: 3 })).toThrow(/must be smaller than splitLength/);
    expect(() => DocumentSplitter({ splitBy: "chapter" as SplitBy })).toThrow(/splitBy 'chapter' is not one of/);
    expect(() => DocumentSplitter({ splitBy: "passage", respectSentenceBoundary: true })).toThrow(
      /respectSentenceBoundary works with splitBy 'word' or 'token'/,
    );
    expect(() => DocumentSplitter({ language: "not a language!" })).toThrow(/is not a valid language tag/);
  });

  it("saves to YAML and loads back, but not with a custom token counter", async () => {
    const pipeline = new Pipeline().add("splitter", DocumentSplitter({ splitBy: "sentence", splitLength: 1 }));
    const loaded = Pipeline.fromYAML(pipeline.toYAML(), { registry: new ComponentRegistry(components) });
    const result = await loaded.run({ splitter: { documents: [new Document({ content: "One. Two." })] } });
    expect(contents(result.splitter!.documents as Document[])).toEqual(["One. ", "Two."]);
    const custom = new Pipeline().add("splitter", DocumentSplitter({ splitBy: "token", tokenCounter: () => 1 }));
    expect(() => custom.toYAML()).toThrow(/custom tokenCounter cannot be saved/);
  });
});

const pieces = ["parola", "Word", "3.14", "Dr.", "e.g.", "sig.", "caffè", "🎉", "l'uomo", ".", "!", "?", ",", "«", "»"];
const gaps = [" ", " ", " ", "  ", "\n", "\n\n", "\f", "\t", ". ", "! ", ".\n\n"];

describe("DocumentSplitter on random texts", () => {
  it("gives chunks that are exact slices of their source, in order, covering all its text", async () => {
    const next = seededRandom(13);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    for (let round = 0; round < 60; round++) {
      let text = next() < 0.2 ? pick(gaps) : "";
      const words = 1 + Math.floor(next() * 120);
      for (let index = 0; index < words; index++) text += pick(pieces) + pick(gaps);
      const source = new Document({ content: text });
      const splitBy = pick(splitByValues);
      const splitLength = 1 + Math.floor(next() * 12);
      const params: DocumentSplitterParams = {
        splitBy,
        splitLength,
        splitOverlap: Math.floor(next() * splitLength),
        splitThreshold: Math.floor(next() * 3),
        respectSentenceBoundary: (splitBy === "word" || splitBy === "token") && next() < 0.5,
        language: pick(["en", "it"]),
      };
      const chunks = await split(params, [source]);
      const covered = new Uint8Array(text.length);
      let previousStart = -1;
      for (const chunk of chunks) {
        const { start, end } = chunk.meta.source_offsets as { start: number; end: number };
        const where = `round ${round}, ${JSON.stringify(params)}`;
        expect(text.slice(start, end), where).toBe(chunk.content);
        expect(chunk.meta.split_idx_start, where).toBe(start);
        expect(chunk.meta.source_id, where).toBe(source.id);
        expect(chunk.meta.page_number, where).toBe(1 + (text.slice(0, start).match(/\f/g)?.length ?? 0));
        expect(start, where).toBeGreaterThan(previousStart);
        previousStart = start;
        covered.fill(1, start, end);
      }
      for (let index = 0; index < text.length; index++) {
        if (!covered[index] && /\S/.test(text[index]!))
          throw new Error(`character ${index} of round ${round} is in no chunk`);
      }
    }
  });
});
