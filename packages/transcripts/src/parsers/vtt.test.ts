import { describe, expect, test } from "vitest";
import { TranscriptParseError } from "./parse-error.js";
import { parseVtt } from "./vtt.js";

const authored = `WEBVTT - an episode
Kind: captions
Language: it

NOTE
This is a comment --> with an arrow
over two lines

STYLE
::cue { color: yellow }

REGION
id:fred width:40%

intro-1
00:00.000 --> 00:02.500 align:start position:10% line:0
<v Stefano Maestri>Ciao a tutti &amp; tutte</v>

00:00:02.500 --> 00:00:04.000
<v.loud Alessio Soldano>Ciao!
<v Paolo Antinori>Ciao a te.</v> fuori

3
01:00:00.000 --> 01:00:01.000
<c.yellow>testo</c> <i>senza</i> voce &lt;3
`;

const rolling = `WEBVTT
Kind: captions
Language: it

00:00:00.000 --> 00:00:02.869 align:start position:0%
 
ciao<00:00:00.320><c> a</c><00:00:00.480><c> tutti</c><00:00:00.960><c> e</c>

00:00:02.869 --> 00:00:02.879 align:start position:0%
ciao a tutti e
 

00:00:02.879 --> 00:00:05.240 align:start position:0%
ciao a tutti e
tutte<00:00:03.199><c> bentornati</c>

00:00:05.240 --> 00:00:05.250 align:start position:0%
tutte bentornati
 

00:00:05.250 --> 00:00:07.000 align:start position:0%
tutte bentornati
[Musica]

00:00:07.000 --> 00:00:09.000 align:start position:0%
[Musica]
ciao<00:00:07.400><c> ancora</c>
`;

describe("parseVtt", () => {
  test("reads header, NOTE, STYLE and REGION blocks, identifiers, settings and voices", () => {
    expect(parseVtt(authored, { file: "a.vtt" })).toEqual({
      format: "vtt",
      file: "a.vtt",
      segments: [
        { text: "Ciao a tutti & tutte", start: 0, end: 2.5, line: 15, speaker: "Stefano Maestri" },
        { text: "Ciao!", start: 2.5, end: 4, line: 19, speaker: "Alessio Soldano" },
        { text: "Ciao a te.", start: 2.5, end: 4, line: 19, speaker: "Paolo Antinori" },
        { text: "fuori", start: 2.5, end: 4, line: 19 },
        { text: "testo senza voce <3", start: 3600, end: 3601, line: 23 },
      ],
    });
  });

  test("de-duplicates YouTube's rolling auto-captions: every word once, with its own time", () => {
    const { segments } = parseVtt(rolling);
    const words = segments.flatMap((segment) => segment.words ?? [{ text: segment.text, start: segment.start }]);
    expect(words.map((word) => word.text).join(" ")).toBe("ciao a tutti e tutte bentornati [Musica] ciao ancora");
    expect(words.map((word) => word.start)).toEqual([0, 0.32, 0.48, 0.96, 2.879, 3.199, 5.25, 7, 7.4]);
    expect(segments[0]).toEqual({
      text: "ciao a tutti e",
      start: 0,
      end: 2.869,
      line: 5,
      words: [
        { text: "ciao", start: 0, end: 0.32 },
        { text: "a", start: 0.32, end: 0.48 },
        { text: "tutti", start: 0.48, end: 0.96 },
        { text: "e", start: 0.96, end: 2.869 },
      ],
    });
  });

  test("accepts BOM and CRLF", () => {
    const text = "\uFEFFWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nuno\r\n";
    expect(parseVtt(text).segments).toEqual([{ text: "uno", start: 1, end: 2, line: 3 }]);
    expect(parseVtt(rolling.replaceAll("\n", "\r\n")).segments.map((segment) => segment.text)).toEqual([
      "ciao a tutti e",
      "tutte bentornati",
      "[Musica]",
      "ciao ancora",
    ]);
  });

  test("a missing signature, trailing garbage and malformed timings name their line", () => {
    const error = (text: string) => {
      try {
        parseVtt(text, { file: "x.vtt" });
      } catch (caught) {
        if (TranscriptParseError.isInstance(caught)) return caught;
      }
      throw new Error("expected a TranscriptParseError");
    };
    expect(error("1\n00:00:01,000 --> 00:00:02,000\nuno\n").message).toMatch(/^x\.vtt:1: expected `WEBVTT`/);
    expect(error("WEBVTT\n\n00:01.000 --> 00:02.000\nuno\n\ngarbage here\n").line).toBe(6);
    expect(error("WEBVTT\n\n00:01.000 --> 00:0x.000\nuno\n").message).toMatch(/^x\.vtt:3: expected a timing line/);
  });
});
