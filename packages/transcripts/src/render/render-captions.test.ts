import { describe, expect, test } from "vitest";
import type { Episode } from "../model/transcript.js";
import { parseVtt } from "../parsers/vtt.js";
import { episodeCues, TranscriptRenderError } from "./cues.js";
import { renderPodcastJson } from "./render-podcast-json.js";
import { renderVtt, vttTime } from "./render-vtt.js";

const long =
  "Allora, oggi parliamo di modelli. Il primo argomento è lungo e continua per parecchie parole, tante da riempire più di una riga di sottotitoli. Poi finisce.";

const episode: Episode = {
  meta: { title: "t" },
  sections: [
    {
      title: "Intro",
      start: 0,
      turns: [
        {
          speaker: "Stefano Maestri",
          start: 0,
          end: 2,
          paragraphs: ["Ciao a tutti <e> tutte & voi."],
          words: [
            { text: "Ciao", start: 0, end: 0.4 },
            { text: "a", start: 0.4, end: 0.5 },
            { text: "tutti", start: 0.5, end: 0.9 },
            { text: "<e>", start: 0.9, end: 1 },
            { text: "tutte", start: 1, end: 1.4 },
            { text: "&", start: 1.4, end: 1.5 },
            { text: "voi.", start: 1.5, end: 2 },
          ],
        },
        { speaker: "Alessio Soldano", start: 2.5, paragraphs: ["Ciao!"] },
      ],
    },
    { title: "Primo", start: 4, turns: [{ speaker: "Stefano Maestri", start: 4, end: 14, paragraphs: [long] }] },
  ],
};

describe("episodeCues", () => {
  test("keeps cues within the limits, one speaker each, every word once, in order", () => {
    const cues = episodeCues(episode);
    expect(cues.map((cue) => cue.text).join(" ")).toBe(`Ciao a tutti <e> tutte & voi. Ciao! ${long}`);
    for (const cue of cues) {
      expect(cue.text.length).toBeLessThanOrEqual(84);
      expect(cue.end - cue.start).toBeLessThanOrEqual(7);
      expect(cue.end).toBeGreaterThanOrEqual(cue.start);
    }
    expect(cues[0]).toEqual({ speaker: "Stefano Maestri", start: 0, end: 2, text: "Ciao a tutti <e> tutte & voi." });
    // A turn without an end and no words of its own lasts as long as its words take to say, up to the next turn.
    expect(cues[1]).toEqual({ speaker: "Alessio Soldano", start: 2.5, end: 2.5 + 6 / 15, text: "Ciao!" });
    const monologue = cues.slice(2);
    expect(monologue[0]!.start).toBe(4);
    expect(monologue.at(-1)!.end).toBe(14);
    // Cut at the width, and after a sentence once a cue is half full.
    expect(monologue.map((cue) => cue.text)).toEqual([
      "Allora, oggi parliamo di modelli. Il primo argomento è lungo e continua per",
      "parecchie parole, tante da riempire più di una riga di sottotitoli.",
      "Poi finisce.",
    ]);
  });

  test("an episode without any time cannot become captions", () => {
    const untimed: Episode = { meta: {}, sections: [{ title: "", turns: [{ speaker: "A", paragraphs: ["ciao"] }] }] };
    expect(() => episodeCues(untimed)).toThrow(TranscriptRenderError);
  });
});

describe("renderVtt", () => {
  test("writes voice-tagged cues that parseVtt reads back", () => {
    const vtt = renderVtt(episode);
    expect(
      vtt.startsWith(
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Stefano Maestri>Ciao a tutti &lt;e&gt; tutte &amp; voi.</v>\n",
      ),
    ).toBe(true);
    const parsed = parseVtt(vtt);
    expect(parsed.segments.map((segment) => segment.speaker)).toEqual(episodeCues(episode).map((cue) => cue.speaker));
    expect(parsed.segments.map((segment) => segment.text).join(" ")).toBe(
      `Ciao a tutti <e> tutte & voi. Ciao! ${long}`,
    );
    expect(vttTime(3723.4567)).toBe("01:02:03.457");
  });
});

describe("renderPodcastJson", () => {
  test("writes Podcasting 2.0 segments with times in seconds", () => {
    const json = renderPodcastJson(episode);
    expect(json.version).toBe("1.0.0");
    expect(json.segments[1]).toEqual({ speaker: "Alessio Soldano", startTime: 2.5, endTime: 2.9, body: "Ciao!" });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
