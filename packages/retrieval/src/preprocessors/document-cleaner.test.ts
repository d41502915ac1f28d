import { Document, Pipeline } from "@trama/core";
import { describe, expect, it } from "vitest";
import { DocumentCleaner, type DocumentCleanerParams } from "./document-cleaner.js";

async function clean(params: DocumentCleanerParams, documents: Document[]): Promise<Document[]> {
  const result = await new Pipeline().add("cleaner", DocumentCleaner(params)).run({ cleaner: { documents } });
  return result.cleaner!.documents as Document[];
}

describe("DocumentCleaner", () => {
  it("collapses whitespace and drops empty lines page by page, giving a new id unless asked to keep it", async () => {
    const source = new Document({
      content: "  This is  a text \n\n with   spaces.\f\n\n  Page two\t\there.  \n \nLast line",
      meta: { a: 1 },
      score: 0.5,
    });
    const [cleaned] = await clean({}, [source]);
    expect(cleaned!.content).toBe("This is a text with spaces.\fPage two here. Last line");
    expect([cleaned!.meta, cleaned!.score]).toEqual([{ a: 1 }, 0.5]);
    expect(cleaned!.id).not.toBe(source.id);
    const [lines] = await clean({ removeExtraWhitespaces: false, keepId: true }, [source]);
    expect(lines!.content).toBe("  This is  a text \n with   spaces.\f  Page two\t\there.  \nLast line");
    expect(lines!.id).toBe(source.id);
  });

  it("removes substrings and regular expression matches, normalizes Unicode and keeps ASCII only", async () => {
    const source = new Document({ content: "Caffè [00:01:02] ﬁne ™ text [00:03:04]\fPag. 2 [00:05:06]" });
    const [cleaned] = await clean({ removeRegex: "\\[\\d{2}:\\d{2}:\\d{2}\\]", removeSubstrings: ["™ "] }, [source]);
    // As in Haystack, whitespace is cleaned before the regular expression runs: the space on each side stays.
    expect(cleaned!.content).toBe("Caffè  ﬁne text\fPag. 2");
    const [ascii] = await clean({ asciiOnly: true }, [source]);
    expect(ascii!.content).toBe("Caffe [00:01:02] fine TM text [00:03:04]\fPag. 2 [00:05:06]");
    const [nfkc] = await clean({ unicodeNormalization: "NFKC" }, [source]);
    expect(nfkc!.content).toContain("fine TM text");
  });

  it("removes headers and footers repeated on every page", async () => {
    // Bodies longer than the 300 characters searched at each end, with no words in common.
    const body = (number: number) => Array.from({ length: 60 }, (_, word) => `p${number}w${word}`).join(" ");
    const pages = [1, 2, 3, 4].map(
      (number) => `Annual report 2024 of the company\n${body(number)}\nConfidential, do not distribute.`,
    );
    const [cleaned] = await clean({ removeRepeatedSubstrings: true }, [new Document({ content: pages.join("\f") })]);
    expect(cleaned!.content!.split("\f")).toEqual([1, 2, 3, 4].map((number) => `\n${body(number)}`));
  });

  it("passes documents without content on, and refuses an invalid regular expression when built", async () => {
    const empty = new Document({ meta: { kind: "image" } });
    expect(await clean({}, [empty])).toEqual([empty]);
    expect(() => DocumentCleaner({ removeRegex: "(unclosed" })).toThrow(/removeRegex '\(unclosed' is not a valid/);
  });
});
