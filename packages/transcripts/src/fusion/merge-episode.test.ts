import { describe, expect, it } from "vitest";
import type { Episode, Transcript } from "../model/transcript.js";
import { parseTranscript } from "../parsers/parse-transcript.js";
import { parseRiverside } from "../parsers/riverside.js";
import { type MergeInput, mergeEpisode } from "./merge-episode.js";

// As the recording tool writes it: the two "Ciao!" happened at 00:04 and 00:05, inside Stefano's first paragraph,
// and are listed after it.
const riverside = `Stefano Maestri (00:01)
Ciao a tutti e tutte, ciao Paolo, ciao Alessio. Oggi puntata super densa perché ci sono tante cose di cui parlare. GPT è uscito con la 5.5 e le immagini.

Alessio Soldano (00:04)
Ciao!

Paolo Antinori (00:05)
Ciao!

Stefano Maestri (00:14)
Poi vi racconto del wiki di carpati che ho provato. Ma prima partiamo da Claude e dalle polemiche.

Paolo Antinori (00:24)
Già mi piace questa puntata, parliamo subito delle polemiche.
`;

/** Captions with the right words and times, no speakers; the interjections sit where they were said. */
const sbv = `0:00:01.000,0:00:04.000
Ciao a tutti e tutte, ciao Paolo, ciao Alessio.

0:00:04.000,0:00:06.000
Ciao! Ciao!

0:00:06.000,0:00:10.000
Oggi puntata super densa perché ci sono tante cose di cui parlare.

0:00:10.000,0:00:14.000
GPT è uscito con la 5.5 e le immagini.

0:00:14.000,0:00:19.000
Poi vi racconto del wiki di Karpathy che ho provato.

0:00:19.000,0:00:24.000
Ma prima partiamo da Claude e dalle polemiche.

0:00:24.000,0:00:29.000
Già mi piace questa puntata, parliamo subito delle polemiche.
`;

const speakers = parseRiverside(riverside, { file: "riverside.txt" });
const captions = (text = sbv): Transcript => parseTranscript(text, { file: "captions.sbv", format: "sbv" });
const merge = (input: Partial<MergeInput> = {}) => mergeEpisode({ speakers, text: captions(), ...input });

/** Each turn as `Speaker: words`, section by section. */
function turns(episode: Episode): string[] {
  return episode.sections.flatMap((section) => [
    ...(section.title ? [`## ${section.title}`] : []),
    ...section.turns.map((turn) => `${turn.speaker}: ${turn.paragraphs.join(" / ")}`),
  ]);
}

describe("mergeEpisode", () => {
  it("takes the words from the captions and the speakers from the recording tool, interjections as turns of their own", () => {
    const { episode, report } = merge();
    expect(turns(episode)).toEqual([
      "Stefano Maestri: Ciao a tutti e tutte, ciao Paolo, ciao Alessio.",
      "Alessio Soldano: Ciao!",
      "Paolo Antinori: Ciao!",
      "Stefano Maestri: Oggi puntata super densa perché ci sono tante cose di cui parlare. GPT è uscito con la 5.5 e le immagini. Poi vi racconto del wiki di Karpathy che ho provato. Ma prima partiamo da Claude e dalle polemiche.",
      "Paolo Antinori: Già mi piace questa puntata, parliamo subito delle polemiche.",
    ]);
    expect(report.shortTurns.map((turn) => [turn.speaker, turn.outcome])).toEqual([
      ["Alessio Soldano", "found"],
      ["Paolo Antinori", "found"],
    ]);
    expect(episode.sections[0]!.turns.map((turn) => turn.start)).toEqual([1, 4, expect.closeTo(5, 0), 6, 24]);
  });

  it("restores an interjection the captions dropped, at a sentence boundary near its time, or leaves it out if told", () => {
    const dropped = captions(sbv.replace("Ciao! Ciao!", "Ciao!"));
    const restored = merge({ text: dropped });
    expect(turns(restored.episode).slice(0, 4)).toEqual([
      "Stefano Maestri: Ciao a tutti e tutte, ciao Paolo, ciao Alessio.",
      "Alessio Soldano: Ciao!",
      "Paolo Antinori: Ciao!",
      expect.stringMatching(/^Stefano Maestri: Oggi puntata/),
    ]);
    expect(restored.report.restoredWords).toBe(1);
    expect(restored.words.find((word) => word.origin === "speakers")).toMatchObject({ text: "Ciao!", start: 5 });
    const kept = merge({ text: dropped, options: { shortTurns: { restoreDropped: false } } });
    expect(kept.words.filter((word) => word.text === "Ciao!")).toHaveLength(1);
  });

  it("does not take the host's misheard word for a dropped interjection that merely sounds a little like it", () => {
    // The recording tool heard "giusto?" as "gilsto?", so the captions' "giusto?" is explained by nothing; its letters
    // share a few sounds with "Sì, esatto." (which the captions dropped), but it is the end of Stefano's question.
    const host = parseRiverside(
      `Stefano Maestri (00:01)
Serve un modello o il fine tuning di un altro modello già esistente, gilsto? E questa cosa mi dicevi che la usi soprattutto nel machine learning.

Veronica Brizzi (00:07)
Sì, esatto.
`,
      { file: "riverside.txt" },
    );
    const text = parseTranscript(
      `0:00:01.000,0:00:06.500
Serve un modello o il fine tuning di un altro modello già esistente, giusto? E

0:00:06.500,0:00:12.000
questa cosa mi dicevi che la usi soprattutto nel machine learning.
`,
      { file: "captions.sbv", format: "sbv" },
    );
    const { episode } = mergeEpisode({ speakers: host, text });
    expect(turns(episode)).toEqual([
      "Stefano Maestri: Serve un modello o il fine tuning di un altro modello già esistente, giusto?",
      "Veronica Brizzi: Sì, esatto.",
      "Stefano Maestri: E questa cosa mi dicevi che la usi soprattutto nel machine learning.",
    ]);
  });

  it("moves interjections caught inside the interrupted sentence to its nearest boundary, here its start", () => {
    const inside = sbv
      .replace("Ciao! Ciao!\n", "Oggi puntata super densa\n")
      .replace("Oggi puntata super densa perché", "Ciao! Ciao! perché");
    expect(inside).toContain("Oggi puntata super densa\n\n0:00:06.000,0:00:10.000\nCiao! Ciao! perché");
    const { episode } = merge({ text: captions(inside) });
    expect(turns(episode)).toEqual(turns(merge().episode));
    const later = sbv.replace("Ciao! Ciao!\n", "").replace("cose di cui parlare.", "cose Ciao! Ciao! di cui parlare.");
    expect(turns(merge({ text: captions(later) }).episode).slice(0, 4)).toEqual([
      "Stefano Maestri: Ciao a tutti e tutte, ciao Paolo, ciao Alessio. Oggi puntata super densa perché ci sono tante cose di cui parlare.",
      "Alessio Soldano: Ciao!",
      "Paolo Antinori: Ciao!",
      expect.stringMatching(/^Stefano Maestri: GPT è uscito/),
    ]);
  });

  it("places a chapter at a sentence start inside a monologue, with the list's time and the speaker repeated", () => {
    const { episode, report } = merge({
      chapters: [
        { start: 0, title: "Intro" },
        { start: 19, title: "Le polemiche su Claude" },
      ],
    });
    expect(turns(episode)).toEqual([
      "## Intro",
      "Stefano Maestri: Ciao a tutti e tutte, ciao Paolo, ciao Alessio.",
      "Alessio Soldano: Ciao!",
      "Paolo Antinori: Ciao!",
      "Stefano Maestri: Oggi puntata super densa perché ci sono tante cose di cui parlare. GPT è uscito con la 5.5 e le immagini. Poi vi racconto del wiki di Karpathy che ho provato.",
      "## Le polemiche su Claude",
      "Stefano Maestri: Ma prima partiamo da Claude e dalle polemiche.",
      "Paolo Antinori: Già mi piace questa puntata, parliamo subito delle polemiche.",
    ]);
    expect(episode.sections.map((section) => section.start)).toEqual([0, 19]);
    expect(report.chapters[1]).toMatchObject({ sentenceStart: true, turnStart: false });
  });

  it("takes times from the recording tool when the text has none", () => {
    const plain = parseTranscript(sbv.replace(/^\d:\d\d:\d\d\.\d+,.*\n/gm, "").replace(/\n\n/g, "\n"), {
      file: "captions.txt",
      format: "text",
    });
    expect(plain.segments.every((segment) => segment.start === undefined)).toBe(true);
    const { episode } = merge({ text: plain });
    expect(turns(episode)).toEqual(turns(merge().episode));
    const starts = episode.sections[0]!.turns.map((turn) => turn.start!);
    expect(starts[0]).toBe(1);
    expect(starts[4]).toBe(24);
  });

  it("gives machine captions (no capitals, no punctuation) the recording tool's spelling where the words agree", () => {
    const machine = sbv.replace(/^(?!\d:\d\d).+$/gm, (line) =>
      line
        .toLowerCase()
        .replace(/[.,!?]/g, "")
        .replace("5 5", "5.5"),
    );
    const { episode } = merge({ text: captions(machine) });
    expect(turns(episode)[0]).toBe("Stefano Maestri: Ciao a tutti e tutte, ciao Paolo, ciao Alessio.");
    expect(turns(episode)).toContain("Paolo Antinori: Già mi piace questa puntata, parliamo subito delle polemiche.");
    // The words stay the captions': "karpathy", where the recording tool heard "carpati".
    expect(turns(episode).join(" ")).toContain("wiki di karpathy che");
  });

  it("ends machine captions' sentences where the recording tool did, also where it misheard the words around the stop", () => {
    // The recording tool split "parlare." in two and missed "Ma": the full stops are on words no caption word has as
    // its counterpart ("lare.") or on one shared with a word it missed ("provato." for "provato ma").
    const misheard = riverside
      .replace("di cui parlare.", "di cui par lare.")
      .replace("ho provato. Ma prima", "ho provato. prima");
    const machine = sbv.replace(/^(?!\d:\d\d).+$/gm, (line) =>
      line
        .toLowerCase()
        .replace(/[.,!?]/g, "")
        .replace("5 5", "5.5"),
    );
    const { episode } = merge({
      speakers: parseRiverside(misheard, { file: "riverside.txt" }),
      text: captions(machine),
    });
    const text = turns(episode).join(" ");
    expect(text).toContain("di cui parlare. GPT è uscito");
    expect(text).toContain("che ho provato. Ma prima partiamo");
  });

  it("uses the speaker source's own words when there are no captions", () => {
    const { episode, report } = mergeEpisode({ speakers });
    expect(turns(episode)[0]).toMatch(/^Stefano Maestri: Ciao a tutti e tutte, ciao Paolo, ciao Alessio\. /);
    // The interjections are set aside before aligning, so they are the only words without a counterpart.
    expect(report.agreement).toBeCloseTo(57 / 59, 5);
    expect(turns(episode)).toContain("Alessio Soldano: Ciao!");
  });
});
