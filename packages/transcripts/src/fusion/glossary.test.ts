import { describe, expect, it } from "vitest";
import { TranscriptParseError } from "../parsers/parse-error.js";
import { parseRiverside } from "../parsers/riverside.js";
import { applyGlossary, parseGlossary } from "./glossary.js";
import { mergeEpisode } from "./merge-episode.js";

const glossaryFile = `# Risorse Artificiali
carpati: Karpathy
cloud:
  term: Claude
  context: [code, anthropic, opus, sonnet]
"cloud code": Claude Code
sicofantico: { term: sicofantico, always: true }
`;

const text = (value: string) => ({ format: "text" as const, segments: [{ text: value, line: 1 }] });
const speakers = (value: string) => parseRiverside(`Stefano Maestri (00:00)\n${value}\n`, { file: "riverside.txt" });
const fuse = (options: { heard: string; said: string; glossary?: string; title?: string }) =>
  mergeEpisode({
    speakers: speakers(options.said),
    text: text(options.heard),
    glossary: parseGlossary(options.glossary ?? glossaryFile),
    meta: options.title ? { title: options.title } : {},
    options: { fillers: false },
  });
const words = (result: ReturnType<typeof fuse>) => result.words.map((word) => word.text).join(" ");

describe("parseGlossary", () => {
  it("reads terms, context words and always", () => {
    expect(parseGlossary(glossaryFile, { file: "glossary.yaml" })).toEqual([
      { heard: "carpati", term: "Karpathy" },
      { heard: "cloud", term: "Claude", context: ["code", "anthropic", "opus", "sonnet"] },
      { heard: "cloud code", term: "Claude Code" },
      { heard: "sicofantico", term: "sicofantico", always: true },
    ]);
  });

  it("names the file and line of an entry it cannot read", () => {
    const error = (() => {
      try {
        parseGlossary("carpati: Karpathy\ncloud:\n  term: Claude\n  contex: [code]\n", { file: "show.yaml" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(TranscriptParseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^show\.yaml:4: expected term \(text\), context \(a list\) or always/);
    expect(() => parseGlossary("- cloud\n- carpati\n", { file: "list.yaml" })).toThrow(/^list\.yaml:1: expected a map/);
    expect(() => parseGlossary("cloud: [Claude\n", { file: "broken.yaml" })).toThrow(
      /^broken\.yaml:\d+: expected valid YAML/,
    );
  });
});

describe("applyGlossary", () => {
  it("replaces where the speaker source says the term, and records why", () => {
    const result = fuse({ heard: "Il wiki di carpati e' ottimo.", said: "il wiki di Karpathy è ottimo" });
    expect(words(result)).toBe("Il wiki di Karpathy e' ottimo.");
    expect(result.report.glossary).toMatchObject([
      { index: 3, from: "carpati", to: "Karpathy", evidence: ["speakers"] },
    ]);
  });

  it("replaces where context words are near, not where they are not", () => {
    const later =
      "Poi parliamo di altro, delle vacanze e del lavoro e di tutto quello che succede. Il cloud di Amazon costa.";
    const heard = `Uso cloud ogni giorno con Opus. ${later}`;
    const result = fuse({ heard, said: heard });
    expect(words(result)).toBe(`Uso Claude ogni giorno con Opus. ${later}`);
    expect(result.report.glossary.map((replacement) => replacement.evidence)).toEqual([["context"]]);
  });

  it("needs evidence for an entry without context: the term written in the episode or elsewhere", () => {
    // Both sources heard "carpati", and nothing says Karpathy: the Carpathian mountains stay.
    expect(words(fuse({ heard: "Sui carpati si scia.", said: "sui carpati si scia" }))).toBe("Sui carpati si scia.");
    const withTitle = fuse({ heard: "Il wiki di carpati.", said: "il wiki di carpati", title: "Il wiki di Karpathy" });
    expect(words(withTitle)).toBe("Il wiki di Karpathy.");
    expect(withTitle.report.glossary[0]!.evidence).toEqual(["episode"]);
  });

  it("matches several words, keeps punctuation, and replaces always when told", () => {
    const result = fuse({
      heard: "Allora, cloud code. E sicofantico!",
      said: "Allora, cloud code. E sicofantico!",
      glossary:
        '"cloud code": { term: Claude Code, context: [anthropic] }\nsicofantico: { term: sycophantic, always: true }\n',
    });
    expect(words(result)).toBe("Allora, cloud code. E sycophantic!");
    const withContext = applyGlossary({
      words: fuse({ heard: "Anthropic ha cloud code.", said: "x", glossary: "" }).words,
      glossary: parseGlossary('"cloud code": { term: Claude Code, context: [anthropic] }\n'),
    });
    expect(withContext.words.map((word) => word.text).join(" ")).toBe("Anthropic ha Claude Code.");
    expect(withContext.words.at(-1)!.keys).toEqual(["claude", "code"]);
  });
});
